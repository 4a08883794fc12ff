import type { Unit } from '../../../db/coordinator.repo';
import { MIN_PASSWORD_LENGTH } from '../../../services/passwords';
import { csrfInput, inputField, selectField, type FieldErrors } from '../form';
import { html, type SafeHtml } from '../html';
import { ROLE_OPTIONS } from './role-labels';

/** What was typed into the form, shown again when it has errors (never the password). */
export interface NewCoordinatorValues { email: string; name: string; role: string; unitId: string }

export const EMPTY_NEW_COORDINATOR: NewCoordinatorValues = { email: '', name: '', role: 'coordinator', unitId: '' };

export function newCoordinatorForm(units: readonly Unit[], csrfToken: string, values: NewCoordinatorValues, errors: FieldErrors = {}): SafeHtml {
  return html`<h3 id="new-coordinator-h">Ny koordinator</h3>
<form class="stack" method="post" action="/admin/settings/coordinators" aria-labelledby="new-coordinator-h">
${csrfInput(csrfToken)}
${inputField({ name: 'email', label: 'E-post', type: 'email', value: values.email, required: true, errors, attrs: html` autocomplete="off"` })}
${inputField({ name: 'name', label: 'Navn', value: values.name, required: true, errors })}
${selectField({ name: 'role', label: 'Rolle', value: values.role, options: ROLE_OPTIONS, errors, hint: 'Administratorer kan også endre enheter og koordinatorer.' })}
${selectField({ name: 'unitId', label: 'Enhet', value: values.unitId, options: [{ value: '', label: 'Ingen enhet (bare for administratorer)' }, ...units.map((u) => ({ value: u.id, label: u.name }))], errors })}
${inputField({ name: 'password', label: 'Første passord', type: 'password', required: true, errors, hint: `Minst ${MIN_PASSWORD_LENGTH} tegn. Gi det til personen på en trygg måte.`, attrs: html` autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}"` })}
<div><button type="submit">Opprett koordinator</button></div>
</form>`;
}
