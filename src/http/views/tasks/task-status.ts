import { availableTaskActions } from '../../../domain/dispatch';
import type { TaskView } from '../../../services/get-task-view';
import { csrfInput, postButton } from '../form';
import { formatClockFrom, formatDateTime, TASK_STATUS_LABELS } from '../format';
import { html, type SafeHtml } from '../html';

function offerSummary(task: TaskView): SafeHtml | string {
  if (task.offers.length === 0) return '';
  const live = task.offers.filter((o) => o.status === 'pending' || o.status === 'open').length;
  const waiting = task.status === 'searching' ? `${live} venter på svar · ` : '';
  return html`<p class="muted">${waiting}${task.offers.length} tilbud sendt i alt</p>`;
}

function assignedLine(task: TaskView): SafeHtml {
  const v = task.assignedVolunteer;
  if (!v) return html`<p id="assigned-volunteer">Ingen frivillig ennå.</p>`;
  const since = task.assignedAt ? html` <span class="muted">(${formatDateTime(task.assignedAt)})</span>` : '';
  return html`<p id="assigned-volunteer">Tildelt: <strong>${v.name}</strong>, <a href="tel:${v.phone}">${v.phone}</a>${since}</p>`;
}

/**
 * Offers (SMS or calls) held for quiet hours: said plainly, with the way out for a task that cannot wait. `now` is
 * only for wording the time (today's «kl. 08:00» or another day's date).
 */
function quietHold(task: TaskView, csrfToken: string, mayAct: boolean, now: Date): SafeHtml | string {
  if (!task.heldUntil) return '';
  const until = formatClockFrom(task.heldUntil, now);
  return html`<div id="quiet-hold" class="flash"><p>Stilletid: tilbudene på dette oppdraget venter til ${until}.</p>
${mayAct ? postButton(`/admin/tasks/${task.id}/send-now`, 'Send nå likevel', csrfToken, { className: 'secondary' }) : ''}</div>`;
}

/**
 * «Fjern tildeling»: the volunteer is told by SMS; the coordinator decides whether the task goes
 * straight out again. Preselected: out again if it was sent out before (it was meant to be filled
 * by SMS), otherwise wait (it was arranged by phone, so the coordinator will likely phone again).
 */
function unassignForm(task: TaskView, csrfToken: string): SafeHtml {
  const name = task.assignedVolunteer?.name ?? 'den frivillige';
  const resend = task.dispatchedAt !== null;
  const radio = (value: string, label: string, checked: boolean) =>
    html`<div><input type="radio" id="resend-${value}" name="resend" value="${value}"${checked ? html` checked` : ''}> <label for="resend-${value}" style="display:inline;font-weight:400">${label}</label></div>`;
  return html`<details id="unassign"><summary>Fjern tildeling …</summary>
<form method="post" action="/admin/tasks/${task.id}/unassign">${csrfInput(csrfToken)}<p>${name} får SMS om at de ikke trenger å møte opp, og spørres ikke om dette oppdraget igjen.</p>
<fieldset><legend>Og så?</legend>${radio('yes', 'Send oppdraget ut på nytt nå', resend)}${radio('no', 'La oppdraget vente (send ut eller tildel selv senere)', !resend)}</fieldset>
<button type="submit" class="danger">Fjern tildeling</button></form>
</details>`;
}

/** The buttons allowed in this state (the state machine decides); each is a POST with the CSRF token. */
function actionButtons(task: TaskView, csrfToken: string): SafeHtml {
  const can = availableTaskActions(task.status);
  const base = `/admin/tasks/${task.id}`;
  return html`<div class="actions">
${can.dispatch ? postButton(`${base}/dispatch`, task.status === 'unfilled' ? 'Send ut på nytt' : 'Send ut', csrfToken) : ''}
${can.stop ? postButton(`${base}/stop`, 'Stopp utsending', csrfToken, { className: 'secondary' }) : ''}
${can.edit ? html`<a class="button secondary" id="edit-task" href="${base}/edit">Endre oppdraget</a>` : ''}
${can.unassign && task.assignedVolunteer ? unassignForm(task, csrfToken) : ''}
${can.cancel ? html`<details><summary>Avlys oppdraget …</summary>
<form method="post" action="${base}/cancel">${csrfInput(csrfToken)}<p>Alle med åpent tilbud${task.assignedVolunteer ? ' og den som har oppdraget' : ''} får beskjed på SMS.</p><button type="submit" class="danger">Avlys</button></form>
</details>` : ''}
</div>`;
}

/** The status fragment (replaced live): status, who has the task, offers, and the actions if `mayAct`. */
export function statusFragment(task: TaskView, csrfToken: string, mayAct: boolean, now: Date = new Date()): SafeHtml {
  return html`<p><span class="badge ${task.status}">${TASK_STATUS_LABELS[task.status] ?? task.status}</span></p>
${assignedLine(task)}
${offerSummary(task)}
${quietHold(task, csrfToken, mayAct, now)}
${mayAct ? actionButtons(task, csrfToken) : ''}`;
}
