import type { AuditEvent } from '../../../db/audit.repo';
import { formatDateTime } from '../format';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { ACTION_LABELS, actionLabel, detailText, subjectOf } from './audit-labels';

export interface AuditView {
  events: AuditEvent[];
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

function eventRow(e: AuditEvent, isAdmin: boolean): SafeHtml {
  const subject = subjectOf(e, isAdmin);
  return html`<tr>
<td><time datetime="${e.at.toISOString()}">${formatDateTime(e.at)}</time></td>
<td>${e.actor}</td>
<td><a href="${auditHref({ action: e.action })}" title="Vis bare denne typen">${actionLabel(e.action)}</a></td>
<td>${subject ? (subject.href ? html`<a href="${subject.href}">${subject.label}</a>` : subject.label) : html`<span class="muted">–</span>`}</td>
<td class="muted">${detailText(e.detail)}</td>
</tr>`;
}

/** Logg: who did what and when, newest first, filtered by action, paged backwards by id. */
export function auditPage(frame: PageFrame, v: AuditView): SafeHtml {
  const isAdmin = frame.actor.role === 'admin';
  return page(frame, {
    title: 'Logg',
    section: 'audit',
    body: html`<h1>Logg</h1>
<p class="hint">Hvem gjorde hva, og når: innlogginger, utsendinger, tildelinger, endringer, importer og eksporter. Nyeste først.</p>
${filterForm(v.action)}
${v.events.length === 0 ? html`<p class="muted">Ingen hendelser${v.action ? ' av denne typen' : ''}.</p>` : html`<div class="table-wrap"><table>
<caption class="sr-only">Hendelser, nyeste først</caption>
<thead><tr><th scope="col">Når</th><th scope="col">Hvem</th><th scope="col">Hva</th><th scope="col">Gjelder</th><th scope="col">Detaljer</th></tr></thead>
<tbody>${v.events.map((e) => eventRow(e, isAdmin))}</tbody>
</table></div>`}
<nav class="actions" aria-label="Sider i loggen">
${v.beforeId ? html`<a class="button secondary" href="${auditHref({ action: v.action })}">Nyeste</a>` : ''}
${v.olderFrom ? html`<a class="button secondary" rel="next" href="${auditHref({ action: v.action, before: v.olderFrom })}">Eldre</a>` : ''}
</nav>`,
  });
}
