import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Response } from 'express';
import { listScopeOf } from '../../domain/access';
import { countInboxMessages, listCoordinatorReplies, listHandledMessages, listInboxMessages } from '../../db/inbox.repo';
import { assignFromInbox, type InboxAssignResult } from '../../services/inbox-assign-task';
import { undoInboxMessageHandled } from '../../services/inbox-undo-handled';
import { authorizeInboxMessage } from '../../services/authorize';
import { markInboxMessageHandled } from '../../services/inbox-mark-handled';
import { MAX_REPLY_LENGTH, replyToInboxMessage, type InboxReplyResult } from '../../services/inbox-reply';
import { interpretInboxReply, REPLY_LABELS, type InterpretResult } from '../../services/interpret-inbox-reply';
import type { ReplyLabel } from '../../db/schema';
import { inboxPage } from '../views/inbox/inbox-page';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, sendPage, setFlash, redirectAfterSave } from './frame';
import { sendForbidden } from './require-admin';
import { RECORDING_PATH } from '../../services/record-voicemail';

const REPLY_ERRORS: Record<Exclude<InboxReplyResult, { ok: true }>['error'], string> = {
  not_found: 'Fant ikke meldingen.',
  empty: 'Skriv et svar før du sender.',
  too_long: `Svaret er for langt (høyst ${MAX_REPLY_LENGTH} tegn).`,
  opted_out: 'Personen har sendt STOPP og kan ikke få SMS fra oss.',
  no_phone_number: 'Avsenderen har ikke et telefonnummer vi kan sende SMS til.',
};

/** False (after answering 403) when the message is about another unit's task; unknown ids go on to "not found". */
async function messageAllowed(deps: AdminDeps, res: Response, id: string, action: 'reply' | 'handle'): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return true;
  const access = await authorizeInboxMessage(deps.ctx.db, coordinatorOf(res), id, action);
  if (access.ok || access.error === 'not_found') return true;
  sendForbidden(res, 'inbox');
  return false;
}

