import type { Volunteer } from '../../../db/volunteer.repo';
import { formatAvailability } from '../../../domain/availability-text';
import { CONTACT_PREFERENCE_NAMES, CONTACT_PREFERENCES } from '../../../domain/contact-preference';
import type { Weekday } from '../../../domain/matching';
import { languageLabel, listLanguages } from '../../../domain/messages';
import { TASK_TYPES } from '../../../domain/volunteer';
import { DATE_FIELDS, parseDay, type VolunteerForm, type VolunteerFormErrors, type VolunteerFormField, type VolunteerFormProblem } from '../../../domain/volunteer-form';
import { csrfInput, inputField, selectField, textareaField, type FieldErrors } from '../form';
import { formatDateTime, TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { FORM_PROBLEM_TEXT, formatPhone, PAPERS } from './labels';

export interface VolunteerFormView {
  /** Absent for a new volunteer. */
  volunteer?: Volunteer;
  values: VolunteerForm;
  errors: VolunteerFormErrors;
  /** The requester whose number was typed, named in the `requester_phone` message. */
  requesterName?: string;
  /** A volunteer's page: status, activity and leaving (views/volunteers/profile.ts), above the form. */
  profile?: SafeHtml;
}

export const EMPTY_VOLUNTEER_FORM: VolunteerForm = {
  name: '', phone: '', language: 'nb', contactPreference: 'sms', taskTypes: [...TASK_TYPES], areas: '', notes: '',
  agreementSignedOn: '', confidentialitySignedOn: '', policeCertificateOn: '', trainingOn: '', pausedUntil: '',
  availability: '', maxTasksPerWeek: '',
};

export function formFromVolunteer(v: Volunteer): VolunteerForm {
  return {
    name: v.name, phone: formatPhone(v.phone), language: v.language, contactPreference: v.contactPreference, taskTypes: v.taskTypes, areas: v.areas.join(', '), notes: v.notes,
    agreementSignedOn: v.agreementSignedOn ?? '', confidentialitySignedOn: v.confidentialitySignedOn ?? '',
    policeCertificateOn: v.policeCertificateOn ?? '', trainingOn: v.trainingOn ?? '', pausedUntil: v.pausedUntil ?? '',
    availability: formatAvailability(v.availability.map((w) => ({ ...w, weekday: w.weekday as Weekday }))),
    maxTasksPerWeek: v.maxTasksPerWeek === null ? '' : String(v.maxTasksPerWeek),
  };
}

const FIELD_LABELS: Record<VolunteerFormField, string> = {
  name: 'Navn', phone: 'Mobilnummer', language: 'Språk i SMS', contactPreference: 'Tilbud på', taskTypes: 'Oppgaver', areas: 'Områder', notes: 'Notater',
  agreementSignedOn: 'Avtale signert', confidentialitySignedOn: 'Taushetserklæring signert', policeCertificateOn: 'Politiattest',
  trainingOn: 'Opplæring gjennomført', pausedUntil: 'Pause til og med',
  availability: 'Når kan den frivillige', maxTasksPerWeek: 'Høyst antall oppdrag per uke',
};

/** Ny frivillig, or a volunteer's own page: the same form, with every problem next to its field. */
export function volunteerFormPage(frame: PageFrame, view: VolunteerFormView): SafeHtml {
  const v = view.volunteer;
  const title = v ? v.name : 'Ny frivillig';
  const errors = toFieldErrors(view.errors, view.requesterName);
  return page(frame, {
    title,
    section: 'volunteers',
    body: html`
<p><a href="/admin/volunteers">← Alle frivillige</a></p>
<h1>${title}</h1>
${errorSummary(view.errors, view.requesterName)}
${v ? optOutStatus(v) : ''}
${view.profile ?? ''}
${v ? html`<h2>Opplysninger</h2>` : ''}
<form class="stack" method="post" action="${v ? `/admin/volunteers/${v.id}` : '/admin/volunteers/new'}" novalidate>
  ${csrfInput(frame.csrfToken)}
  ${inputField({ name: 'name', label: FIELD_LABELS.name, value: view.values.name, errors, required: true, attrs: html` autocomplete="off"` })}
  ${inputField({ name: 'phone', label: FIELD_LABELS.phone, value: view.values.phone, errors, required: true, type: 'tel', hint: 'Tilbudene kommer til dette nummeret. Norske numre kan skrives uten +47. En fasttelefon kan bare ringes.', attrs: html` autocomplete="off"` })}
  ${selectField({ name: 'language', label: FIELD_LABELS.language, value: view.values.language, errors, options: listLanguages().map((l) => ({ value: l.code, label: languageLabel(l.code) })) })}
  ${selectField({ name: 'contactPreference', label: FIELD_LABELS.contactPreference, value: view.values.contactPreference ?? 'sms', errors, hint: 'Ring: tilbudet leses opp i en automatisk samtale, og den frivillige svarer med tastene. En fasttelefon kan bare ringes.', options: CONTACT_PREFERENCES.map((p) => ({ value: p, label: CONTACT_PREFERENCE_NAMES[p] })) })}
  ${taskTypeChoices(view.values.taskTypes, errors)}
  ${inputField({ name: 'areas', label: FIELD_LABELS.areas, value: view.values.areas, errors, hint: 'Skill med komma, for eksempel «Lørenskog sentrum, Fjellhamar».' })}
  ${textareaField({ name: 'notes', label: FIELD_LABELS.notes, value: view.values.notes, errors, hint: 'Bare for koordinatorer. Ikke skriv helseopplysninger.' })}
  <fieldset class="field" style="border:1px solid var(--line);border-radius:6px;padding:8px 12px 12px">
    <legend style="font-weight:600">Papirer og opplæring</legend>
    <p class="hint">Datoen det ble gjort. La feltet stå tomt hvis det mangler. Skrives som dd.mm.åååå hvis nettleseren ikke viser en kalender.</p>
    ${PAPERS.map((p) => dateField(p.field, view.values[p.field], errors))}
  </fieldset>
  ${dateField('pausedUntil', view.values.pausedUntil, errors, 'Den frivillige får ingen tilbud til og med denne dagen.')}
  ${inputField({ name: 'availability', label: FIELD_LABELS.availability, value: view.values.availability, errors, hint: 'For eksempel «man–fre 09–15, lør 10–13». Tomt betyr når som helst. Bare oppdrag som passer helt innenfor, blir tilbudt.' })}
  ${inputField({ name: 'maxTasksPerWeek', label: FIELD_LABELS.maxTasksPerWeek, value: view.values.maxTasksPerWeek, errors, type: 'number', hint: 'Tomt betyr ingen grense. Den frivillige kan også sende «MAKS 2» på SMS.', attrs: html` min="1" max="14" inputmode="numeric"` })}
  <div><button type="submit">${v ? 'Lagre endringer' : 'Legg til frivillig'}</button> <a href="/admin/volunteers">Avbryt</a></div>
</form>`,
  });
}

function problemText(problem: VolunteerFormProblem, requesterName?: string): string {
  return problem === 'requester_phone' && requesterName ? `Nummeret tilhører bestilleren «${requesterName}» og kan ikke også være en frivilligs nummer.` : FORM_PROBLEM_TEXT[problem];
}

function toFieldErrors(errors: VolunteerFormErrors, requesterName?: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, problem] of Object.entries(errors)) if (problem) out[field] = problemText(problem, requesterName);
  return out;
}

