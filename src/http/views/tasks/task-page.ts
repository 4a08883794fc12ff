import { visibleTask, type VisibleTask } from '../../../domain/access';
import { availableTaskActions } from '../../../domain/dispatch';
import { unfitReasons } from '../../../domain/fitness';
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

/** One choice in «Tildel»: whether they fit the task itself (not just the queue) and why. */
export interface AssignOption { id: string; name: string; phone: string; fits: boolean; reasons: string[] }

/**
 * Who fits first, with what placed them, then who does not, with why — from the same rules the
 * dispatcher uses ("Hvem blir spurt"). Waiting on another offer or having been asked already is
 * about the queue, not the person, so such a volunteer still counts as fitting here.
 */
export function assignOptions(considered: ConsideredVolunteer[], choices: VolunteerChoice[], exceptId: string | null): AssignOption[] {
  const phoneOf = new Map(choices.map((c) => [c.id, c.phone]));
  const options = considered.filter((v) => phoneOf.has(v.volunteerId) && v.volunteerId !== exceptId).map((v): AssignOption => {
    const unfit = v.exclusions.map((e, i) => [e, v.reasons[i] ?? ''] as const).filter(([e]) => unfitReasons([e]).length > 0).map(([, text]) => text);
    return { id: v.volunteerId, name: v.name, phone: phoneOf.get(v.volunteerId) ?? '', fits: unfit.length === 0, reasons: unfit.length > 0 ? unfit : v.eligible ? v.reasons : [] };
  });
  return [...options.filter((o) => o.fits), ...options.filter((o) => !o.fits)];
}

function volunteerOptions(options: AssignOption[]): SafeHtml {
  const option = (o: AssignOption) => html`<option value="${o.id}">${o.name} (${o.phone})${o.reasons.length > 0 ? ` – ${o.reasons.join('; ')}` : ''}</option>`;
  const fits = options.filter((o) => o.fits);
  const unfit = options.filter((o) => !o.fits);
  return html`<option value="">Velg frivillig …</option>
${fits.length > 0 ? html`<optgroup label="Passer (best først)">${fits.map(option)}</optgroup>` : ''}
${unfit.length > 0 ? html`<optgroup label="Passer ikke (du blir spurt før tildeling)">${unfit.map(option)}</optgroup>` : ''}`;
}

/**
 * «Tildel manuelt», or on an assigned task «Bytt frivillig». Hidden (not removed) when the task
 * cannot be assigned, so task-live.js can show it again.
 */
function manualAssignBlock(task: TaskView, options: AssignOption[], csrfToken: string): SafeHtml {
  const can = availableTaskActions(task.status);
  const swapping = task.status === 'assigned' && task.assignedVolunteer !== null;
  const hidden = can.assignManually || swapping ? '' : html` hidden`;
  const heading = swapping ? 'Bytt frivillig' : 'Tildel manuelt';
  const hint = swapping
    ? `${task.assignedVolunteer?.name ?? 'Den som har oppdraget'} får SMS om at de ikke trenger å møte opp, og den du velger får detaljene på SMS.`
    : 'Når oppdraget er avtalt på telefon. Den frivillige får detaljene på SMS, og andre åpne tilbud trekkes tilbake.';
  return html`<section id="manual-assign" aria-labelledby="manual-assign-h" data-swap="${swapping ? 'yes' : 'no'}"${hidden}>
<h2 id="manual-assign-h">${heading}</h2>
<form class="stack" method="post" action="/admin/tasks/${task.id}/assign">${csrfInput(csrfToken)}${swapping ? html`<input type="hidden" name="replacing" value="${task.assignedVolunteer?.id ?? ''}">` : ''}
<div class="field"><label for="f-volunteerId">Frivillig</label>
<span class="hint" id="volunteerId-hint">${hint} De som passer står først, med hvorfor; velger du en som ikke passer, blir du spurt først.</span>
<select id="f-volunteerId" name="volunteerId" required aria-describedby="volunteerId-hint">${volunteerOptions(options)}</select></div>
<div><button type="submit">${swapping ? 'Bytt frivillig' : 'Tildel (avtalt på telefon)'}</button></div>
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
${choices ? manualAssignBlock(task, assignOptions(considered, choices, task.assignedVolunteerId), frame.csrfToken) : ''}
${candidatesSection(considered, task.status)}
<section aria-labelledby="timeline-h"><h2 id="timeline-h">Tidslinje</h2>
<p class="hint" id="live-state">Last inn siden på nytt for å se det siste.</p>
<div id="task-timeline">${timelineFragment(live.timeline)}</div></section>`,
  });
}
