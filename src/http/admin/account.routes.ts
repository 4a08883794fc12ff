import { Router } from 'express';
import { listApiTokens, type ApiToken } from '../../db/api-token.repo';
import { createApiToken, revokeOwnApiToken } from '../../services/api-tokens';
import { changeOwnPassword } from '../../services/change-password';
import { MIN_PASSWORD_LENGTH } from '../../services/passwords';
import { csrfInput, inputField, postButton, type FieldErrors } from '../views/form';
import { html } from '../views/html';
import { page, type PageFrame } from '../views/layout';
import { formatDateTime } from '../views/format';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, sendPage, setFlash, redirectAfterSave } from './frame';

interface PasswordFormState { errors: FieldErrors }

/** Bytt passord: the current one, then the new one twice; the browser may offer to generate one. */
function passwordSection(frame: PageFrame, state: PasswordFormState = { errors: {} }) {
  const errors = state.errors;
  return html`<h2 id="password">Bytt passord</h2>
<p class="hint">Du blir logget ut alle andre steder du er logget inn.</p>
<form class="stack" method="post" action="/admin/account/password" novalidate>
  ${csrfInput(frame.csrfToken)}
  <input type="hidden" name="username" value="${frame.actor.email}" autocomplete="username">
  ${inputField({ name: 'current', label: 'Nåværende passord', type: 'password', errors, required: true, attrs: html` autocomplete="current-password"` })}
  ${inputField({ name: 'next', label: 'Nytt passord', type: 'password', errors, required: true, hint: `Minst ${MIN_PASSWORD_LENGTH} tegn.`, attrs: html` autocomplete="new-password" minlength="${String(MIN_PASSWORD_LENGTH)}"` })}
  ${inputField({ name: 'repeat', label: 'Nytt passord en gang til', type: 'password', errors, required: true, attrs: html` autocomplete="new-password"` })}
  <div><button type="submit">Bytt passord</button></div>
</form>`;
}

function accountPage(frame: PageFrame, tokens: ApiToken[], newToken?: string, password?: PasswordFormState) {
  const live = tokens.filter((t) => !t.revokedAt);
  return page(frame, {
    title: 'Min konto',
    section: 'account',
    body: html`
<h1>Min konto</h1>
<p>${frame.actor.name} · ${frame.actor.email}</p>
${passwordSection(frame, password)}
<h2>API-nøkler</h2>
<p class="hint">En personlig nøkkel gir et program tilgang til Svarjas JSON-API med dine rettigheter. Nøkkelen vises bare én gang.</p>
${newToken ? html`<div class="flash ok" role="status"><p>Ny nøkkel (kopier den nå, den vises ikke igjen):</p><p><code id="new-token">${newToken}</code></p></div>` : ''}
<form class="stack" method="post" action="/admin/account/tokens">
  ${csrfInput(frame.csrfToken)}
  ${inputField({ name: 'name', label: 'Navn på nøkkelen', hint: 'For eksempel «Fagsystem» eller «Skript for rapporter».', required: true })}
  <div><button type="submit">Lag ny nøkkel</button></div>
</form>
<div class="table-wrap"><table>
<caption class="sr-only">Dine API-nøkler</caption>
<thead><tr><th>Navn</th><th>Begynner med</th><th>Laget</th><th>Sist brukt</th><th><span class="sr-only">Handling</span></th></tr></thead>
<tbody>
${live.length === 0 ? html`<tr><td colspan="5" class="muted">Ingen aktive nøkler.</td></tr>` : ''}
${live.map((t) => html`<tr><td data-label="Navn">${t.name}</td><td data-label="Begynner med"><code>${t.prefix}…</code></td><td data-label="Laget">${formatDateTime(t.createdAt)}</td><td data-label="Sist brukt">${t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'aldri'}</td>
<td>${postButton(`/admin/account/tokens/${t.id}/revoke`, 'Trekk tilbake', frame.csrfToken, { className: 'danger' })}</td></tr>`)}
</tbody></table></div>`,
  });
}

/** Min konto: personal API tokens, created and revoked here. */
export function accountRoutes(deps: AdminDeps): Router {
  const router = Router();

  router.get('/account', async (_req, res) => {
    sendPage(res, accountPage(frameOf(res), await listApiTokens(deps.ctx.db, coordinatorOf(res).id)));
  });

  router.post('/account/tokens', async (req, res) => {
    const token = await createApiToken(deps.ctx, coordinatorOf(res), String(req.body.name ?? ''));
    // Shown in this response only (no redirect): the token must never be stored anywhere.
    sendPage(res, accountPage(frameOf(res), await listApiTokens(deps.ctx.db, coordinatorOf(res).id), token), 201);
  });

  router.post('/account/password', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const result = await changeOwnPassword(deps.ctx, coordinatorOf(res), { current: text('current'), next: text('next'), repeat: text('repeat') }, req.sessionID);
    if (!result.ok) {
      const tokens = await listApiTokens(deps.ctx.db, coordinatorOf(res).id);
      sendPage(res, accountPage(frameOf(res), tokens, undefined, { errors: { [result.field]: result.message } }), 400);
      return;
    }
    const elsewhere = result.loggedOut > 0 ? ` Du er logget ut ${result.loggedOut === 1 ? 'ett annet sted' : `${result.loggedOut} andre steder`}.` : '';
    setFlash(req, 'ok', `Passordet er byttet.${elsewhere}`);
    redirectAfterSave(req, res, '/admin/account');
  });

  router.post('/account/tokens/:id/revoke', async (req, res) => {
    const id = String(req.params.id);
    const ok = /^\d{1,18}$/.test(id) && await revokeOwnApiToken(deps.ctx, coordinatorOf(res), id); // not a number: no such key
    setFlash(req, ok ? 'ok' : 'error', ok ? 'Nøkkelen er trukket tilbake.' : 'Fant ikke nøkkelen.');
    redirectAfterSave(req, res, '/admin/account');
  });

  return router;
}
