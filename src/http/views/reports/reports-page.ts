import { NO_UNIT, type YearReport } from '../../../domain/reports';
import type { Unit } from '../../../db/coordinator.repo';
import type { ReportQuery } from '../../../services/reports-build';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { formatCount, formatDecimal, formatRate, monthName, unitName, volunteerHours } from './format-figures';
import { reportCharts } from './report-charts';
import { figuresTable } from './report-table';

/** `allUnits`: the viewer may read every unit's figures (admins); otherwise only the chosen unit is offered. */
export interface ReportsView { report: YearReport; units: Unit[]; query: ReportQuery; years: number[]; allUnits: boolean }

/** The same query string for the page and the CSV, so the download is exactly what is shown. */
export function reportQueryString(q: ReportQuery): string {
  const params = new URLSearchParams({ year: String(q.year) });
  if (q.unitId) params.set('unit', q.unitId);
  return params.toString();
}

function filterForm(v: ReportsView): SafeHtml {
  const unitOptions = v.allUnits
    ? [{ value: '', label: 'Alle enheter' }, ...v.units.map((u) => ({ value: u.id, label: u.name })), { value: NO_UNIT, label: 'Uten enhet' }]
    : v.units.filter((u) => u.id === v.query.unitId).map((u) => ({ value: u.id, label: u.name }));
  return html`<form method="get" action="/admin/reports" class="filters">
<div class="field"><label for="f-year">År</label><select id="f-year" name="year">${v.years.map((y) => html`<option value="${y}"${y === v.query.year ? html` selected` : ''}>${y}</option>`)}</select></div>
<div class="field"><label for="f-unit">Enhet</label><select id="f-unit" name="unit">${unitOptions.map((o) => html`<option value="${o.value}"${o.value === (v.query.unitId ?? '') ? html` selected` : ''}>${o.label}</option>`)}</select></div>
<div><button type="submit">Vis</button></div>
</form>`;
}

function keyFigures(r: YearReport): SafeHtml {
  const card = (label: string, value: string) => html`<div class="card"><div class="muted">${label}</div><div style="font-size:1.6rem;font-weight:700">${value}</div></div>`;
  return html`<div class="cards">${card('Oppdrag', formatCount(r.total.created))}${card('Besatt', formatCount(r.total.filled))}${card('Besettelsesgrad', formatRate(r.total.fillRate))}${card('Frivillige timer', formatDecimal(volunteerHours(r.total)))}${card('Aktive frivillige', formatCount(r.total.activeVolunteers))}</div>`;
}

function perUnitTables(v: ReportsView): SafeHtml {
  const { report, units } = v;
  return html`<h2>Per enhet</h2>
${figuresTable({ caption: `Hele ${report.year} per enhet`, rowHeader: 'Enhet', rows: report.unitKeys.map((k) => ({ label: unitName(units, k), figures: report.byUnit[k]! })), total: { label: 'Alle enheter', figures: report.total }, id: 'report-units' })}
<h2>Per måned og enhet</h2>
${report.unitKeys.map((k) => html`<details><summary>${unitName(units, k)}</summary>
${figuresTable({ caption: `${unitName(units, k)} per måned ${report.year}`, rowHeader: 'Måned', rows: report.months.map((m) => ({ label: monthName(m.month), figures: m.byUnit[k]! })), total: { label: 'Hele året', figures: report.byUnit[k]! } })}
</details>`)}`;
}

export function reportsPage(frame: PageFrame, v: ReportsView): SafeHtml {
  const { report } = v;
  const scope = v.query.unitId ? unitName(v.units, v.query.unitId) : 'alle enheter';
  return page(frame, {
    title: 'Rapporter',
    section: 'reports',
    body: html`<h1>Rapporter</h1>
${filterForm(v)}
<p class="actions"><a class="button secondary" href="/admin/reports.csv?${reportQueryString(v.query)}" download>Last ned CSV</a></p>
<h2>${report.year} – ${scope}</h2>
${keyFigures(report)}
<p class="hint">Et oppdrag telles i måneden det skal utføres (norsk tid). Besatt: har en frivillig og er ikke avlyst. Ikke besatt: ingen flere å spørre, eller starttiden passerte uten frivillig. Besettelsesgraden regnes av oppdrag som er avgjort (besatt eller ikke besatt). Tid til besatt måles fra utsending til noen sa ja. Frivillige timer er varigheten av de besatte oppdragene.</p>
${reportCharts(report, scope)}
<h2>Per måned</h2>
${figuresTable({ caption: `${scope} per måned ${report.year}`, rowHeader: 'Måned', rows: report.months.map((m) => ({ label: monthName(m.month), figures: m.total })), total: { label: 'Hele året', figures: report.total }, id: 'report-months' })}
${v.query.unitId ? '' : perUnitTables(v)}`,
  });
}
