import type { ConsideredVolunteer } from '../../../services/explain-matching';
import { html, type SafeHtml } from '../html';

const OFFER_LABELS: Record<string, string> = {
  pending: 'Tilbud på vei',
  open: 'Venter på svar',
  accepted: 'Sa JA',
  declined: 'Sa NEI',
  expired: 'Svarte ikke i tide',
  withdrawn: 'Tilbud trukket tilbake',
  failed: 'SMS kom ikke fram',
};

function standing(v: ConsideredVolunteer): string {
  if (v.offer) return OFFER_LABELS[v.offer.status] ?? v.offer.status;
  if (v.eligible && v.rank !== undefined) return `Nr. ${v.rank} i køen`;
  return v.eligible ? 'Kan spørres' : 'Spørres ikke';
}

/**
 * "Hvem blir spurt": every volunteer with the reason they were, will be, or will not be asked,
 * from the same rules the dispatcher uses. Collapsed, since a municipality has a hundred or more.
 */
export function candidatesSection(volunteers: ConsideredVolunteer[]): SafeHtml {
  const asked = volunteers.filter((v) => v.offer).length;
  const eligible = volunteers.filter((v) => !v.offer && v.eligible).length;
  return html`<section aria-labelledby="candidates-h">
<h2 id="candidates-h">Hvem blir spurt</h2>
<details id="candidates"><summary>${asked} spurt, ${eligible} til kan spørres, ${volunteers.length - asked - eligible} passer ikke — vis alle med begrunnelse</summary>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Frivillig</th><th scope="col">Status</th><th scope="col">Hvorfor</th></tr></thead>
<tbody>${volunteers.map((v) => html`<tr data-volunteer="${v.volunteerId}"><td><a href="/admin/volunteers/${v.volunteerId}">${v.name}</a></td><td>${standing(v)}</td><td>${v.reasons.join('; ')}</td></tr>`)}</tbody>
</table></div>
<p class="hint">Rekkefølgen: først den som har hjulpet samme person før, så den som har hatt færrest oppdrag og tilbud den siste måneden, så den som oftest svarer.</p>
</details></section>`;
}
