import type { Volunteer } from '../../../db/volunteer.repo';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { formatCount, formatPhone, formatLanguage, PAPERS, formatTaskTypes, describeStatus } from './labels';

export interface VolunteerListView {
  query: string;
  volunteers: Volunteer[];
  /** True when there were more matches than shown. */
  truncated: boolean;
  today: string;
}

/** Frivillige: search, the list, and the ways in and out (new, import, export). */
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
${searchForm(view.query)}
${resultSummary(view)}
<div class="table-wrap"><table>
<caption class="sr-only">Frivillige</caption>
<thead><tr><th scope="col">Navn</th><th scope="col">Telefon</th><th scope="col">Språk</th><th scope="col">Oppgaver</th><th scope="col">Områder</th><th scope="col">Status</th><th scope="col">Papirer</th></tr></thead>
<tbody>
${view.volunteers.length === 0 ? html`<tr><td colspan="7" class="muted">Ingen frivillige${view.query ? ' passer med søket' : ' ennå'}.</td></tr>` : ''}
${view.volunteers.map((v) => volunteerRow(v, view.today))}
</tbody></table></div>`,
  });
}

function searchForm(query: string): SafeHtml {
  return html`<form class="filters" method="get" action="/admin/volunteers" role="search">
  <div class="field"><label for="f-q">Søk på navn eller nummer</label>
  <input id="f-q" name="q" type="search" value="${query}" autocomplete="off"></div>
  <div><button type="submit">Søk</button></div>
</form>`;
}

function resultSummary(view: VolunteerListView): SafeHtml {
  const shown = formatCount(view.volunteers.length, 'frivillig', 'frivillige');
  const more = view.truncated ? ' (bare de første vises: søk for å finne flere)' : '';
  if (!view.query) return html`<p class="muted">${shown}${more}.</p>`;
  return html`<p role="status">${shown} passer med «${view.query}»${more}. <a href="/admin/volunteers">Vis alle</a></p>`;
}

function volunteerRow(v: Volunteer, today: string): SafeHtml {
  const status = describeStatus(v, today);
  return html`<tr>
<td><a href="/admin/volunteers/${v.id}">${v.name}</a></td>
<td><span style="white-space:nowrap">${formatPhone(v.phone)}</span></td>
<td>${formatLanguage(v.language)}</td>
<td>${formatTaskTypes(v.taskTypes) || html`<span class="muted">ingen</span>`}</td>
<td>${v.areas.join(', ') || html`<span class="muted">ikke oppgitt</span>`}</td>
<td><span style="white-space:nowrap" class="badge${status.kind === 'active' ? ' assigned' : status.kind === 'opted_out' ? ' unfilled' : ' searching'}">${status.text}</span></td>
<td>${papersList(v)}</td>
</tr>`;
}

/** Two short lines at most: what is in place (✓) and what is missing (✗), in words, not colour alone. */
function papersList(v: Volunteer): SafeHtml {
  const present = PAPERS.filter((p) => v[p.field]);
  const missing = PAPERS.filter((p) => !v[p.field]);
  if (missing.length === 0) return html`✓ Alt på plass`;
  return html`${present.length > 0 ? html`<div>✓ ${present.map((p) => p.short).join(', ')}</div>` : ''}
<div class="muted">✗ Mangler ${missing.map((p) => p.short.toLowerCase()).join(', ')}</div>`;
}
