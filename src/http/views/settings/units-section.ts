import type { Coordinator, Unit } from '../../../db/coordinator.repo';
import { UNIT_NAME_MAX } from '../../../services/manage-accounts-rules';
import { csrfInput, inputField } from '../form';
import { html, type SafeHtml } from '../html';

function unitRow(u: Unit, coordinators: readonly Coordinator[], csrfToken: string): SafeHtml {
  const count = coordinators.filter((c) => c.unitId === u.id && c.active).length;
  return html`<tr id="unit-${u.id}">
<td data-label="Navn"><form method="post" action="/admin/settings/units/${u.id}" style="display:flex;gap:8px;flex-wrap:wrap">
${csrfInput(csrfToken)}
<label for="unit-name-${u.id}" class="sr-only">Nytt navn for ${u.name}</label>
<input id="unit-name-${u.id}" name="name" type="text" value="${u.name}" required maxlength="${UNIT_NAME_MAX}" style="flex:1;min-width:12em">
<button type="submit" class="secondary">Gi nytt navn<span class="sr-only"> til ${u.name}</span></button>
</form></td>
<td data-label="Aktive koordinatorer">${count}</td>
</tr>`;
}

/** Units: each renamable in place, and a form for a new one. */
export function unitsSection(units: readonly Unit[], coordinators: readonly Coordinator[], csrfToken: string): SafeHtml {
  return html`<section aria-labelledby="units-h">
<h2 id="units-h">Enheter</h2>
<p class="hint">Hver koordinator hører til en enhet, og ser detaljene (navn og adresse) bare i sin egen enhets oppdrag.</p>
${units.length === 0 ? html`<p class="muted">Ingen enheter ennå.</p>` : html`<div class="table-wrap"><table>
<caption class="sr-only">Enheter</caption>
<thead><tr><th scope="col">Navn</th><th scope="col">Aktive koordinatorer</th></tr></thead>
<tbody>${units.map((u) => unitRow(u, coordinators, csrfToken))}</tbody>
</table></div>`}
<h3>Ny enhet</h3>
<form class="stack" method="post" action="/admin/settings/units">
${csrfInput(csrfToken)}
${inputField({ name: 'unitName', label: 'Navn på enheten', required: true, hint: 'For eksempel «Frivilligsentralen» eller «Flyktning- og innvandrertjenesten».', attrs: html` maxlength="${UNIT_NAME_MAX}"` })}
<div><button type="submit">Legg til enhet</button></div>
</form>
</section>`;
}
