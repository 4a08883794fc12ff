import { can } from '../../../domain/access';
import type { Volunteer } from '../../../db/volunteer.repo';
import type { VolunteerHistoryRow, VolunteerMonth, VolunteerTotals } from '../../../db/volunteer-history.repo';
import type { UpcomingAssignment } from '../../../db/volunteer-lifecycle.repo';
import { csrfInput } from '../form';
import { formatDateTime, formatWhen, TASK_STATUS_LABELS, TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';
import type { PageFrame } from '../layout';
import { formatCount } from './labels';

export interface VolunteerProfileView {
  volunteer: Volunteer;
  totals: VolunteerTotals;
  months: VolunteerMonth[];
  history: VolunteerHistoryRow[];
  /** Set when deactivating or erasing was refused: the tasks to hand on first. */
  blockedBy?: { action: 'deactivate' | 'erase'; assignments: UpcomingAssignment[] };
}

/** The top of a volunteer's page: status, what they have done, their tasks over time, and leaving. */
export function volunteerProfile(frame: PageFrame, view: VolunteerProfileView): SafeHtml {
  return html`${lifecycleStatus(view.volunteer)}
${blockedNotice(view)}
<section aria-labelledby="h-activity"><h2 id="h-activity">Aktivitet</h2>
${totalsList(view.totals)}
${monthsTable(view.months)}
${historyTable(view.history)}
</section>
${lifecycleActions(frame, view.volunteer)}`;
}

function lifecycleStatus(v: Volunteer): SafeHtml | string {
  if (v.erasedAt) {
    return html`<p class="flash error" role="note"><strong>Personopplysningene er slettet</strong> ${formatDateTime(v.erasedAt)} (etter ønske).
Bare tallene er igjen: tilbud, svar, oppdrag og timer teller fortsatt i rapportene.</p>`;
  }
  if (v.deactivatedAt) {
    return html`<p class="flash error" role="note"><strong>Deaktivert</strong> ${formatDateTime(v.deactivatedAt)}.
Får ingen tilbud og kan ikke tildeles oppdrag. Historikken er beholdt.</p>`;
  }
  return '';
}

function blockedNotice(view: VolunteerProfileView): SafeHtml | string {
  if (!view.blockedBy) return '';
  const what = view.blockedBy.action === 'erase' ? 'slettes' : 'deaktiveres';
  return html`<div class="flash error" role="alert"><p><strong>${view.volunteer.name} kan ikke ${what} ennå:</strong>
${formatCount(view.blockedBy.assignments.length, 'oppdraget', 'oppdragene')} under er ikke gjennomført. Avlys eller gi ${view.blockedBy.assignments.length === 1 ? 'det' : 'dem'} til en annen frivillig først.</p>
<ul>${view.blockedBy.assignments.map((a) => html`<li><a href="/admin/tasks/${a.taskId}">#${a.taskId} ${formatWhen(a.startsAt)}: ${a.summary}</a></li>`)}</ul></div>`;
}

function totalsList(t: VolunteerTotals): SafeHtml {
  const last = t.lastContact
    ? html`${formatDateTime(t.lastContact.at)} (${t.lastContact.direction === 'inbound' ? 'SMS fra den frivillige' : 'SMS til den frivillige'})`
    : html`<span class="muted">ingen SMS ennå</span>`;
  return html`<dl class="facts" id="volunteer-totals">
<div><dt>Tilbud</dt><dd>${t.offers}</dd></div>
<div><dt>Svarte ja</dt><dd>${t.accepted}</dd></div>
<div><dt>Svarte nei</dt><dd>${t.declined}</dd></div>
<div><dt>Uten svar</dt><dd>${t.unanswered}</dd></div>
<div><dt>Oppdrag utført</dt><dd>${t.tasksDone}</dd></div>
<div><dt>Kommende oppdrag</dt><dd>${t.tasksUpcoming}</dd></div>
<div><dt>Timer</dt><dd>${formatHours(t.hours)}</dd></div>
<div><dt>Siste kontakt</dt><dd>${last}</dd></div>
</dl>`;
}

function formatHours(h: number): string {
  return h.toLocaleString('nb-NO', { maximumFractionDigits: 2 });
}

function monthsTable(months: VolunteerMonth[]): SafeHtml | string {
  if (months.length === 0) return '';
  return html`<div class="table-wrap"><table>
<caption>Per måned</caption>
<thead><tr><th scope="col">Måned</th><th scope="col">Tilbud</th><th scope="col">Svarte ja</th><th scope="col">Oppdrag utført</th><th scope="col">Timer</th></tr></thead>
<tbody>${months.map((m) => html`<tr><td data-label="Måned">${m.month}</td><td data-label="Tilbud">${m.offers}</td><td data-label="Svarte ja">${m.accepted}</td><td data-label="Oppdrag utført">${m.tasksDone}</td><td data-label="Timer">${formatHours(m.hours)}</td></tr>`)}</tbody>
</table></div>`;
}

const OFFER_OUTCOME: Record<string, string> = {
  pending: 'venter på å bli sendt', open: 'venter på svar', accepted: 'svarte ja', declined: 'svarte nei',
  expired: 'svarte ikke i tide', withdrawn: 'trukket tilbake', failed: 'SMS-en kom ikke fram',
};
const ASSIGNMENT_OUTCOME: Record<string, string> = { active: 'har oppdraget', done: 'utført', cancelled: 'avbrutt' };

function historyTable(rows: VolunteerHistoryRow[]): SafeHtml {
  return html`<div class="table-wrap"><table id="volunteer-history">
<caption>Oppdrag over tid (nyeste først)</caption>
<thead><tr><th scope="col">Når</th><th scope="col">Oppdrag</th><th scope="col">Tilbud</th><th scope="col">Oppdraget</th></tr></thead>
<tbody>
${rows.length === 0 ? html`<tr><td colspan="4" class="muted">Ingen tilbud eller oppdrag ennå.</td></tr>` : ''}
${rows.map((r) => html`<tr>
<td data-label="Når">${formatWhen(r.startsAt)}</td>
<td data-label="Oppdrag"><a href="/admin/tasks/${r.taskId}">#${r.taskId} ${TASK_TYPE_LABELS[r.type] ?? r.type}</a> <span class="muted">(${TASK_STATUS_LABELS[r.taskStatus] ?? r.taskStatus})</span></td>
<td data-label="Tilbud">${r.offerStatus ? OFFER_OUTCOME[r.offerStatus] ?? r.offerStatus : html`<span class="muted">${r.assignmentSource === 'manual' ? 'avtalt på telefon' : '–'}</span>`}</td>
<td data-label="Oppdraget">${r.assignmentStatus ? `${ASSIGNMENT_OUTCOME[r.assignmentStatus]}${r.hours !== null && r.assignmentStatus === 'done' ? `, ${formatHours(r.hours)} t` : ''}` : html`<span class="muted">–</span>`}</td>
</tr>`)}
</tbody></table></div>`;
}

function lifecycleActions(frame: PageFrame, v: Volunteer): SafeHtml | string {
  if (v.erasedAt) return '';
  const mayErase = can(frame.actor, 'erase', { kind: 'volunteer' });
  return html`<section aria-labelledby="h-leave" class="stack"><h2 id="h-leave">Slutte eller slette</h2>
${v.deactivatedAt
    ? html`<form method="post" action="/admin/volunteers/${v.id}/reactivate">${csrfInput(frame.csrfToken)}
<p class="hint">Tilbake i utvalget: kan få tilbud igjen fra neste utsending.</p><button type="submit">Aktiver igjen</button></form>`
    : html`<form method="post" action="/admin/volunteers/${v.id}/deactivate">${csrfInput(frame.csrfToken)}
<p class="hint">For en som har sluttet: beholdes i historikken og rapportene, men får aldri flere tilbud. Et tilbud som venter på svar, trekkes tilbake med en SMS, og neste frivillige spørres. Kan angres.</p>
<button type="submit" class="secondary">Deaktiver</button></form>`}
${mayErase ? html`<form method="post" action="/admin/volunteers/${v.id}/erase">${csrfInput(frame.csrfToken)}
<p class="hint">Når den frivillige ber om å bli slettet: navn, nummer, notater, papirer og teksten i alle SMS-er slettes for godt. Tallene (tilbud, svar, oppdrag, timer) blir stående uten navn. Nummeret kan registreres på nytt senere. Kan ikke angres.</p>
<label style="font-weight:400;display:flex;gap:8px;align-items:center"><input type="checkbox" name="confirm" value="yes" required> Den frivillige har bedt om å bli slettet, og jeg vil slette personopplysningene for godt</label>
<button type="submit" class="danger">Slett personopplysninger</button></form>` : ''}
</section>`;
}
