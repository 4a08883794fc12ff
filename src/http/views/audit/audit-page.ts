import type { AuditEvent } from '../../../db/audit.repo';
import { formatDateTime } from '../format';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import type { AuditNames } from '../../../db/audit-names.repo';
import { ACTION_LABELS, actionLabel } from './audit-labels';
import { AuditRefs } from './audit-refs';
import { eventSentence } from './audit-sentences';

export interface AuditView {
  events: AuditEvent[];
  /** The names behind the ids the events mention (see idsOf). */
  names: AuditNames;
  action?: string;
  /** Set when this is not the newest page. */
  beforeId?: string;
  /** The id to continue from for the "Eldre" link; undefined on the last page. */
  olderFrom?: string;
}

function auditHref(params: { action?: string; before?: string }): string {
  const q = new URLSearchParams();
  if (params.action) q.set('action', params.action);
  if (params.before) q.set('before', params.before);
  const s = q.toString();
  return s ? `/admin/audit?${s}` : '/admin/audit';
}

function filterForm(action: string | undefined): SafeHtml {
  const known = Object.keys(ACTION_LABELS);
  const options = action && !known.includes(action) ? [...known, action] : known;
  return html`<form method="get" action="/admin/audit" class="filters">
<div class="field"><label for="f-action">Hendelse</label><select id="f-action" name="action">
<option value="">Alle hendelser</option>
${options.map((a) => html`<option value="${a}"${a === action ? html` selected` : ''}>${actionLabel(a)}</option>`)}
</select></div>
<div><button type="submit">Vis</button></div>
</form>`;
}

function eventRow(e: AuditEvent, refs: AuditRefs): SafeHtml {
  const known = actionLabel(e.action) !== e.action && /^[a-z_]+$/.test(e.action);
  return html`<tr>
<td data-label="Når"><time datetime="${e.at.toISOString()}">${formatDateTime(e.at)}</time></td>
<td data-label="Hendelse">${eventSentence(e, refs)}.${known ? html` <a class="muted" href="${auditHref({ action: e.action })}">Vis alle slike</a>` : ''}</td>
</tr>`;
}

/** Logg: who did what and when, newest first, filtered by action, paged backwards by id. */
export function auditPage(frame: PageFrame, v: AuditView): SafeHtml {
  const refs = new AuditRefs(v.names, frame.actor.role === 'admin');
  return page(frame, {
    title: 'Logg',
    section: 'audit',
    body: html`<h1>Logg</h1>
<p class="hint">Hvem gjorde hva, og når: innlogginger, utsendinger, tildelinger, endringer, importer og eksporter. Nyeste først.</p>
${filterForm(v.action)}
${v.events.length === 0 ? html`<p class="muted">Ingen hendelser${v.action ? ' av denne typen' : ''}.</p>` : html`<div class="table-wrap"><table>
<caption class="sr-only">Hendelser, nyeste først</caption>
<thead><tr><th scope="col">Når</th><th scope="col">Hendelse</th></tr></thead>
<tbody>${v.events.map((e) => eventRow(e, refs))}</tbody>
</table></div>`}
<nav class="actions" aria-label="Sider i loggen">
${v.beforeId ? html`<a class="button secondary" href="${auditHref({ action: v.action })}">Nyeste</a>` : ''}
${v.olderFrom ? html`<a class="button secondary" rel="next" href="${auditHref({ action: v.action, before: v.olderFrom })}">Eldre</a>` : ''}
</nav>`,
  });
}
