import type { YearReport } from '../../../domain/reports';
import { renderBarChart, renderLineChart } from '../../../domain/svg-chart';
import { html, SafeHtml } from '../html';
import { formatCount, monthName, monthShort } from './format-figures';

// Blue shades and orange: told apart with the common colour-vision deficiencies, all dark enough on white.
const COLORS = { created: '#5c7ea3', filled: '#0b4a86', unfilled: '#b35900', rate: '#0b4a86' };

/** The chart markup is built by svg-chart, which escapes every value it is given. */
function svg(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** On a phone the chart keeps a readable size and scrolls sideways instead of shrinking its text. */
function figure(markup: string, caption: string): SafeHtml {
  return html`<figure class="card" style="margin:0 0 12px"><div class="table-wrap" tabindex="0" role="region" aria-label="${caption}"><div style="min-width:600px">${svg(markup)}</div></div><figcaption class="hint">${caption}</figcaption></figure>`;
}

function tasksDescription(report: YearReport, scope: string): string {
  const busiest = [...report.months].sort((a, b) => b.total.created - a.total.created)[0];
  const totals = `${formatCount(report.total.created)} oppdrag i ${report.year}, ${formatCount(report.total.filled)} besatt og ${formatCount(report.total.unfilled)} ikke besatt (${scope}).`;
  return busiest && busiest.total.created > 0 ? `${totals} Flest oppdrag i ${monthName(busiest.month)}: ${formatCount(busiest.total.created)}. Tallene per måned står i tabellen under.` : `${totals} Tallene per måned står i tabellen under.`;
}

/** Tasks, filled and unfilled per month as bars; the fill rate per month as a line. */
export function reportCharts(report: YearReport, scope: string): SafeHtml {
  const categories = report.months.map((m) => monthShort(m.month));
  const bars = renderBarChart({
    id: 'chart-tasks',
    title: `Oppdrag per måned ${report.year}`,
    description: tasksDescription(report, scope),
    categories,
    series: [
      { name: 'Oppdrag', values: report.months.map((m) => m.total.created), color: COLORS.created },
      { name: 'Besatt', values: report.months.map((m) => m.total.filled), color: COLORS.filled },
      { name: 'Ikke besatt', values: report.months.map((m) => m.total.unfilled), color: COLORS.unfilled },
    ],
  });
  const rate = report.total.fillRate === null ? 'ingen oppdrag avgjort ennå' : `${Math.round(report.total.fillRate * 100)} % for hele året`;
  const line = renderLineChart({
    id: 'chart-rate',
    title: `Besettelsesgrad per måned ${report.year}`,
    description: `Andel av avgjorte oppdrag som fikk en frivillig, per måned: ${rate}. Måneder uten avgjorte oppdrag har ikke noe punkt.`,
    categories,
    series: [{ name: 'Besettelsesgrad', values: report.months.map((m) => (m.total.fillRate === null ? null : Math.round(m.total.fillRate * 100))), color: COLORS.rate }],
    maxValue: 100,
    formatValue: (v) => `${v} %`,
  });
  return html`${figure(bars, `Oppdrag, besatte og ikke besatte oppdrag per måned (${scope}).`)}
${figure(line, `Besettelsesgrad per måned (${scope}).`)}`;
}
