/**
 * Small server-rendered SVG charts (grouped bars, lines) with a <title> and <desc> for screen
 * readers. Pure string building: every text and attribute value passes through escapeXml, so the
 * result is safe to embed in an HTML page as it is.
 */
export interface ChartSeries {
  name: string;
  /** One value per category; null draws nothing (no bar, a gap in the line). */
  values: readonly (number | null)[];
  color: string;
}

export interface ChartSpec {
  /** Unique on the page: the <title> and <desc> ids derive from it. */
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** Fix the top of the value axis (e.g. 100 for percentages) instead of fitting the data. */
  maxValue?: number;
  /** How a value reads in tooltips and on the axis. */
  formatValue?: (value: number) => string;
}

const WIDTH = 880;
const HEIGHT = 300;
const PLOT = { left: 56, right: 12, top: 16, bottom: 70 };
const PLOT_WIDTH = WIDTH - PLOT.left - PLOT.right;
const PLOT_HEIGHT = HEIGHT - PLOT.top - PLOT.bottom;
const INK = '#1a1a1a';
const GRID = '#c9c9c9';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** 1, 2 or 5 times a power of ten, at least `roughStep`: axis steps people read easily. */
export function niceStep(roughStep: number): number {
  if (!Number.isFinite(roughStep) || roughStep <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(roughStep));
  const fraction = roughStep / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** The value axis: ticks from 0 to a round top at or above the largest value (counts step by whole numbers). */
export function valueAxis(values: readonly (number | null)[], fixedMax?: number, targetTicks = 4): { top: number; ticks: number[] } {
  const largest = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const max = fixedMax ?? largest;
  const step = fixedMax !== undefined ? niceStep(fixedMax / targetTicks) : Math.max(1, niceStep(max / targetTicks));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { top, ticks };
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function yOf(value: number, top: number): number {
  return PLOT.top + PLOT_HEIGHT - (Math.min(value, top) / top) * PLOT_HEIGHT;
}

function slotWidth(spec: ChartSpec): number {
  return PLOT_WIDTH / Math.max(1, spec.categories.length);
}

function frame(spec: ChartSpec, axis: { top: number; ticks: number[] }, plot: string): string {
  const id = escapeXml(spec.id);
  const format = spec.formatValue ?? String;
  const grid = axis.ticks.map((t) => {
    const y = round(yOf(t, axis.top));
    return `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y}" y2="${y}" stroke="${GRID}"/>`
      + `<text x="${PLOT.left - 6}" y="${y}" dy="4" text-anchor="end">${escapeXml(format(t))}</text>`;
  }).join('');
  const labels = spec.categories.map((c, i) => `<text x="${round(PLOT.left + slotWidth(spec) * (i + 0.5))}" y="${PLOT.top + PLOT_HEIGHT + 18}" text-anchor="middle">${escapeXml(c)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" font-size="14" fill="${INK}" style="height:auto">`
    + `<title id="${id}-title">${escapeXml(spec.title)}</title><desc id="${id}-desc">${escapeXml(spec.description)}</desc>`
    + `<g>${grid}</g><g>${labels}</g>${plot}${legend(spec)}</svg>`;
}

function legend(spec: ChartSpec): string {
  const y = HEIGHT - 16;
  return '<g>' + spec.series.map((s, i) => {
    const x = PLOT.left + i * 170;
    return `<rect x="${x}" y="${y - 11}" width="13" height="13" fill="${escapeXml(s.color)}"/><text x="${x + 18}" y="${y}">${escapeXml(s.name)}</text>`;
  }).join('') + '</g>';
}

function tooltip(spec: ChartSpec, series: ChartSeries, index: number, value: number): string {
  const format = spec.formatValue ?? String;
  return `<title>${escapeXml(`${spec.categories[index] ?? ''}: ${series.name} ${format(value)}`)}</title>`;
}

/** Bars side by side per category, one colour per series. */
export function renderBarChart(spec: ChartSpec): string {
  const axis = valueAxis(spec.series.flatMap((s) => s.values), spec.maxValue);
  const slot = slotWidth(spec);
  const barWidth = (slot * 0.8) / Math.max(1, spec.series.length);
  const bars = spec.series.map((s, si) => s.values.map((v, i) => {
    if (v === null || !Number.isFinite(v) || v <= 0) return '';
    const x = PLOT.left + slot * i + slot * 0.1 + barWidth * si;
    const y = yOf(v, axis.top);
    return `<rect x="${round(x)}" y="${round(y)}" width="${round(barWidth)}" height="${round(PLOT.top + PLOT_HEIGHT - y)}" fill="${escapeXml(s.color)}">${tooltip(spec, s, i, v)}</rect>`;
  }).join('')).join('');
  return frame(spec, axis, `<g>${bars}</g>`);
}

/** One line per series through the category centres, broken where a value is missing. */
export function renderLineChart(spec: ChartSpec): string {
  const axis = valueAxis(spec.series.flatMap((s) => s.values), spec.maxValue);
  const slot = slotWidth(spec);
  const lines = spec.series.map((s) => {
    const points = s.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : { x: PLOT.left + slot * (i + 0.5), y: yOf(v, axis.top), v, i }));
    const path = points.map((p, i) => (p ? `${points[i - 1] ? 'L' : 'M'}${round(p.x)} ${round(p.y)}` : '')).join(' ').trim();
    const dots = points.map((p) => (p ? `<circle cx="${round(p.x)}" cy="${round(p.y)}" r="4" fill="${escapeXml(s.color)}">${tooltip(spec, s, p.i, p.v)}</circle>` : '')).join('');
    return (path ? `<path d="${path}" fill="none" stroke="${escapeXml(s.color)}" stroke-width="2.5"/>` : '') + dots;
  }).join('');
  return frame(spec, axis, `<g>${lines}</g>`);
}
