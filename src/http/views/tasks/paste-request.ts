import { DateTime } from 'luxon';
import { parseIntake, type IntakeField, type IntakeResult } from '../../../domain/intake';
import { questionFor } from '../../../domain/intake/questions';
import type { TaskType } from '../../../domain/language';
import { OSLO_ZONE } from '../../../domain/oslo-time';
import { csrfInput, type FieldErrors } from '../form';
import { html, type SafeHtml } from '../html';
import type { TaskFormValues } from './task-form-input';

/**
 * «Lim inn forespørsel» on the new-task form: a request someone phoned in or texted to a
 * coordinator's own phone is pasted, read by the same intake parser as the SMS conversation, and
 * prefills the form. What the parser could not read, or would have asked about, is marked
 * «Mangler: …» beside its field. Without JavaScript the box posts and the form comes back
 * prefilled; with it (paste-request.js) the fields fill in place.
 */

/** What the paste did, for the box and for the marks beside the fields. */
export interface PasteState {
  text: string;
  /** «Mangler: …» beside each field the coordinator must still fill, by form field. */
  marks: FieldErrors;
  /** The form fields the text filled. */
  filled: (keyof TaskFormValues)[];
  /** Worth knowing before saving: several days, urgent, a holiday, not a request at all. */
  notices: string[];
  /** A problem with the pasted text itself (empty, too long). */
  error?: string;
}

export const PASTE_MAX_LENGTH = 2000;

/** The short text that goes out in offers: what kind of help, never who or where exactly. */
const SUMMARY: Record<TaskType, string | null> = {
  shopping: 'Handlehjelp.', escort: 'Følge til en avtale.', visit: 'Besøksvenn.', walk: 'Tur.', practical: 'Praktisk hjelp hjemme.', other: null,
};

const FIELD_NAMES: Record<IntakeField, keyof TaskFormValues> = { date: 'date', time: 'time', place: 'area' };
const FIELD_WORDS: Record<IntakeField, string> = { date: 'dato', time: 'tidspunkt', place: 'sted' };

/** Why the parser would have asked, in bokmål for the coordinator (the question without its example answer). */
function reasonOf(intake: IntakeResult, field: IntakeField, received: DateTime): string {
  const q = intake.questions.find((x) => x.field === field);
  if (!q) return '';
  const context = { candidates: intake.dateCandidates, example: received.plus({ days: 1 }), appointment: intake.appointmentTime, language: 'nb' as const };
  return ` ${questionFor(field, q.reason, context).text.replace(/\s*Svar f\.eks\..*$/, '')}`;
}

const dayText = (iso: string) => DateTime.fromISO(iso, { zone: OSLO_ZONE }).setLocale('nb').toFormat('cccc d. MMMM');

function noticesOf(intake: IntakeResult): string[] {
  const notices: string[] = [];
  if (!intake.isRequest) notices.push('Teksten ser ikke ut som en bestilling (takk, spørsmål, klage eller endring). Sjekk feltene før du lagrer.');
  if (intake.dates.length > 1) {
    notices.push(`Teksten nevner ${intake.dates.length} dager: ${intake.dates.map(dayText).join(', ')}. Skjemaet lager ett oppdrag for den første; lag ett til for hver av de andre.`);
  }
  if (intake.urgent) notices.push('Haster: ønsket er nå eller innen to timer.');
  if (intake.holiday) notices.push(`${dayText(intake.date!)} er en helligdag (${intake.holiday}).`);
  return notices;
}

/**
 * The form prefilled from the parser's reading, over `base` (unit, wave size … stay as they were).
 * For an escort the place read is the destination («kreftpoliklinikken» is a health detail), so it
 * goes to the details, and «Sted», which every offer SMS shows, is left to the coordinator.
 */