/** On a failed save: one alert at the top that links to each field, for keyboard and screen reader users. */
function errorSummary(errors: VolunteerFormErrors, requesterName?: string): SafeHtml | string {
  const fields = Object.keys(errors) as VolunteerFormField[];
  if (fields.length === 0) return '';
  return html`<div class="flash error" role="alert"><p><strong>Skjemaet ble ikke lagret.</strong> Rett opp dette:</p>
<ul>${fields.map((f) => html`<li><a href="#f-${f}">${FIELD_LABELS[f]}: ${problemText(errors[f]!, requesterName)}</a></li>`)}</ul></div>`;
}

function optOutStatus(v: Volunteer): SafeHtml {
  if (!v.optedOutAt) return html`<p class="muted">Lagt til ${formatDateTime(v.createdAt)}. Får tilbud på SMS.</p>`;
  return html`<p class="flash error" role="note"><strong>Meldt av</strong> på SMS ${formatDateTime(v.optedOutAt)}. Den frivillige får ingen tilbud.
Bare den frivillige kan melde seg på igjen, ved å sende START til tjenestenummeret.</p>`;
}

function taskTypeChoices(selected: string[], errors: FieldErrors): SafeHtml {
  const error = errors.taskTypes;
  return html`<fieldset class="field" id="f-taskTypes" style="border:1px solid var(--line);border-radius:6px;padding:8px 12px"${error ? html` aria-describedby="taskTypes-error"` : ''}>
  <legend style="font-weight:600">${FIELD_LABELS.taskTypes}</legend>
  <span class="hint">Hva den frivillige vil få tilbud om.</span>
  ${error ? html`<span class="error-text" id="taskTypes-error">${error}</span>` : ''}
  ${TASK_TYPES.map((t) => html`<label style="font-weight:400;display:flex;gap:8px;align-items:center"><input type="checkbox" name="taskTypes" value="${t}"${selected.includes(t) ? html` checked` : ''}> ${TASK_TYPE_LABELS[t] ?? t}</label>`)}
</fieldset>`;
}

function dateField(field: (typeof DATE_FIELDS)[number], value: string, errors: FieldErrors, hint?: string): SafeHtml {
  // A date input only holds YYYY-MM-DD; a typed 3.12.2026 that is valid is shown converted.
  const shown = parseDay(value) ?? value;
  return inputField({ name: field, label: FIELD_LABELS[field], value: shown, type: 'date', errors, hint });
}
