import { csrfInput } from '../form';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { TASK_FORM_FIELDS, type TaskFormValues } from './task-form-input';

/** «ikke tilgjengelig fredager og mangler politiattest» */
function list(reasons: readonly string[]): string {
  return new Intl.ListFormat('nb', { type: 'conjunction' }).format(reasons);
}

/**
 * The question before an edit that makes the assigned volunteer unfit. The form's values travel
 * along as hidden fields, so the answer saves exactly what was typed; nothing is saved before it.
 */
export function editUnfitPage(
  frame: PageFrame, taskId: string, v: TaskFormValues, editVersion: number, volunteer: { id: string; name: string }, reasons: readonly string[], dispatched: boolean,
): SafeHtml {
  const hidden = TASK_FORM_FIELDS.map((f) => html`<input type="hidden" name="${f}" value="${v[f]}">`);
  const option = (value: string, label: string, checked: boolean) =>
    html`<div><input type="radio" id="d-${value}" name="decision" value="${value}"${checked ? html` checked` : ''}> <label for="d-${value}" style="display:inline;font-weight:400">${label}</label></div>`;
  return page(frame, {
    title: `Endre oppdrag ${taskId}: ${volunteer.name} passer ikke lenger`,
    section: 'tasks',
    body: html`<p><a href="/admin/tasks/${taskId}">← Tilbake til oppdraget</a></p>
<h1>${volunteer.name} passer ikke lenger</h1>
<p id="unfit-reasons">Med endringen passer ${volunteer.name} ikke lenger: ${list(reasons)}. Ingenting er lagret ennå.</p>
<form class="stack" method="post" action="/admin/tasks/${taskId}/edit">${csrfInput(frame.csrfToken)}${hidden}
<input type="hidden" name="editVersion" value="${String(editVersion)}"><input type="hidden" name="decisionFor" value="${volunteer.id}">
<fieldset><legend>Hva skal skje med ${volunteer.name}?</legend>
${option('keep', `Behold ${volunteer.name} på oppdraget (får SMS om ny tid eller nytt sted)`, true)}
${option('unassign', `Ta ${volunteer.name} av oppdraget; det venter til du sender det ut`, false)}
${option('unassign_resend', `Ta ${volunteer.name} av oppdraget og send det ut på nytt nå`, false)}
<p class="hint">${volunteer.name} får SMS om at de ikke trenger å møte opp hvis de tas av.${dispatched ? '' : ' Oppdraget har ikke vært sendt ut før.'}</p>
</fieldset>
<div><button type="submit">Lagre endringene</button> <a href="/admin/tasks/${taskId}/edit">Avbryt</a></div>
</form>`,
  });
}

/** «Kari passer ikke: ikke tilgjengelig fredager. Tildel likevel?» — nothing is assigned before the answer. */
export function assignUnfitPage(frame: PageFrame, taskId: string, volunteer: { id: string; name: string }, reasons: readonly string[], replacing?: string): SafeHtml {
  return page(frame, {
    title: `Oppdrag ${taskId}: ${volunteer.name} passer ikke`,
    section: 'tasks',
    body: html`<p><a href="/admin/tasks/${taskId}">← Tilbake til oppdraget</a></p>
<h1>Tildel likevel?</h1>
<p id="unfit-reasons">${volunteer.name} passer ikke: ${list(reasons)}. Tildel likevel?</p>
<form class="inline" method="post" action="/admin/tasks/${taskId}/assign">${csrfInput(frame.csrfToken)}
<input type="hidden" name="volunteerId" value="${volunteer.id}"><input type="hidden" name="allowUnfit" value="yes">
${replacing ? html`<input type="hidden" name="replacing" value="${replacing}">` : ''}
<button type="submit">Tildel ${volunteer.name} likevel</button></form>
<a href="/admin/tasks/${taskId}#manual-assign">Nei, velg en annen</a>`,
  });
}
