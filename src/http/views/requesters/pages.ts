import type { Requester } from '../../../db/requester.repo';
import { csrfInput, inputField, selectField, textareaField, type FieldErrors } from '../form';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { formatPhone } from '../volunteers/labels';

/** The form's values as typed; phones one a line (or separated by commas). */
export interface RequesterFormValues { name: string; unitId: string; phones: string; contactName: string; defaultPlace: string }

export const emptyRequesterForm = (unitId: string | null): RequesterFormValues => ({ name: '', unitId: unitId ?? '', phones: '', contactName: '', defaultPlace: '' });

export function formFromRequester(r: Requester): RequesterFormValues {
  return { name: r.name, unitId: r.unitId ?? '', phones: r.phones.map(formatPhone).join('\n'), contactName: r.contactName ?? '', defaultPlace: r.defaultPlace ?? '' };
}

type Unit = { id: string; name: string };

/** Bestillere: the nursing homes and teams that may order by SMS, with their numbers. */
export function requesterListPage(frame: PageFrame, view: { requesters: Requester[]; units: Unit[] }): SafeHtml {
  const unitName = (id: string | null) => view.units.find((u) => u.id === id)?.name ?? '–';
  return page(frame, {
    title: 'Bestillere',
    section: 'requesters',
    body: html`
<h1>Bestillere</h1>
<p>Sykehjem og hjemmetjenester som kan bestille hjelp ved å sende SMS til tjenestenummeret. En SMS fra et av numrene deres blir en bestilling som de bekrefter med OK; oppdraget havner hos enheten deres.</p>
<p><a class="button" href="/admin/requesters/new">Ny bestiller</a></p>
${view.requesters.length === 0 ? html`<p>Ingen bestillere ennå.</p>` : html`
<table>
  <thead><tr><th scope="col">Navn</th><th scope="col">Enhet</th><th scope="col">Telefon</th><th scope="col">Kontakt</th><th scope="col">Sted</th></tr></thead>
  <tbody>
  ${view.requesters.map((r) => html`<tr>
    <td data-label="Navn"><a href="/admin/requesters/${r.id}">${r.name}</a></td><td data-label="Enhet">${unitName(r.unitId)}</td>
    <td data-label="Telefon">${r.phones.map(formatPhone).join(', ')}</td><td data-label="Kontakt">${r.contactName ?? ''}</td><td data-label="Sted">${r.defaultPlace ?? ''}</td>
  </tr>`)}
  </tbody>
</table>`}`,
  });
}

export function requesterFormPage(frame: PageFrame, view: { requester?: Requester; values: RequesterFormValues; errors: FieldErrors; units: Unit[] }): SafeHtml {
  const r = view.requester;
  const title = r ? r.name : 'Ny bestiller';
  const errors = view.errors;
  const problems = Object.values(errors).filter(Boolean);
  return page(frame, {
    title,
    section: 'requesters',
    body: html`
<p><a href="/admin/requesters">← Alle bestillere</a></p>
<h1>${title}</h1>
${problems.length > 0 ? html`<div class="error-summary" role="alert"><p>Skjemaet har feil:</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
<form class="stack" method="post" action="${r ? `/admin/requesters/${r.id}` : '/admin/requesters/new'}" novalidate>
  ${csrfInput(frame.csrfToken)}
  ${inputField({ name: 'name', label: 'Navn', value: view.values.name, errors, required: true, attrs: html` autocomplete="off"` })}
  ${selectField({ name: 'unitId', label: 'Enhet (eier oppdragene)', value: view.values.unitId, errors, options: view.units.map((u) => ({ value: u.id, label: u.name })) })}
  ${textareaField({ name: 'phones', label: 'Mobilnumre', value: view.values.phones, errors, required: true, hint: 'Ett nummer per linje. En SMS fra disse numrene blir en bestilling. Norske numre kan skrives uten +47.' })}
  ${inputField({ name: 'contactName', label: 'Kontaktperson', value: view.values.contactName, errors })}
  ${inputField({ name: 'defaultPlace', label: 'Sted (der de frivillige møter opp)', value: view.values.defaultPlace, errors })}
  <button type="submit">Lagre</button>
</form>`,
  });
}
