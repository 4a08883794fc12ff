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

/** Whether anyone more will be asked: not once the task is taken or called off. */
function asksMore(status: string): boolean {
  return status === 'new' || status === 'searching' || status === 'unfilled';
}

function standing(v: ConsideredVolunteer, status: string): string {
  if (v.offer) return OFFER_LABELS[v.offer.status] ?? v.offer.status;
  if (!v.eligible) return 'Spørres ikke';
  if (!asksMore(status)) return 'Passer, men spørres ikke';
  return v.rank !== undefined ? `Nr. ${v.rank} i køen` : 'Kan spørres';
}

function summaryText(volunteers: ConsideredVolunteer[], status: string): string {
  const asked = volunteers.filter((v) => v.offer).length;
  const eligible = volunteers.filter((v) => !v.offer && v.eligible).length;
  const unfit = volunteers.length - asked - eligible;
  const askedText = `${asked} spurt`;
  const unfitText = `${unfit} passer ikke`;
  if (status === 'assigned') return `${askedText}; oppdraget er tildelt, så ingen flere spørres (${unfitText})`;
  if (status === 'cancelled') return `${askedText}; oppdraget er avlyst, så ingen flere spørres (${unfitText})`;
  const next = status === 'new' ? `${eligible} kan spørres når det sendes ut` : `${eligible} til kan spørres`;
  return `${askedText}, ${next}, ${unfitText}`;
}

/** The inside of «Hvem blir spurt»: replaced live (task-live.js) together with status and timeline. */
export function candidatesFragment(volunteers: ConsideredVolunteer[], status: string): SafeHtml {
  return html`<details id="candidates"><summary>${summaryText(volunteers, status)} — vis alle med begrunnelse</summary>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Frivillig</th><th scope="col">Status</th><th scope="col">Hvorfor</th></tr></thead>
<tbody>${volunteers.map((v) => html`<tr data-volunteer="${v.volunteerId}"><td data-label="Frivillig"><a href="/admin/volunteers/${v.volunteerId}">${v.name}</a></td><td data-label="Status">${standing(v, status)}</td><td data-label="Hvorfor">${v.reasons.join('; ')}</td></tr>`)}</tbody>
</table></div>
<p class="hint">Rekkefølgen: først den som har hjulpet samme person før, så den som har hatt færrest oppdrag og tilbud de siste 30 dagene, så den som oftest svarer.</p>
</details>`;
}

/**
 * "Hvem blir spurt": every volunteer with the reason they were, will be, or will not be asked,
 * from the same rules the dispatcher uses. Collapsed, since a municipality has a hundred or more.
 */
export function candidatesSection(volunteers: ConsideredVolunteer[], status = 'searching'): SafeHtml {
  return html`<section aria-labelledby="candidates-h">
<h2 id="candidates-h">Hvem blir spurt</h2>
<div id="task-candidates">${candidatesFragment(volunteers, status)}</div></section>`;
}
