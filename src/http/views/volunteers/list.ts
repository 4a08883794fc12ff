import type { VolunteerListQuery, VolunteerListRow } from '../../../db/volunteer-list.repo';
import { TASK_TYPES } from '../../../domain/volunteer';
import { formatDateTime, TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { formatCount, formatPhone, formatLanguage, PAPERS, formatTaskTypes, describeStatus } from './labels';

export interface VolunteerListView {
  query: VolunteerListQuery;
  volunteers: VolunteerListRow[];
  total: number;
  areas: string[];
}

const STATUS_CHOICES: { value: VolunteerListQuery['status']; label: string }[] = [
  { value: '', label: 'Alle i utvalget' },
  { value: 'active', label: 'Kan få tilbud nå' },
  { value: 'paused', label: 'Har pause' },
  { value: 'opted_out', label: 'Meldt av (STOPP)' },
  { value: 'deactivated', label: 'Deaktivert eller slettet' },
];
const SORT_CHOICES: { value: VolunteerListQuery['sort']; label: string }[] = [
  { value: 'name', label: 'Navn' },
  { value: 'last_contact', label: 'Siste kontakt (nyeste først)' },
  { value: 'tasks_done', label: 'Oppdrag utført (flest først)' },
];

/** Frivillige: search, filters, sorting and pages (all in the query string, so it works without JS). */
export function volunteerListPage(frame: PageFrame, view: VolunteerListView): SafeHtml {
  return page(frame, {
    title: 'Frivillige',
    section: 'volunteers',
    body: html`
<h1>Frivillige</h1>
<div class="actions">
  <a class="button" href="/admin/volunteers/new">Ny frivillig</a>
  <a class="button secondary" href="/admin/volunteers/import">Importer fra CSV</a>
  <a class="button secondary" href="/admin/volunteers/export.csv">Eksporter CSV</a>
</div>
${filterForm(view)}
${resultSummary(view)}
<div class="table-wrap"><table>
<caption class="sr-only">Frivillige</caption>
<thead><tr><th scope="col">Navn</th><th scope="col">Telefon</th><th scope="col">Språk</th><th scope="col">Oppgaver</th><th scope="col">Områder</th><th scope="col">Status</th><th scope="col">Papirer</th><th scope="col">Siste kontakt</th><th scope="col">Oppdrag utført</th></tr></thead>
<tbody>
${view.volunteers.length === 0 ? html`<tr><td colspan="9" class="muted">Ingen frivillige${isFiltered(view.query) ? ' passer med søket' : ' ennå'}.</td></tr>` : ''}
${view.volunteers.map((v) => volunteerRow(v, view.query.today))}
</tbody></table></div>
${pager(view)}`,
  });
}

function option(value: string, label: string, selected: string): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

function filterForm(view: VolunteerListView): SafeHtml {
  const q = view.query;
  const areas = q.area && !view.areas.includes(q.area) ? [q.area, ...view.areas] : view.areas;
  return html`<form class="filters" method="get" action="/admin/volunteers" role="search">
  <div class="field"><label for="f-q">Søk på navn eller nummer</label>
  <input id="f-q" name="q" type="search" value="${q.q}" autocomplete="off"></div>
  <div class="field"><label for="f-area">Område</label>
  <select id="f-area" name="area">${option('', 'Alle områder', q.area)}${areas.map((a) => option(a, a, q.area))}</select></div>
  <div class="field"><label for="f-type">Oppgave</label>
  <select id="f-type" name="type">${option('', 'Alle oppgaver', q.taskType)}${TASK_TYPES.map((t) => option(t, TASK_TYPE_LABELS[t] ?? t, q.taskType))}</select></div>
  <div class="field"><label for="f-status">Status</label>
  <select id="f-status" name="status">${STATUS_CHOICES.map((c) => option(c.value, c.label, q.status))}</select></div>
  <div class="field"><label style="font-weight:400;display:flex;gap:8px;align-items:center"><input type="checkbox" name="papers" value="expiring"${q.papersExpiring ? html` checked` : ''}> Politiattest eller opplæring går ut innen 30 dager</label></div>
  <div class="field"><label for="f-sort">Sorter etter</label>
  <select id="f-sort" name="sort">${SORT_CHOICES.map((c) => option(c.value, c.label, q.sort))}</select></div>
  <div><button type="submit">Søk</button></div>
</form>`;
}

function isFiltered(q: VolunteerListQuery): boolean {
  return Boolean(q.q || q.area || q.taskType || q.status || q.papersExpiring);
}

function resultSummary(view: VolunteerListView): SafeHtml {
  const { query: q, total, volunteers } = view;
  const first = (q.page - 1) * q.pageSize + 1;
  const range = total > volunteers.length && volunteers.length > 0 ? ` (viser ${first}–${first + volunteers.length - 1})` : '';
  const count = formatCount(total, 'frivillig', 'frivillige');
  if (!isFiltered(q)) return html`<p class="muted">${count}${range}.</p>`;
  const search = q.q ? html` passer med «${q.q}»` : html` passer med filteret`;
  return html`<p role="status">${count}${search}${range}. <a href="/admin/volunteers">Vis alle</a></p>`;
}

/** The list's address with one thing changed, keeping every other filter. */
export function listHref(q: VolunteerListQuery, change: Partial<VolunteerListQuery>): string {
  const next = { ...q, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.area) params.set('area', next.area);
  if (next.taskType) params.set('type', next.taskType);
  if (next.status) params.set('status', next.status);
  if (next.papersExpiring) params.set('papers', 'expiring');
  if (next.sort !== 'name') params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const text = params.toString();
  return text ? `/admin/volunteers?${text}` : '/admin/volunteers';
}

function pager(view: VolunteerListView): SafeHtml | string {
  const q = view.query;
  const pages = Math.max(1, Math.ceil(view.total / q.pageSize));
  if (pages === 1) return '';
  return html`<nav aria-label="Sider" class="actions">
${q.page > 1 ? html`<a class="button secondary" rel="prev" href="${listHref(q, { page: q.page - 1 })}">← Forrige</a>` : ''}
<span>Side ${q.page} av ${pages}</span>
${q.page < pages ? html`<a class="button secondary" rel="next" href="${listHref(q, { page: q.page + 1 })}">Neste →</a>` : ''}
</nav>`;
}

function volunteerRow(v: VolunteerListRow, today: string): SafeHtml {
  const status = v.erasedAt ? { kind: 'opted_out', text: 'Slettet' } : v.deactivatedAt ? { kind: 'opted_out', text: 'Deaktivert' } : describeStatus(v, today);
  return html`<tr>
<td data-label="Navn"><a href="/admin/volunteers/${v.id}">${v.name}</a></td>
<td data-label="Telefon"><span style="white-space:nowrap">${v.phone ? formatPhone(v.phone) : html`<span class="muted">slettet</span>`}</span></td>
<td data-label="Språk">${formatLanguage(v.language)}</td>
<td data-label="Oppgaver">${formatTaskTypes(v.taskTypes) || html`<span class="muted">ingen</span>`}</td>
<td data-label="Områder">${v.areas.join(', ') || html`<span class="muted">ikke oppgitt</span>`}</td>
<td data-label="Status"><span style="white-space:nowrap" class="badge${status.kind === 'active' ? ' assigned' : status.kind === 'opted_out' ? ' unfilled' : ' searching'}">${status.text}</span></td>
<td data-label="Papirer">${papersList(v)}</td>
<td data-label="Siste kontakt">${v.lastContactAt ? formatDateTime(v.lastContactAt) : html`<span class="muted">aldri</span>`}</td>
<td data-label="Oppdrag utført">${v.tasksDone}</td>
</tr>`;
}

/** Two short lines at most: what is in place (✓) and what is missing (✗), in words, not colour alone. */
function papersList(v: VolunteerListRow): SafeHtml {
  const present = PAPERS.filter((p) => v[p.field]);
  const missing = PAPERS.filter((p) => !v[p.field]);
  if (missing.length === 0) return html`✓ Alt på plass`;
  return html`${present.length > 0 ? html`<div>✓ ${present.map((p) => p.short).join(', ')}</div>` : ''}
<div class="muted">✗ Mangler ${missing.map((p) => p.short.toLowerCase()).join(', ')}</div>`;
}
