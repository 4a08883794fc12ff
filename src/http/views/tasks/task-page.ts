import { visibleTask, type VisibleTask } from '../../../domain/access';
import { availableTaskActions } from '../../../domain/dispatch';
import { fillByDeadline } from '../../../domain/task-timing';
import type { TaskLiveView, TaskView, VolunteerChoice } from '../../../services/get-task-view';
import { csrfInput } from '../form';
import { formatWhen, TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import type { ConsideredVolunteer } from '../../../services/explain-matching';
import { candidatesSection } from './task-candidates';
import { statusFragment } from './task-status';
import { timelineFragment } from './task-timeline';

const REQUIREMENT_LABELS: Record<string, string> = {
  confidentiality: 'taushetserklæring', police_certificate: 'politiattest', training: 'opplæring',
};

function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} t` : `${h} t ${m} min`;
}

/** The task as the viewer may see it (visibleTask): `details` and `personRef` only for its unit and admins. */
type SeenTask = VisibleTask<TaskView>;

function detailsBlock(task: SeenTask): SafeHtml {
  if (task.detailsHidden) {
    return html`<p class="muted" id="details-hidden">Detaljene (navn, adresse) vises bare for koordinatorene i ${task.unitName ?? 'enheten som eier oppdraget'}.</p>`;
  }
  return html`<p id="task-details" style="white-space: pre-line">${task.details}</p>`;
}

function personRefBlock(task: SeenTask): SafeHtml | string {
  return !task.detailsHidden && task.personRef ? html`<dt>Hvem får hjelp (referanse)</dt><dd>${task.personRef}</dd>` : '';
}

function factsBlock(task: SeenTask): SafeHtml {
  return html`<dl>
<dt>Hva</dt><dd>${TASK_TYPE_LABELS[task.type] ?? task.type}</dd>
<dt>Når</dt><dd>${formatWhen(task.startsAt)} (${durationText(task.durationMinutes)})</dd>
<dt>Hvor</dt><dd>${task.area}</dd>
<dt>Enhet</dt><dd>${task.unitName ?? 'Ingen'}</dd>
${task.source ? html`<dt>Kilde</dt><dd id="task-source">${task.source}</dd>` : ''}
<dt>Kort beskrivelse (står i SMS-en)</dt><dd id="task-summary">${task.summary}</dd>
<dt>Detaljer (bare til den som får oppdraget)</dt><dd>${detailsBlock(task)}</dd>
<dt>Krav til den frivillige</dt><dd>${task.requirements.length > 0 ? task.requirements.map((r) => REQUIREMENT_LABELS[r] ?? r).join(', ') : 'Ingen'}</dd>
${personRefBlock(task)}
<dt>Frist for å finne frivillig</dt><dd>${formatWhen(fillByDeadline(task.startsAt, task.fillBy))}${task.fillBy ? '' : ' (to timer før start)'}${task.deadlineAlertedAt ? html` <span class="badge">koordinator varslet</span>` : ''}</dd>
<dt>Utsending</dt><dd>${task.waveSize} om gangen, ${task.offerTimeoutMinutes} min svarfrist${task.urgent ? html` <span class="badge unfilled">Haster</span>` : ''}</dd>
</dl>`;
}

function volunteerOptions(choices: VolunteerChoice[]): SafeHtml {
  const option = (c: VolunteerChoice) => html`<option value="${c.id}">${c.name} (${c.phone})</option>`;
  const offered = choices.filter((c) => c.offeredThisTask);
  const others = choices.filter((c) => !c.offeredThisTask);
  return html`<option value="">Velg frivillig …</option>
${offered.length > 0 ? html`<optgroup label="Har fått tilbud på dette oppdraget">${offered.map(option)}</optgroup>` : ''}
<optgroup label="Alle frivillige">${others.map(option)}</optgroup>`;
}

/** Hidden (not removed) when the task cannot be assigned, so task-live.js can show it again. */
function manualAssignBlock(task: TaskView, choices: VolunteerChoice[], csrfToken: string): SafeHtml {
  const hidden = availableTaskActions(task.status).assignManually ? '' : html` hidden`;
  return html`<section id="manual-assign" aria-labelledby="manual-assign-h"${hidden}>
<h2 id="manual-assign-h">Tildel manuelt</h2>
<form class="stack" method="post" action="/admin/tasks/${task.id}/assign">${csrfInput(csrfToken)}
<div class="field"><label for="f-volunteerId">Frivillig</label>
<span class="hint" id="volunteerId-hint">Når oppdraget er avtalt på telefon. Den frivillige får detaljene på SMS, og andre åpne tilbud trekkes tilbake.</span>
<select id="f-volunteerId" name="volunteerId" required aria-describedby="volunteerId-hint">${volunteerOptions(choices)}</select></div>
<div><button type="submit">Tildel (avtalt på telefon)</button></div>
</form></section>`;
}

/** `choices` is undefined when the viewer may not act on the task: then no buttons and no manual assignment. */
export function taskPage(frame: PageFrame, live: TaskLiveView, choices: VolunteerChoice[] | undefined, considered: ConsideredVolunteer[]): SafeHtml {
  const { task } = live;
  const mayAct = choices !== undefined;
  return page(frame, {
    title: `Oppdrag ${task.id}`,
    section: 'tasks',
    scripts: ['/static/task-live.js'],
    body: html`
<p><a href="/admin/tasks">← Alle oppdrag</a></p>
<h1>Oppdrag ${task.id}: ${TASK_TYPE_LABELS[task.type] ?? task.type}, ${formatWhen(task.startsAt)}</h1>
<p id="live-note" class="sr-only" aria-live="polite"></p>
<div class="cards" id="task-root" data-live-url="/admin/tasks/${task.id}/live" data-status="${task.status}">
<section class="card" aria-labelledby="status-h"><h2 id="status-h">Status</h2><div id="task-status">${statusFragment(task, frame.csrfToken, mayAct)}</div></section>
<section class="card" aria-labelledby="facts-h"><h2 id="facts-h">Oppdraget</h2>${factsBlock(visibleTask(frame.actor, task))}</section>
</div>
${choices ? manualAssignBlock(task, choices, frame.csrfToken) : ''}
${candidatesSection(considered, task.status)}
<section aria-labelledby="timeline-h"><h2 id="timeline-h">Tidslinje</h2>
<p class="hint" id="live-state">Last inn siden på nytt for å se det siste.</p>
<div id="task-timeline">${timelineFragment(live.timeline)}</div></section>`,
  });
}
