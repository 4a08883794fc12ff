import type { Unit } from '../../../db/coordinator.repo';
import type { TaskListItem } from '../../../db/task.repo';
import { TASKS_PER_PAGE, type TaskListPage } from '../../../services/list-tasks';
import { inputField, selectField, type FieldErrors } from '../form';
import { formatWhen, TASK_STATUS_LABELS, TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { listUrl, type TaskFilterValues } from './task-filters';

const all = { value: '', label: 'Alle' };
const optionsOf = (labels: Record<string, string>) => [all, ...Object.entries(labels).map(([value, label]) => ({ value, label }))];

function filterForm(v: TaskFilterValues, units: Unit[], errors: FieldErrors): SafeHtml {
  return html`<form class="filters" method="get" action="/admin/tasks" role="search" aria-label="Filtrer oppdrag">
${selectField({ name: 'status', label: 'Status', value: v.status, options: optionsOf(TASK_STATUS_LABELS) })}
${selectField({ name: 'type', label: 'Type', value: v.type, options: optionsOf(TASK_TYPE_LABELS) })}
${selectField({ name: 'unit', label: 'Enhet', value: v.unit, options: [all, ...units.map((u) => ({ value: u.id, label: u.name }))] })}
${inputField({ name: 'from', label: 'Fra dato', type: 'date', value: v.from, errors })}
${inputField({ name: 'to', label: 'Til dato', type: 'date', value: v.to, errors })}
<div><button type="submit">Vis</button> <a href="/admin/tasks">Nullstill</a></div>
</form>`;
}

function row(t: TaskListItem): SafeHtml {
  return html`<tr>
<td data-label="Når"><a href="/admin/tasks/${t.id}">${formatWhen(t.startsAt)}</a></td>
<td data-label="Type">${TASK_TYPE_LABELS[t.type] ?? t.type}</td>
<td data-label="Status"><span class="badge ${t.status}">${TASK_STATUS_LABELS[t.status] ?? t.status}</span></td>
<td data-label="Sted og beskrivelse">${t.area}<br><span class="muted">${t.summary}</span></td>
<td data-label="Enhet">${t.unitName ?? ''}</td>
<td data-label="Frivillig">${t.assignedVolunteerName ?? html`<span class="muted">–</span>`}</td>
</tr>`;
}

function pager(v: TaskFilterValues, list: TaskListPage): SafeHtml | string {
  if (list.page === 1 && !list.hasMore) return '';
  return html`<nav class="actions" aria-label="Sider">
${list.page > 1 ? html`<a class="button secondary" href="${listUrl(v, list.page - 1)}">← Forrige side</a>` : ''}
<span>Side ${list.page}</span>
${list.hasMore ? html`<a class="button secondary" href="${listUrl(v, list.page + 1)}">Neste side →</a>` : ''}
</nav>`;
}

export function taskListPage(frame: PageFrame, v: TaskFilterValues, units: Unit[], list: TaskListPage, errors: FieldErrors): SafeHtml {
  return page(frame, {
    title: 'Oppdrag',
    section: 'tasks',
    body: html`
<h1>Oppdrag</h1>
<p><a class="button" href="/admin/tasks/new">Nytt oppdrag</a></p>
${filterForm(v, units, errors)}
<p class="hint">Oppdrag fra i dag og framover står først, de nærmeste øverst; deretter tidligere oppdrag, de nyeste først. ${TASKS_PER_PAGE} per side.</p>
<div class="table-wrap"><table>
<caption class="sr-only">Oppdrag</caption>
<thead><tr><th scope="col">Når</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Sted og beskrivelse</th><th scope="col">Enhet</th><th scope="col">Frivillig</th></tr></thead>
<tbody>
${list.items.length === 0 ? html`<tr><td colspan="6" class="muted">Ingen oppdrag passer filteret.</td></tr>` : list.items.map(row)}
</tbody></table></div>
${pager(v, list)}`,
  });
}
