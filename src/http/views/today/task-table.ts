import type { TodayTask } from '../../../db/report.repo';
import { formatPhone } from '../inbox/format-phone';
import { formatTime, formatWhen, TASK_STATUS_LABELS, TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';

export interface TaskTableOpts {
  caption: string;
  /** What to say instead of an empty table. */
  empty: string;
  /** Time only (lists of one day) or weekday, date and time. */
  when: 'time' | 'datetime';
  /** Show who is coming (assignments) or the status (tasks still without a volunteer). */
  show: 'volunteer' | 'status';
}

function volunteerCell(t: TodayTask): SafeHtml {
  // A task without a volunteer says so, and how far it got: «Mangler frivillig (leter)».
  if (!t.volunteerName) return html`<span class="badge unfilled">Mangler frivillig</span> <span class="muted">(${(TASK_STATUS_LABELS[t.status] ?? t.status).toLowerCase()})</span>`;
  return html`${t.volunteerName}${t.volunteerPhone ? html`<br><a href="tel:${t.volunteerPhone}">${formatPhone(t.volunteerPhone)}</a>` : ''}`;
}

function row(t: TodayTask, opts: TaskTableOpts): SafeHtml {
  const when = opts.when === 'time' ? formatTime(t.startsAt) : formatWhen(t.startsAt);
  return html`<tr>
<td data-label="${opts.when === 'time' ? 'Kl.' : 'Når'}"><time datetime="${t.startsAt.toISOString()}">${when}</time></td>
<td data-label="Oppdrag"><a href="/admin/tasks/${t.id}">${t.summary}</a><br><span class="muted">${TASK_TYPE_LABELS[t.type] ?? t.type} · ${t.area} · ${t.durationMinutes} min</span></td>
<td data-label="${opts.show === 'volunteer' ? 'Frivillig' : 'Status'}">${opts.show === 'volunteer' ? volunteerCell(t) : html`<span class="badge ${t.status}">${TASK_STATUS_LABELS[t.status] ?? t.status}</span>`}</td>
<td data-label="Enhet">${t.unitName ?? html`<span class="muted">Uten enhet</span>`}</td>
</tr>`;
}

/** Tasks as I dag lists them: when, what (a link to the task), who or what state, which unit. */
export function taskTable(tasks: readonly TodayTask[], opts: TaskTableOpts): SafeHtml {
  if (tasks.length === 0) return html`<p class="muted">${opts.empty}</p>`;
  return html`<div class="table-wrap"><table>
<caption class="sr-only">${opts.caption}</caption>
<thead><tr><th scope="col">${opts.when === 'time' ? 'Kl.' : 'Når'}</th><th scope="col">Oppdrag</th><th scope="col">${opts.show === 'volunteer' ? 'Frivillig' : 'Status'}</th><th scope="col">Enhet</th></tr></thead>
<tbody>${tasks.map((t) => row(t, opts))}</tbody>
</table></div>`;
}
