import { DateTime } from 'luxon';
import { OSLO } from '../../../domain/messages';
import { countNeedingPerson, tomorrowWithoutVolunteer, type TodayOverview } from '../../../services/today-overview';
import type { FollowUp } from '../../../db/follow-up.repo';
import { postButton } from '../form';
import { formatClockFrom, formatWhen, TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';
import { classificationLabel, senderLabel } from '../inbox/labels';
import { page, type PageFrame } from '../layout';
import { taskTable } from './task-table';

function countCard(label: string, count: number, href: string): SafeHtml {
  const tone = count > 0 ? 'border-left:6px solid #b35900' : 'border-left:6px solid #1b6e2d';
  return html`<a class="card" href="${href}" style="${tone};text-decoration:none;color:inherit"><span style="font-size:1.8rem;font-weight:700;display:block">${count}</span>${label}</a>`;
}

function inboxPreview(inbox: TodayOverview['inbox']): SafeHtml {
  if (inbox.count === 0) return html`<p class="muted">Ingen meldinger venter.</p>`;
  return html`<ul>
${inbox.latest.map((m) => html`<li><a href="/admin/inbox#m-${m.id}">${senderLabel(m)}</a> <span class="badge">${classificationLabel(m.classification)}</span> <span class="muted">${formatWhen(m.receivedAt)}</span><br>«${m.body}»</li>`)}
</ul>
<p><a href="/admin/inbox">Åpne innboksen (${inbox.count} ${inbox.count === 1 ? 'melding' : 'meldinger'})</a></p>`;
}

const CHECK_IN_LABELS = { follow_up: 'Svarte 2: noe bør følges opp', no_answer: 'Svarte ikke på «Gikk det bra?»' } as const;

/** Check-ins after a task that need a person: only this unit's tasks (loaded per unit). */
function followUpSection(followUps: FollowUp[], csrfToken: string): SafeHtml {
  if (followUps.length === 0) return html``;
  return html`<h3 id="follow-up-h">Oppfølging etter oppdrag</h3>
<div class="table-wrap"><table aria-labelledby="follow-up-h">
<thead><tr><th scope="col">Oppdrag</th><th scope="col">Frivillig</th><th scope="col">Hva</th><th scope="col"></th></tr></thead>
<tbody>${followUps.map((f) => html`<tr id="follow-up-${f.assignmentId}"><td data-label="Oppdrag"><a href="/admin/tasks/${f.taskId}">${TASK_TYPE_LABELS[f.taskType] ?? f.taskType}, ${formatWhen(f.startsAt)}, ${f.area}</a></td><td data-label="Frivillig">${f.volunteerName}</td><td data-label="Hva">${CHECK_IN_LABELS[f.checkIn]}</td><td>${postButton(`/admin/follow-ups/${f.assignmentId}/handled`, 'Fulgt opp', csrfToken, { className: 'secondary' })}</td></tr>`)}</tbody>
</table></div>`;
}

/** SMS held for quiet hours, per task, with the time they go (and the way to send them now on the task). */
function heldSection(held: TodayOverview['heldForQuietHours'], now: Date): SafeHtml {
  if (held.length === 0) return html``;
  return html`<h3 id="held-h">Venter på stilletiden</h3>
<ul>${held.map((t) => html`<li><a href="/admin/tasks/${t.id}">${TASK_TYPE_LABELS[t.type] ?? t.type}, ${formatWhen(t.startsAt)}, ${t.area}</a>: SMS-ene går ${formatClockFrom(t.heldUntil, now)} (eller «Send nå likevel» på oppdraget)</li>`)}</ul>`;
}

/** The opening line: either what needs a person, or that nothing does. */
function leadLine(o: TodayOverview): SafeHtml {
  const count = countNeedingPerson(o);
  if (count === 0) return html`<p id="all-well">Alt er i rute. Ingen oppdrag mangler frivillig, ingen SMS venter, og ingen meldinger venter på svar.</p>`;
  return html`<p id="needs-person"><strong>${count === 1 ? '1 ting trenger' : `${count} ting trenger`} en person.</strong> Det viktigste står først.</p>`;
}

/** I dag: what needs a person now first, then who is out helping today, then all of tomorrow. */
export function todayPage(frame: PageFrame, o: TodayOverview): SafeHtml {
  const today = DateTime.fromJSDate(o.now, { zone: OSLO }).setLocale('nb');
  const missingTomorrow = tomorrowWithoutVolunteer(o);
  return page(frame, {
    title: 'I dag',
    section: 'today',
    body: html`<h1>I dag <span class="muted" style="font-size:1rem;font-weight:400">${today.toFormat('cccc d. MMMM')}</span></h1>
<section aria-labelledby="now-h">
<h2 id="now-h">Trenger en person nå</h2>
${leadLine(o)}
<div class="cards">
${countCard('Ikke besatt: ingen flere å spørre', o.unfilled.length, '#unfilled-h')}
${countCard('Starter innen 24 timer uten frivillig', o.startingSoonWithoutVolunteer.length, '#soon-h')}
${countCard('I morgen uten frivillig', missingTomorrow.length, '#tomorrow-h')}
${countCard('Uklare svar og ukjente avsendere', o.inbox.count, '/admin/inbox')}
${o.followUps.length > 0 ? countCard('Oppfølging etter oppdrag', o.followUps.length, '#follow-up-h') : ''}
${o.heldForQuietHours.length > 0 ? countCard('Oppdrag med SMS som venter på stilletiden', o.heldForQuietHours.length, '#held-h') : ''}
</div>
<h3 id="unfilled-h">Ikke besatt</h3>
${taskTable(o.unfilled, { caption: 'Oppdrag uten frivillig der ingen flere kan spørres', empty: 'Ingen oppdrag står uten frivillig.', when: 'datetime', show: 'status' })}
<h3 id="soon-h">Starter innen 24 timer uten frivillig</h3>
${taskTable(o.startingSoonWithoutVolunteer, { caption: 'Oppdrag som starter innen 24 timer og ikke har frivillig ennå', empty: 'Alle oppdrag de neste 24 timene har en frivillig.', when: 'datetime', show: 'status' })}
<h3 id="inbox-h">Innboks</h3>
${inboxPreview(o.inbox)}
${followUpSection(o.followUps, frame.csrfToken)}
${heldSection(o.heldForQuietHours, o.now)}
</section>
<section aria-labelledby="today-h">
<h2 id="today-h">Oppdrag i dag</h2>
${taskTable(o.assignedToday, { caption: 'Oppdrag i dag med frivillig', empty: 'Ingen oppdrag med frivillig i dag.', when: 'time', show: 'volunteer' })}
</section>
<section aria-labelledby="tomorrow-h">
<h2 id="tomorrow-h">Oppdrag i morgen</h2>
${missingTomorrow.length > 0 ? html`<p class="error-text" id="tomorrow-missing">${missingTomorrow.length === 1 ? '1 oppdrag' : `${missingTomorrow.length} oppdrag`} i morgen mangler frivillig.</p>` : ''}
${taskTable(o.tomorrow, { caption: 'Alle oppdrag i morgen, med frivillig eller hva som mangler', empty: 'Ingen oppdrag i morgen.', when: 'time', show: 'volunteer' })}
</section>`,
  });
}
