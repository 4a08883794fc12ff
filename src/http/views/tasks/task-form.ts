import type { Unit } from '../../../db/coordinator.repo';
import { csrfInput, inputField, selectField, textareaField, type FieldErrors } from '../form';
import { TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { TASK_FORM_FIELDS, type TaskFormValues } from './task-form-input';
import { pasteRequestBox, type PasteState } from './paste-request';

const LABELS: Record<keyof TaskFormValues, string> = {
  type: 'Type oppdrag', date: 'Dato', time: 'Klokkeslett', durationMinutes: 'Varighet i minutter', area: 'Sted',
  summary: 'Kort beskrivelse', details: 'Detaljer', waveSize: 'Antall frivillige som spørres om gangen',
  offerTimeoutMinutes: 'Svarfrist i minutter', unitId: 'Enhet', personRef: 'Hvem får hjelp (referanse)', fillBy: 'Frist for å finne frivillig',
  reqConfidentiality: 'Signert taushetserklæring', reqPoliceCertificate: 'Gyldig politiattest', reqTraining: 'Gjennomført opplæring',
};

export function emptyTaskForm(unitId: string | null): TaskFormValues {
  return {
    type: '', date: '', time: '', durationMinutes: '60', area: '', summary: '', details: '', waveSize: '3', offerTimeoutMinutes: '30', unitId: unitId ?? '',
    personRef: '', fillBy: '', reqConfidentiality: '', reqPoliceCertificate: '', reqTraining: '',
  };
}

/** A list of the problems at the top, each linking to its field, for screen-reader and keyboard users. */
function errorSummary(errors: FieldErrors): SafeHtml | string {
  const fields = TASK_FORM_FIELDS.filter((f) => errors[f]);
  if (fields.length === 0) return '';
  return html`<div class="flash error" role="alert" id="form-errors"><p>Skjemaet har ${fields.length === 1 ? 'en feil' : `${fields.length} feil`}:</p>
<ul>${fields.map((f) => html`<li><a href="#f-${f}">${LABELS[f]}: ${errors[f] ?? ''}</a></li>`)}</ul></div>`;
}

function whenFields(v: TaskFormValues, errors: FieldErrors): SafeHtml {
  return html`<fieldset><legend>Når (norsk tid)</legend>
${inputField({ name: 'date', label: LABELS.date, type: 'date', value: v.date, errors, required: true })}
${inputField({ name: 'time', label: LABELS.time, type: 'time', value: v.time, errors, required: true })}
${inputField({ name: 'durationMinutes', label: LABELS.durationMinutes, type: 'number', value: v.durationMinutes, errors, required: true, attrs: html` min="1" max="1440" inputmode="numeric"` })}
</fieldset>`;
}

function checkbox(v: TaskFormValues, name: 'reqConfidentiality' | 'reqPoliceCertificate' | 'reqTraining'): SafeHtml {
  return html`<div><input type="checkbox" id="f-${name}" name="${name}" value="on"${v[name] === 'on' ? html` checked` : ''}> <label for="f-${name}" style="display:inline;font-weight:400">${LABELS[name]}</label></div>`;
}

function matchingFields(v: TaskFormValues, errors: FieldErrors): SafeHtml {
  return html`<fieldset><legend>Hvem kan spørres</legend>
<p class="hint" id="requirements-hint">Bare frivillige som har dette (og ikke utløpt), får tilbud.</p>
${checkbox(v, 'reqConfidentiality')}${checkbox(v, 'reqPoliceCertificate')}${checkbox(v, 'reqTraining')}
${inputField({ name: 'personRef', label: LABELS.personRef, value: v.personRef, errors, hint: 'En kode eller initialer enheten bruker om personen. Den som har hjulpet samme person før, spørres først. Står aldri i SMS.' })}
</fieldset>`;
}

function dispatchFields(v: TaskFormValues, errors: FieldErrors): SafeHtml {
  return html`<fieldset><legend>Utsending</legend>
${inputField({ name: 'waveSize', label: LABELS.waveSize, type: 'number', value: v.waveSize, errors, required: true, hint: 'Den første som svarer JA, får oppdraget. 1 betyr én om gangen.', attrs: html` min="1" max="50" inputmode="numeric"` })}
${inputField({ name: 'fillBy', label: LABELS.fillBy, type: 'datetime-local', value: v.fillBy, errors, hint: 'Tomt betyr to timer før start. Har ingen sagt ja når fristen nærmer seg, får koordinator én SMS. Oppdrag som starter innen et døgn, sendes til flere om gangen med kortere svarfrist.' })}
${inputField({ name: 'offerTimeoutMinutes', label: LABELS.offerTimeoutMinutes, type: 'number', value: v.offerTimeoutMinutes, errors, required: true, hint: 'Hvor lenge hver frivillig har på seg før neste spørres.', attrs: html` min="1" max="10080" inputmode="numeric"` })}
</fieldset>`;
}

/** Editing an existing task instead of creating one: the same fields, another heading, action and button. */
export interface TaskFormEdit { taskId: string; editVersion: number; notice?: string }

function editNotice(edit: TaskFormEdit | undefined): SafeHtml | string {
  if (!edit) return '';
  return html`${edit.notice ? html`<div class="flash error" role="alert" id="edit-notice">${edit.notice}</div>` : ''}
<p class="hint">Endres tid eller sted, får den som har oppdraget og de som har et åpent tilbud en SMS om det. Andre endringer sendes ikke. Passer den som har oppdraget ikke lenger, blir du spurt før noe lagres.</p>`;
}

function submitRow(edit: TaskFormEdit | undefined): SafeHtml {
  return edit
    ? html`<div><button type="submit">Lagre endringene</button> <a href="/admin/tasks/${edit.taskId}">Avbryt</a></div>`
    : html`<div><button type="submit">Lagre oppdraget</button> <span class="hint">Ingenting sendes før du trykker «Send ut» på oppdraget.</span></div>`;
}

/**
 * The new-task form, and with `edit` the same form for changing a task. `novalidate`: the server
 * checks every field and answers in bokmål next to it, so the browser's own (differently worded)
 * bubbles do not get in first.
 */
export function taskFormPage(frame: PageFrame, v: TaskFormValues, units: Unit[], submitted: FieldErrors = {}, paste?: PasteState, edit?: TaskFormEdit): SafeHtml {
  // «Mangler: …» from a pasted request shows where an error would, until the form is submitted.
  const errors: FieldErrors = { ...paste?.marks, ...submitted };
  const types = [{ value: '', label: 'Velg …' }, ...Object.entries(TASK_TYPE_LABELS).map(([value, label]) => ({ value, label }))];
  const heading = edit ? `Endre oppdrag ${edit.taskId}` : 'Nytt oppdrag';
  return page(frame, {
    title: Object.keys(submitted).length > 0 ? `Feil i skjemaet: ${heading}` : heading,
    section: 'tasks',
    body: html`
<p><a href="${edit ? `/admin/tasks/${edit.taskId}` : '/admin/tasks'}">${edit ? '← Tilbake til oppdraget' : '← Alle oppdrag'}</a></p>
<h1>${heading}</h1>
${editNotice(edit)}
${errorSummary(submitted)}
${edit ? '' : pasteRequestBox(frame.csrfToken, paste)}
<form class="stack" method="post" action="${edit ? `/admin/tasks/${edit.taskId}/edit` : '/admin/tasks/new'}" novalidate id="task-form">
${csrfInput(frame.csrfToken)}${edit ? html`<input type="hidden" name="editVersion" value="${String(edit.editVersion)}">` : ''}
${selectField({ name: 'type', label: LABELS.type, value: v.type, errors, options: types })}
${whenFields(v, errors)}
${inputField({ name: 'area', label: LABELS.area, value: v.area, errors, required: true, hint: 'Omtrent hvor, for eksempel «Lørenskog sentrum». Står i SMS-en.' })}
${textareaField({ name: 'summary', label: LABELS.summary, value: v.summary, errors, required: true, hint: 'Går med i SMS-en til alle som spørres. Ikke skriv navn, adresse eller helseopplysninger.' })}
${textareaField({ name: 'details', label: LABELS.details, value: v.details, errors, required: true, hint: 'Navn, adresse og det den frivillige må vite. Sendes bare til den som får oppdraget.' })}
${selectField({ name: 'unitId', label: LABELS.unitId, value: v.unitId, errors, hint: 'Bare koordinatorene i denne enheten ser detaljene.', options: [{ value: '', label: 'Velg …' }, ...units.map((u) => ({ value: u.id, label: u.name }))] })}
${matchingFields(v, errors)}
${dispatchFields(v, errors)}
${submitRow(edit)}
</form>`,
    scripts: ['/static/paste-request.js'],
  });
}
