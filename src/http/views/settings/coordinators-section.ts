import type { Coordinator, Unit } from '../../../db/coordinator.repo';
import type { PageFrame } from '../layout';
import { csrfInput, postButton } from '../form';
import { formatDateTime } from '../format';
import { html, type SafeHtml } from '../html';
import { ROLE_OPTIONS } from './role-labels';

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
}

function accessForm(c: Coordinator, units: readonly Unit[], csrfToken: string): SafeHtml {
  return html`<form method="post" action="/admin/settings/coordinators/${c.id}/access" style="display:flex;gap:8px;flex-wrap:wrap;align-items:center">
${csrfInput(csrfToken)}
<label for="role-${c.id}" class="sr-only">Rolle for ${c.name}</label>
<select id="role-${c.id}" name="role" style="width:auto">${ROLE_OPTIONS.map((o) => option(o.value, o.label, o.value === c.role))}</select>
<label for="unit-${c.id}" class="sr-only">Enhet for ${c.name}</label>
<select id="unit-${c.id}" name="unitId" style="width:auto">${option('', 'Ingen enhet', c.unitId === null)}${units.map((u) => option(u.id, u.name, u.id === c.unitId))}</select>
<button type="submit" class="secondary">Lagre<span class="sr-only"> rolle og enhet for ${c.name}</span></button>
</form>`;
}

function statusCell(c: Coordinator, frame: PageFrame): SafeHtml {
  if (c.id === frame.actor.id) return html`Aktiv <span class="muted">(deg)</span>`;
  return c.active
    ? html`Aktiv ${postButton(`/admin/settings/coordinators/${c.id}/deactivate`, 'Deaktiver', frame.csrfToken, { className: 'danger' })}
<form class="inline" method="post" action="/admin/settings/coordinators/${c.id}/reset-password">${csrfInput(frame.csrfToken)}<button type="submit" class="secondary">Nytt passord<span class="sr-only"> for ${c.name}</span></button></form>`
    : html`<strong>Deaktivert</strong> ${postButton(`/admin/settings/coordinators/${c.id}/reactivate`, 'Aktiver igjen', frame.csrfToken, { className: 'secondary' })}`;
}

/** Every account: change role and unit in place, deactivate or reactivate (never delete: the log refers to them). */
export function coordinatorsTable(coordinators: readonly Coordinator[], units: readonly Unit[], frame: PageFrame): SafeHtml {
  return html`<div class="table-wrap"><table>
<caption class="sr-only">Koordinatorer</caption>
<thead><tr><th scope="col">Navn</th><th scope="col">Rolle og enhet</th><th scope="col">Status</th><th scope="col">Sist innlogget</th></tr></thead>
<tbody>${coordinators.map((c) => html`<tr id="coordinator-${c.id}">
<th scope="row">${c.name}<br><span class="muted" style="font-weight:400">${c.email}</span></th>
<td data-label="Rolle og enhet">${accessForm(c, units, frame.csrfToken)}</td>
<td data-label="Status">${statusCell(c, frame)}</td>
<td data-label="Sist innlogget">${c.lastLoginAt ? formatDateTime(c.lastLoginAt) : html`<span class="muted">aldri</span>`}</td>
</tr>`)}</tbody>
</table></div>`;
}