export function prefillFromText(text: string, receivedAt: Date, base: TaskFormValues): { values: TaskFormValues; paste: PasteState } {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > PASTE_MAX_LENGTH) {
    const error = trimmed ? `Høyst ${PASTE_MAX_LENGTH} tegn (nå ${trimmed.length}).` : 'Lim inn teksten først.';
    return { values: base, paste: { text: trimmed.slice(0, PASTE_MAX_LENGTH), marks: {}, filled: [], notices: [], error } };
  }
  const received = DateTime.fromJSDate(receivedAt).setZone(OSLO_ZONE);
  const intake = parseIntake(trimmed, receivedAt);
  const values: TaskFormValues = { ...base };
  const marks: FieldErrors = {};
  const escort = intake.type === 'escort';

  const summary = SUMMARY[intake.type];
  if (summary) Object.assign(values, { type: intake.type, summary });
  else marks.type = 'Mangler: type. Fant ikke hva slags hjelp det gjelder.';
  if (intake.date) values.date = intake.date;
  if (intake.time) values.time = intake.time;
  if (intake.place && !escort) values.area = intake.place;
  values.details = [intake.place ? `Hvor: ${intake.place}.` : null, intake.notes.trim() || null].filter(Boolean).join('\n');

  for (const field of ['date', 'time'] as const) {
    if (!intake[field]) marks[FIELD_NAMES[field]] = `Mangler: ${FIELD_WORDS[field]}.${reasonOf(intake, field, received)}`;
  }
  if (!values.area) {
    marks.area = escort && intake.place
      ? `Mangler: sted. Skriv omtrent hvor den frivillige møter (målet, ${intake.place}, står i detaljene).`
      : 'Mangler: sted. Omtrent hvor, for eksempel bydelen.';
  }
  if (!values.details) marks.details = 'Mangler: detaljer. Hvem, adresse og det den frivillige må vite.';
  if (!summary) marks.summary = 'Mangler: kort beskrivelse.';

  const filled = (['type', 'date', 'time', 'area', 'summary', 'details'] as const).filter((f) => values[f] !== '' && values[f] !== base[f]);
  return { values, paste: { text: trimmed, marks, filled, notices: noticesOf(intake) } };
}

const FIELD_LABELS: Partial<Record<keyof TaskFormValues, string>> = { type: 'type', date: 'dato', time: 'klokkeslett', area: 'sted', summary: 'kort beskrivelse', details: 'detaljer' };

/** One line saying what the paste filled and what is left, read out by screen readers (role=status). */
export function pasteResultText(paste: PasteState): string {
  if (paste.error) return paste.error;
  const filled = paste.filled.map((f) => FIELD_LABELS[f] ?? f).join(', ');
  const missing = Object.keys(paste.marks).map((f) => FIELD_LABELS[f as keyof TaskFormValues] ?? f).join(', ');
  return `${filled ? `Fylt ut: ${filled}.` : 'Fant ingenting å fylle ut.'}${missing ? ` Mangler: ${missing}.` : ''}`;
}

/** The box above the new-task form. It posts on its own, so it works without JavaScript. */
export function pasteRequestBox(csrfToken: string, paste?: PasteState): SafeHtml {
  const error = paste?.error;
  const result = paste ? pasteResultText(paste) : '';
  return html`<section class="paste-request" aria-labelledby="paste-heading">
<h2 id="paste-heading">Lim inn forespørsel</h2>
<form class="stack" method="post" action="/admin/tasks/new/parse" id="paste-form" novalidate>
${csrfInput(csrfToken)}
<div class="field"><label for="f-request">Tekst fra SMS, e-post eller telefonnotat</label>
<span class="hint" id="request-hint">Skjemaet under fylles ut fra teksten. Sjekk alt før du lagrer; det som mangler, merkes.</span>
${error ? html`<span class="error-text" id="request-error">${error}</span>` : ''}
<textarea id="f-request" name="request" rows="4" maxlength="${String(PASTE_MAX_LENGTH)}" aria-describedby="request-hint${error ? ' request-error' : ''}"${error ? html` aria-invalid="true"` : ''}>${paste?.text ?? ''}</textarea></div>
<div><button type="submit">Fyll ut skjemaet</button></div>
<div id="paste-result" role="status">${result && !error ? html`<p>${result}</p>` : ''}${(paste?.notices ?? []).map((n) => html`<p class="hint">${n}</p>`)}</div>
</form>
</section>`;
}
