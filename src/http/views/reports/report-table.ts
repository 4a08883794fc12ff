import type { Figures } from '../../../domain/reports';
import { html, type SafeHtml } from '../html';
import { FIGURE_COLUMNS } from './format-figures';

export interface FiguresRow { label: string; figures: Figures }

// Numbers line up on the right, digits of equal width, so columns can be compared at a glance.
const NUM = 'text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap';

function figureCells(f: Figures, tag: 'td' | 'th'): SafeHtml[] {
  return FIGURE_COLUMNS.map((c) => (tag === 'td' ? html`<td data-label="${c.header}" style="${NUM}">${c.page(f)}</td>` : html`<th scope="col" style="${NUM}">${c.page(f)}</th>`));
}

/** A table of figures: one row per month (or unit), an optional total row, a caption for screen readers. */
export function figuresTable(opts: { caption: string; rowHeader: string; rows: FiguresRow[]; total?: FiguresRow; id?: string }): SafeHtml {
  return html`<div class="table-wrap"><table${opts.id ? html` id="${opts.id}"` : ''}>
<caption class="sr-only">${opts.caption}</caption>
<thead><tr><th scope="col">${opts.rowHeader}</th>${FIGURE_COLUMNS.map((c) => html`<th scope="col" style="${NUM}">${c.header}</th>`)}</tr></thead>
<tbody>
${opts.rows.map((r) => html`<tr><th scope="row">${r.label}</th>${figureCells(r.figures, 'td')}</tr>`)}
</tbody>
${opts.total ? html`<tfoot><tr><th scope="row">${opts.total.label}</th>${figureCells(opts.total.figures, 'td')}</tr></tfoot>` : ''}
</table></div>`;
}