/** Innboks (/inbox): list, reply by SMS, mark handled (and undo it), give the writer of an unclear reply the task. Every change redirects back (post/redirect/get). */
export function inboxRoutes(deps: AdminDeps): Router {
  const router = Router();

  router.get('/inbox', async (req, res) => {
    const scope = listScopeOf(coordinatorOf(res));
    const handled = req.query.vis === 'behandlet';
    const messages = handled ? await listHandledMessages(deps.ctx.db, scope) : await listInboxMessages(deps.ctx.db, scope);
    const oldest = messages.reduce<Date | undefined>((min, m) => (!min || m.receivedAt < min ? m.receivedAt : min), undefined);
    const replies = oldest ? await listCoordinatorReplies(deps.ctx.db, [...new Set(messages.map((m) => m.fromPhone))], oldest) : [];
    sendPage(res, inboxPage(frameOf(res), { messages, replies, tab: handled ? 'handled' : 'open', openCount: await countInboxMessages(deps.ctx.db, scope) }));
  });

  // A voicemail's player (issue 15): the recording fetched from Twilio with the account's
  // credentials and passed on, only to those who may see the Innboks item.
  router.get('/inbox/:id/recording', async (req, res) => {
    const id = String(req.params.id);
    const notFound = () => res.status(404).type('text/plain').send('Fant ikke opptaket.');
    if (!/^\d{1,18}$/.test(id)) return notFound();
    const access = await authorizeInboxMessage(deps.ctx.db, coordinatorOf(res), id, 'view');
    if (!access.ok && access.error === 'forbidden') return sendForbidden(res, 'inbox');
    const row = access.ok ? await deps.ctx.db.selectFrom('message').select('recording_url').where('id', '=', id).executeTakeFirst() : undefined;
    const twilio = deps.config.twilio;
    if (!row?.recording_url || !twilio) return notFound();
    const path = new URL(row.recording_url).pathname;
    if (!RECORDING_PATH.test(path)) return notFound();
    const base = twilio.apiBaseUrl ?? 'https://api.twilio.com';
    const upstream = await fetch(`${base.replace(/\/$/, '')}${path}.mp3`, {
      headers: { authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}` },
      signal: AbortSignal.timeout(15_000),
    }).catch((err: unknown) => { deps.ctx.log.warn({ err, id }, 'recording fetch failed'); return undefined; });
    if (!upstream?.ok || !upstream.body) {
      if (upstream?.status === 404) return notFound();
      return res.status(502).type('text/plain').send('Fikk ikke hentet opptaket fra Twilio. Prøv igjen om litt.');
    }
    res.status(200).type('audio/mpeg').setHeader('cache-control', 'private, no-store');
    const length = upstream.headers.get('content-length');
    if (length) res.setHeader('content-length', length);
    await pipeline(Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream<Uint8Array>), res);
  });

  // «Angre» in the «Behandlet» list: back to the inbox.
  router.post('/inbox/:id/undo', async (req, res) => {
    const id = String(req.params.id);
    if (!(await messageAllowed(deps, res, id, 'handle'))) return;
    const undone = /^\d{1,18}$/.test(id) && await undoInboxMessageHandled(deps.ctx, coordinatorOf(res), id);
    setFlash(req, undone ? 'ok' : 'error', undone ? 'Meldingen er tilbake i innboksen. Det som ble gjort med den (svar, tolkning, tildeling), står som før.' : 'Meldingen var ikke merket som behandlet.');
    redirectAfterSave(req, res, undone ? `/admin/inbox#m-${id}` : '/admin/inbox?vis=behandlet');
  });

  // «Tildel oppdraget»: an unclear reply answered by giving its writer the task (the same rule as a JA).
  router.post('/inbox/:id/assign', async (req, res) => {
    const id = String(req.params.id);
    if (!(await messageAllowed(deps, res, id, 'handle'))) return;
    const result: InboxAssignResult = /^\d{1,18}$/.test(id) ? await assignFromInbox(deps.ctx, coordinatorOf(res), id) : { ok: false, error: 'not_found' };
    setFlash(req, result.ok ? 'ok' : 'error', assignFlash(result));
    redirectAfterSave(req, res, '/admin/inbox');
  });

  router.post('/inbox/:id/reply', async (req, res) => {
    const id = String(req.params.id);
    if (!(await messageAllowed(deps, res, id, 'reply'))) return;
    const body = typeof req.body?.body === 'string' ? req.body.body : '';
    const result = /^\d{1,18}$/.test(id) ? await replyToInboxMessage(deps.ctx, coordinatorOf(res), id, body) : { ok: false as const, error: 'not_found' as const };
    setFlash(req, result.ok ? 'ok' : 'error', result.ok ? 'Svaret er sendt.' : REPLY_ERRORS[result.error]);
    redirectAfterSave(req, res, `/admin/inbox${result.ok || result.error !== 'not_found' ? `#m-${id}` : ''}`);
  });

  router.post('/inbox/:id/handled', async (req, res) => {
    const id = String(req.params.id);
    if (!(await messageAllowed(deps, res, id, 'handle'))) return;
    const marked = /^\d{1,18}$/.test(id) && await markInboxMessageHandled(deps.ctx, coordinatorOf(res), id);
    setFlash(req, marked ? 'ok' : 'error', marked ? 'Meldingen er merket som behandlet.' : 'Meldingen var allerede behandlet.');
    redirectAfterSave(req, res, '/admin/inbox');
  });

  // «Tolk som …»: applied as that keyword (issue 12).
  router.post('/inbox/:id/interpret', async (req, res) => {
    const id = String(req.params.id);
    // Read as JA it assigns the message's task: the same unit rule as handling it.
    if (!(await messageAllowed(deps, res, id, 'handle'))) return;
    const label = REPLY_LABELS.find((l) => l === req.body?.as) as ReplyLabel | undefined;
    const result: InterpretResult = /^\d{1,18}$/.test(id) && label ? await interpretInboxReply(deps.ctx, coordinatorOf(res), id, label) : 'not_found';
    setFlash(req, result === 'applied' ? 'ok' : 'error', INTERPRET_FLASH[result]);
    redirectAfterSave(req, res, '/admin/inbox');
  });

  return router;
}

function assignFlash(r: InboxAssignResult): string {
  if (r.ok) return `Oppdrag ${r.taskId} er tildelt ${r.volunteerName}, som får detaljene på SMS. Meldingen er merket som behandlet.`;
  switch (r.error) {
    case 'not_found': return 'Fant ikke meldingen.';
    case 'not_a_reply': return 'Meldingen er ikke et svar på et tilbud, så det er ikke noe oppdrag å tildele.';
    case 'already_handled': return 'Meldingen var allerede behandlet.';
    case 'opted_out': return 'Den frivillige har sendt STOPP og kan ikke få oppdraget på SMS.';
    case 'already_theirs': return `${r.volunteerName} har allerede oppdrag ${r.taskId}. Meldingen er merket som behandlet.`;
    case 'taken': return `Oppdrag ${r.taskId} er allerede tatt${r.takenBy ? ` av ${r.takenBy}` : ''}. Ingenting er endret; svar den frivillige om de skal vite det.`;
    case 'not_assignable': return `Oppdrag ${r.taskId} kan ikke tildeles når det er ${r.status === 'cancelled' ? 'avlyst' : r.status}.`;
  }
}

const INTERPRET_FLASH: Record<InterpretResult, string> = {
  applied: 'Svaret er tolket og behandlet som om den frivillige hadde skrevet kodeordet.',
  not_found: 'Fant ikke meldingen.',
  already_handled: 'Meldingen var allerede behandlet.',
};
