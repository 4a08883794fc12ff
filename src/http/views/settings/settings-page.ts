import type { Coordinator, Unit } from '../../../db/coordinator.repo';
import type { FieldErrors } from '../form';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { coordinatorsTable } from './coordinators-section';
import { newCoordinatorForm, type NewCoordinatorValues } from './new-coordinator-form';
import { unitsSection } from './units-section';

export interface SettingsView {
  units: Unit[];
  coordinators: Coordinator[];
  newCoordinator: NewCoordinatorValues;
  newCoordinatorErrors?: FieldErrors;
}

/** Errors of the new-account form, at the top with links to the fields: the form itself is far down. */
function errorSummary(errors: FieldErrors | undefined): SafeHtml {
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return html``;
  return html`<div class="flash error" role="alert"><p style="margin:0">Kontoen ble ikke opprettet:</p>
<ul>${entries.map(([field, message]) => html`<li><a href="#f-${field}">${message}</a></li>`)}</ul></div>`;
}

/** Administrasjon (admins only): units, and coordinator accounts. */
export function settingsPage(frame: PageFrame, v: SettingsView): SafeHtml {
  return page(frame, {
    title: 'Administrasjon',
    section: 'admin',
    body: html`<h1>Administrasjon</h1>
<p><a href="/admin/queues">Køer (for drift)</a>: jobbkøene bak SMS-ene (BullMQ), bare til lesing og på engelsk. Postgres bestemmer hva som skjer; her ser du bare hva som venter.</p>
${errorSummary(v.newCoordinatorErrors)}
${unitsSection(v.units, v.coordinators, frame.csrfToken)}
<section aria-labelledby="coordinators-h">
<h2 id="coordinators-h">Koordinatorer</h2>
${coordinatorsTable(v.coordinators, v.units, frame)}
${newCoordinatorForm(v.units, frame.csrfToken, v.newCoordinator, v.newCoordinatorErrors)}
</section>`,
  });
}
