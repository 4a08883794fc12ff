import { html, type SafeHtml } from './html';

/** Field errors, keyed by field name; shown next to the field and linked with aria-describedby. */
export type FieldErrors = Record<string, string | undefined>;

export interface FieldOpts {
  name: string;
  label: string;
  value?: string | null;
  type?: string;
  hint?: string;
  errors?: FieldErrors;
  required?: boolean;
  attrs?: SafeHtml;
}

function describedBy(o: FieldOpts): SafeHtml | string {
  const ids = [o.hint ? `${o.name}-hint` : '', o.errors?.[o.name] ? `${o.name}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

function fieldExtras(o: FieldOpts): { hint: SafeHtml | string; error: SafeHtml | string; invalid: SafeHtml | string } {
  const error = o.errors?.[o.name];
  return {
    hint: o.hint ? html`<span class="hint" id="${o.name}-hint">${o.hint}</span>` : '',
    error: error ? html`<span class="error-text" id="${o.name}-error">${error}</span>` : '',
    invalid: error ? html` aria-invalid="true"` : '',
  };
}

export function inputField(o: FieldOpts): SafeHtml {
  const x = fieldExtras(o);
  return html`<div class="field"><label for="f-${o.name}">${o.label}${o.required ? '' : html` <span class="hint">(valgfritt)</span>`}</label>${x.hint}${x.error}
<input id="f-${o.name}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.required ? html` required` : ''}${x.invalid}${describedBy(o)}${o.attrs ?? ''}></div>`;
}

export function textareaField(o: FieldOpts): SafeHtml {
  const x = fieldExtras(o);
  return html`<div class="field"><label for="f-${o.name}">${o.label}${o.required ? '' : html` <span class="hint">(valgfritt)</span>`}</label>${x.hint}${x.error}
<textarea id="f-${o.name}" name="${o.name}"${o.required ? html` required` : ''}${x.invalid}${describedBy(o)}>${o.value ?? ''}</textarea></div>`;
}

export function selectField(o: FieldOpts & { options: { value: string; label: string }[]; multiple?: boolean; selected?: string[] }): SafeHtml {
  const x = fieldExtras(o);
  const selected = new Set(o.selected ?? (o.value ? [o.value] : []));
  return html`<div class="field"><label for="f-${o.name}">${o.label}</label>${x.hint}${x.error}
<select id="f-${o.name}" name="${o.name}"${o.multiple ? html` multiple` : ''}${x.invalid}${describedBy(o)}>
${o.options.map((opt) => html`<option value="${opt.value}"${selected.has(opt.value) ? html` selected` : ''}>${opt.label}</option>`)}
</select></div>`;
}

export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A one-button form that POSTs (every state change is a POST with the CSRF token). */
export function postButton(action: string, label: string, csrfToken: string, opts: { className?: string; confirm?: boolean } = {}): SafeHtml {
  return html`<form class="inline" method="post" action="${action}">${csrfInput(csrfToken)}<button type="submit"${opts.className ? html` class="${opts.className}"` : ''}>${label}</button></form>`;
}
