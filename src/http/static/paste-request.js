/* global document, window */
/*
 * «Lim inn forespørsel» in place: the box's form is posted with fetch (same route, CSRF token and
 * all, asking for JSON) and the new-task form below is filled where it stands, keeping what the
 * coordinator already typed in the fields the text says nothing about. «Mangler: …» marks are put
 * beside the fields the same way the server renders them (an error-text span the field's
 * aria-describedby points at). Without this script the box posts and the page comes back prefilled.
 */
(() => {
  'use strict';
  const box = document.getElementById('paste-form');
  const form = document.getElementById('task-form');
  if (!box || !form || !('fetch' in window)) return;
  const result = document.getElementById('paste-result');
  const MARKED = ['type', 'date', 'time', 'area', 'summary', 'details'];

  const describedBy = (field) => (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);

  /** Removes a mark this script or the server put beside the field. */
  const unmark = (name) => {
    const field = form.querySelector(`[name="${name}"]`);
    const old = document.getElementById(`${name}-error`);
    if (!field || !old) return;
    old.remove();
    const ids = describedBy(field).filter((id) => id !== `${name}-error`);
    if (ids.length > 0) field.setAttribute('aria-describedby', ids.join(' '));
    else field.removeAttribute('aria-describedby');
    field.removeAttribute('aria-invalid');
  };

  /** Marks a field still empty; one the coordinator filled before pasting is theirs. */
  const mark = (name, text) => {
    const field = form.querySelector(`[name="${name}"]`);
    if (!field || field.value !== '') return;
    const span = document.createElement('span');
    span.className = 'error-text';
    span.id = `${name}-error`;
    span.textContent = text;
    field.before(span);
    field.setAttribute('aria-describedby', [...describedBy(field), span.id].join(' '));
    field.setAttribute('aria-invalid', 'true');
  };

  const show = (lines) => {
    result.replaceChildren(...lines.map(([text, hint]) => {
      const p = document.createElement('p');
      if (hint) p.className = 'hint';
      p.textContent = text;
      return p;
    }));
  };

  box.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = box.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const response = await fetch(box.action, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new window.FormData(box)).toString(),
        credentials: 'same-origin',
      });
      if (!response.headers.get('content-type')?.includes('json')) {
        box.submit(); // the session ended or something else went wrong: let the server page say so
        return;
      }
      const answer = await response.json();
      if (answer.error) {
        show([[answer.error, false]]);
        return;
      }
      for (const name of answer.filled) {
        const field = form.querySelector(`[name="${name}"]`);
        if (field) field.value = answer.values[name];
      }
      for (const name of MARKED) unmark(name);
      for (const [name, text] of Object.entries(answer.marks)) mark(name, text);
      show([[answer.result, false], ...answer.notices.map((n) => [n, true])]);
      const first = Object.keys(answer.marks)[0];
      const target = first ? form.querySelector(`[name="${first}"]`) : null;
      if (target) target.focus();
    } catch {
      box.submit();
    } finally {
      button.disabled = false;
    }
  });
})();
