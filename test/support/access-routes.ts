import { createCoordinator } from '../../src/services/create-coordinator';
import { findOrCreateUnit } from '../../src/db/coordinator.repo';
import { createApiToken } from '../../src/services/api-tokens';
import { coordinatorActor } from '../../src/services/authenticate-coordinator';
import { findCoordinator, updateCoordinator } from '../../src/db/coordinator.repo';
import { hashPassword } from '../../src/services/passwords';
import { insertRequester } from '../../src/db/requester.repo';
import { findTask } from '../../src/db/task.repo';
import { assignManually } from '../../src/services/assign-manually';
import { taskToFormValues } from '../../src/http/views/tasks/task-form-input';
import { buildVolunteer, uniqueMobile } from './factories';
import { DEFAULT_START } from './flows';
import { randomBytes } from 'node:crypto';
import { auditEventsOfEveryKind, followUpOf, inboxMessageOf, inboxOfEveryUnit, taskOf, type Role, type UnitName, type World } from './access-world';

/**
 * The access specification, one row per route: who may use it and what a successful call answers.
 * - `public`: the same answer for everyone (login, health, webhooks, which check their own secrets);
 * - `any`: anyone signed in through the route's channel (a page session, or an API token);
 * - `own-unit`: admins, and coordinators of the unit the resource belongs to (run for units A and B);
 * - `admin`: admins and the service token only.
 * A `unit-bound` route is run once for a resource of each unit, whatever its rule, so a response
 * about unit A's task read by B's coordinator is searched for A's details too.
 */
export type Rule = 'public' | 'any' | 'own-unit' | 'admin';

export interface Request { path: string; form?: Record<string, string>; json?: unknown; csv?: string }

export interface RouteSpec {
  route: string;
  rule: Rule;
  unitBound?: true;
  /** The status when allowed (for `public`: for everyone). */
  ok: number;
  /** A new resource for this case (a task, a follow-up …) and the request that uses it. */
  prepare(w: World, unit: UnitName, role: Role): Promise<Request>;
}

const futureDate = DEFAULT_START.toISODate()!;

const taskJson = (w: World, u: UnitName) => ({
  type: 'visit', startsAt: DEFAULT_START.toISO(), durationMinutes: 60, area: 'Lørenskog', summary: 'Besøksvenn en time.',
  details: 'Ny person, Storgata 9.', unitId: w.unitId[u],
});
const taskForm = (w: World, u: UnitName) => ({
  type: 'visit', date: futureDate, time: '10:00', durationMinutes: '60', area: 'Lørenskog', summary: 'Besøksvenn en time.',
  details: 'Ny person, Storgata 9.', waveSize: '3', offerTimeoutMinutes: '30', unitId: w.unitId[u], personRef: '', fillBy: '',
});

async function spareCoordinator(w: World): Promise<string> {
  const unit = await findOrCreateUnit(w.h.deps.db, 'Enhet A');
  const r = await createCoordinator(w.h.deps.ctx, 'cli', { email: `reserve-${w.seq()}@spec.example`, name: 'Reserve', password: 'riktig-passord-123', role: 'coordinator', unitId: unit.id });
  if (!r.ok) throw new Error(r.message);
  return r.coordinator.id;
}

/** A password change form for the signed-in account: its password is first set to a known one. */
async function passwordChangeForm(w: World, role: Role): Promise<Record<string, string>> {
  const account = role.name === 'admin' ? w.accounts.admin : role.name === 'coordinator B' ? w.accounts.B : w.accounts.A;
  const current = `kjent-passord-${w.seq()}`;
  await updateCoordinator(w.h.deps.db, account.id, { passwordHash: await hashPassword(current) });
  const next = `nytt-passord-${w.seq()}`;
  return { current, next, repeat: next };
}

/** The signed-in coordinator's own new token (what "Trekk tilbake" acts on); none for other roles. */
async function ownTokenId(w: World, role: Role): Promise<string> {
  const account = role.name === 'admin' ? w.accounts.admin : role.name === 'coordinator B' ? w.accounts.B : w.accounts.A;
  const actor = coordinatorActor((await findCoordinator(w.h.deps.db, account.id))!);
  await createApiToken(w.h.deps.ctx, actor as Extract<typeof actor, { kind: 'coordinator' }>, `revoke-${w.seq()}`);
  const row = await w.h.deps.db.selectFrom('api_token').select('id').where('coordinator_id', '=', account.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.id;
}

/** A requester (nursing home) of unit U with a fresh number. */
async function requesterOf(w: World, u: UnitName): Promise<string> {
  return insertRequester(w.h.deps.db, { name: `Sykehjem ${u} ${w.seq()}`, unitId: w.unitId[u], contactName: null, defaultPlace: null, phones: [uniqueMobile()] }, new Date());
}
const requesterJson = (w: World, u: UnitName) => ({ name: `Bestiller ${w.seq()}`, unitId: w.unitId[u], phones: [uniqueMobile()] });

/** The edit form of a task as the edit page fills it in. */
async function editFormOf(w: World, taskId: string): Promise<Record<string, string>> {
  const task = (await findTask(w.h.deps.db, taskId))!;
  return { ...taskToFormValues(task), editVersion: String(task.editVersion) };
}

/** A task of unit U with a volunteer on it (what «Fjern tildeling» acts on). */
async function assignedTaskOf(w: World, u: UnitName): Promise<string> {
  const id = await taskOf(w, u);
  const r = await assignManually(w.h.deps.ctx, { kind: 'service' }, id, (await buildVolunteer(w.h.deps.db)).id);
  if (!r.ok) throw new Error(`could not assign: ${r.error}`);
  return id;
}

const csvFile = () => `navn;telefon\nImport Person;${uniqueMobile()}\n`;
const at = (path: string) => async (): Promise<Request> => ({ path });

export const ROUTE_TABLE: RouteSpec[] = [
  // Public: no session or token decides anything here.
  { route: 'GET /', rule: 'public', ok: 302, prepare: at('/') },
  { route: 'GET /simulator', rule: 'public', ok: 302, prepare: at('/simulator') },
  { route: 'GET /favicon.ico', rule: 'public', ok: 301, prepare: at('/favicon.ico') },
  { route: 'GET /healthz', rule: 'public', ok: 200, prepare: at('/healthz') },
  { route: 'GET /readyz', rule: 'public', ok: 200, prepare: at('/readyz') },
  { route: 'GET /metrics', rule: 'public', ok: 200, prepare: at('/metrics') },
  { route: 'GET /login', rule: 'public', ok: 200, prepare: at('/login') },
  { route: 'POST /login', rule: 'public', ok: 403, prepare: async () => ({ path: '/login', form: { email: 'koord-a@spec.example', password: 'x' } }) },
  { route: 'POST /logout', rule: 'public', ok: 403, prepare: async () => ({ path: '/logout', form: {} }) },
  { route: 'POST /webhooks/twilio/sms', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/sms', form: { From: '+4741000001', Body: 'JA', MessageSid: 'SM1' } }) },
  { route: 'POST /webhooks/twilio/status', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/status', form: { MessageSid: 'SM1', MessageStatus: 'delivered' } }) },
  { route: 'POST /webhooks/twilio/voice/call', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/voice/call?c=1&s=1&q=0', form: { CallSid: `CA${'0'.repeat(32)}`, Digits: '1' } }) },
  { route: 'POST /webhooks/twilio/voice/amd', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/voice/amd?c=1', form: { CallSid: `CA${'0'.repeat(32)}`, AnsweredBy: 'human' } }) },
  { route: 'POST /webhooks/twilio/voice/status', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/voice/status?c=1', form: { CallSid: `CA${'0'.repeat(32)}`, CallStatus: 'completed' } }) },
  { route: 'POST /webhooks/twilio/voice', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/voice', form: { CallSid: `CA${'0'.repeat(32)}`, From: '+4791234567', To: '+4759440000' } }) },
  { route: 'POST /webhooks/twilio/voice/incoming', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/voice/incoming', form: { CallSid: `CA${'0'.repeat(32)}`, From: '+4791234567', To: '+4759440000' } }) },
  { route: 'POST /webhooks/twilio/voice/incoming/dial-ended', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/voice/incoming/dial-ended', form: { CallSid: `CA${'0'.repeat(32)}`, DialCallStatus: 'no-answer' } }) },
  { route: 'POST /webhooks/twilio/voice/incoming/recording', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/voice/incoming/recording?f=%2B4791234567', form: { CallSid: `CA${'0'.repeat(32)}`, RecordingSid: `RE${'0'.repeat(32)}`, RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/RE${'0'.repeat(32)}`, RecordingDuration: '5' } }) },
  { route: 'POST /webhooks/twilio/voice/incoming/recorded', rule: 'public', ok: 403, prepare: async () => ({ path: '/webhooks/twilio/voice/incoming/recorded', form: { CallSid: `CA${'0'.repeat(32)}` } }) },

  // JSON API.
  { route: 'GET /api/volunteers', rule: 'any', ok: 200, prepare: at('/api/volunteers') },
  { route: 'POST /api/intake/parse', rule: 'any', ok: 200, prepare: async () => ({ path: '/api/intake/parse', json: { text: 'Trenger følge til legen fredag kl 14', receivedAt: DEFAULT_START.minus({ days: 3 }).toISO() } }) },
  { route: 'POST /api/volunteers', rule: 'any', ok: 201, prepare: async () => ({ path: '/api/volunteers', json: { name: 'Ny Frivillig', phone: uniqueMobile() } }) },
  { route: 'GET /api/requesters', rule: 'any', ok: 200, prepare: at('/api/requesters') },
  { route: 'GET /api/requesters/:id', rule: 'own-unit', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/api/requesters/${await requesterOf(w, u)}` }) },
  { route: 'POST /api/requesters', rule: 'own-unit', unitBound: true, ok: 201, prepare: async (w, u) => ({ path: '/api/requesters', json: requesterJson(w, u) }) },
  { route: 'PATCH /api/requesters/:id', rule: 'own-unit', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/api/requesters/${await requesterOf(w, u)}`, json: { contactName: 'Ny kontakt' } }) },
  { route: 'POST /api/tasks', rule: 'own-unit', unitBound: true, ok: 201, prepare: async (w, u) => ({ path: '/api/tasks', json: taskJson(w, u) }) },
  { route: 'GET /api/tasks/:id', rule: 'any', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/api/tasks/${await taskOf(w, u)}` }) },
  { route: 'GET /api/tasks/:id/candidates', rule: 'any', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/api/tasks/${await taskOf(w, u)}/candidates` }) },
  { route: 'POST /api/tasks/:id/dispatch', rule: 'own-unit', unitBound: true, ok: 202, prepare: async (w, u) => ({ path: `/api/tasks/${await taskOf(w, u)}/dispatch`, json: {} }) },
  { route: 'PATCH /api/tasks/:id', rule: 'own-unit', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/api/tasks/${await taskOf(w, u)}`, json: { summary: `Endret ${w.seq()}` } }) },
  { route: 'POST /api/tasks/:id/cancel', rule: 'own-unit', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/api/tasks/${await taskOf(w, u)}/cancel`, json: {} }) },
  { route: 'GET /api/simulator/messages', rule: 'admin', ok: 200, prepare: at('/api/simulator/messages') },
  { route: 'POST /api/simulator/inbound', rule: 'admin', ok: 202, prepare: async () => ({ path: '/api/simulator/inbound', json: { from: uniqueMobile(), body: 'STOPP' } }) },

  // Admin pages: I dag, Oppdrag.
  { route: 'GET /admin', rule: 'any', ok: 200, prepare: async (w) => (await inboxOfEveryUnit(w), { path: '/admin' }) },
  { route: 'POST /admin/follow-ups/:id/handled', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: `/admin/follow-ups/${await followUpOf(w, u)}/handled`, form: {} }) },
  { route: 'GET /admin/tasks', rule: 'any', ok: 200, prepare: at('/admin/tasks') },
  { route: 'GET /admin/tasks/new', rule: 'any', ok: 200, prepare: at('/admin/tasks/new') },
  { route: 'POST /admin/tasks/new/parse', rule: 'any', ok: 200, prepare: async () => ({ path: '/admin/tasks/new/parse', form: { request: 'Trenger følge til legen fredag kl 14, Ahus' } }) },
  { route: 'POST /admin/tasks/new', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: '/admin/tasks/new', form: taskForm(w, u) }) },
  { route: 'GET /admin/tasks/:id', rule: 'any', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/admin/tasks/${await taskOf(w, u)}` }) },
  { route: 'GET /admin/tasks/:id/live', rule: 'any', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/admin/tasks/${await taskOf(w, u)}/live` }) },
  { route: 'POST /admin/tasks/:id/dispatch', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: `/admin/tasks/${await taskOf(w, u)}/dispatch`, form: {} }) },
  { route: 'POST /admin/tasks/:id/send-now', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: `/admin/tasks/${await taskOf(w, u, 'searching')}/send-now`, form: {} }) },
  { route: 'POST /admin/tasks/:id/stop', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: `/admin/tasks/${await taskOf(w, u, 'searching')}/stop`, form: {} }) },
  { route: 'POST /admin/tasks/:id/cancel', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: `/admin/tasks/${await taskOf(w, u)}/cancel`, form: {} }) },
  {
    route: 'POST /admin/tasks/:id/assign', rule: 'own-unit', unitBound: true, ok: 303,
    prepare: async (w, u) => ({ path: `/admin/tasks/${await taskOf(w, u)}/assign`, form: { volunteerId: (await buildVolunteer(w.h.deps.db)).id } }),
  },

  { route: 'GET /admin/tasks/:id/edit', rule: 'own-unit', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/admin/tasks/${await taskOf(w, u)}/edit` }) },
  { route: 'POST /admin/tasks/:id/edit', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => {
    const id = await taskOf(w, u);
    return { path: `/admin/tasks/${id}/edit`, form: { ...(await editFormOf(w, id)), summary: `Endret ${w.seq()}` } };
  } },
  {
    route: 'POST /admin/tasks/:id/unassign', rule: 'own-unit', unitBound: true, ok: 303,
    prepare: async (w, u) => ({ path: `/admin/tasks/${await assignedTaskOf(w, u)}/unassign`, form: { resend: 'no' } }),
  },

  // Frivillige: one shared pool.
  { route: 'GET /admin/volunteers', rule: 'any', ok: 200, prepare: at('/admin/volunteers') },
  { route: 'GET /admin/volunteers/new', rule: 'any', ok: 200, prepare: at('/admin/volunteers/new') },
  { route: 'POST /admin/volunteers/new', rule: 'any', ok: 303, prepare: async () => ({ path: '/admin/volunteers/new', form: { name: 'Skjema Person', phone: uniqueMobile(), language: 'nb' } }) },
  { route: 'GET /admin/volunteers/:id', rule: 'any', ok: 200, prepare: async (w) => ({ path: `/admin/volunteers/${(await buildVolunteer(w.h.deps.db)).id}` }) },
  {
    route: 'POST /admin/volunteers/:id', rule: 'any', ok: 303,
    prepare: async (w) => ({ path: `/admin/volunteers/${(await buildVolunteer(w.h.deps.db)).id}`, form: { name: 'Endret Navn', phone: uniqueMobile(), language: 'nb' } }),
  },
  { route: 'GET /admin/requesters', rule: 'any', ok: 200, prepare: at('/admin/requesters') },
  { route: 'GET /admin/requesters/new', rule: 'any', ok: 200, prepare: at('/admin/requesters/new') },
  { route: 'POST /admin/requesters/new', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: '/admin/requesters/new', form: { name: `Skjema ${w.seq()}`, unitId: w.unitId[u], phones: uniqueMobile() } }) },
  { route: 'GET /admin/requesters/:id', rule: 'own-unit', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/admin/requesters/${await requesterOf(w, u)}` }) },
  {
    route: 'POST /admin/requesters/:id', rule: 'own-unit', unitBound: true, ok: 303,
    prepare: async (w, u) => ({ path: `/admin/requesters/${await requesterOf(w, u)}`, form: { name: `Endret ${w.seq()}`, unitId: w.unitId[u], phones: uniqueMobile() } }),
  },
  { route: 'POST /admin/volunteers/:id/deactivate', rule: 'any', ok: 303, prepare: async (w) => ({ path: `/admin/volunteers/${(await buildVolunteer(w.h.deps.db)).id}/deactivate`, form: {} }) },
  { route: 'POST /admin/volunteers/:id/reactivate', rule: 'any', ok: 303, prepare: async (w) => ({ path: `/admin/volunteers/${(await buildVolunteer(w.h.deps.db, { deactivatedAt: new Date() })).id}/reactivate`, form: {} }) },
  // Erasure cannot be undone and removes personal data for good: admins only.
  { route: 'POST /admin/volunteers/:id/erase', rule: 'admin', ok: 303, prepare: async (w) => ({ path: `/admin/volunteers/${(await buildVolunteer(w.h.deps.db)).id}/erase`, form: { confirm: 'yes' } }) },
  { route: 'GET /admin/volunteers/import', rule: 'any', ok: 200, prepare: at('/admin/volunteers/import') },
  { route: 'POST /admin/volunteers/import', rule: 'any', ok: 200, prepare: async () => ({ path: '/admin/volunteers/import', csv: csvFile() }) },
  { route: 'POST /admin/volunteers/import/confirm', rule: 'any', ok: 303, prepare: async () => ({ path: '/admin/volunteers/import/confirm', form: { csv: csvFile() } }) },
  { route: 'POST /admin/volunteers/import/preview', rule: 'any', ok: 200, prepare: async () => ({ path: '/admin/volunteers/import/preview', form: { csv: csvFile(), page: '1' } }) },
  { route: 'GET /admin/volunteers/export.csv', rule: 'any', ok: 200, prepare: at('/admin/volunteers/export.csv') },

  // Innboks, Rapporter, Logg: a coordinator's own unit.
  { route: 'GET /admin/inbox', rule: 'any', ok: 200, prepare: async (w) => (await inboxOfEveryUnit(w), { path: '/admin/inbox' }) },
  // The spec runs with the SMS simulator and no Twilio credentials: those allowed get 404 (nothing to
  // fetch the audio with), the others 403; the audio itself is tested in voice-inbound.test.ts.
  { route: 'GET /admin/inbox/:id/recording', rule: 'own-unit', unitBound: true, ok: 404, prepare: async (w, u) => ({ path: `/admin/inbox/${await voicemailOf(w, u)}/recording` }) },
  { route: 'POST /admin/inbox/:id/reply', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: `/admin/inbox/${await inboxMessageOf(w, u)}/reply`, form: { body: 'Vi ringer deg.' } }) },
  { route: 'POST /admin/inbox/:id/interpret', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: `/admin/inbox/${await inboxMessageOf(w, u)}/interpret`, form: { as: 'none' } }) },
  {
    route: 'POST /admin/inbox/:id/undo', rule: 'own-unit', unitBound: true, ok: 303,
    prepare: async (w, u) => ({ path: `/admin/inbox/${await inboxMessageOf(w, u, { handled: true })}/undo`, form: {} }),
  },
  {
    route: 'POST /admin/inbox/:id/assign', rule: 'own-unit', unitBound: true, ok: 303,
    prepare: async (w, u) => ({ path: `/admin/inbox/${await inboxMessageOf(w, u, { fromVolunteer: true })}/assign`, form: {} }),
  },
  { route: 'POST /admin/inbox/:id/handled', rule: 'own-unit', unitBound: true, ok: 303, prepare: async (w, u) => ({ path: `/admin/inbox/${await inboxMessageOf(w, u)}/handled`, form: {} }) },
  { route: 'GET /admin/reports', rule: 'own-unit', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/admin/reports?unit=${w.unitId[u]}` }) },
  { route: 'GET /admin/reports.csv', rule: 'own-unit', unitBound: true, ok: 200, prepare: async (w, u) => ({ path: `/admin/reports.csv?unit=${w.unitId[u]}` }) },
  { route: 'GET /admin/audit', rule: 'any', ok: 200, prepare: async (w) => (await auditEventsOfEveryKind(w), { path: '/admin/audit' }) },

  // Min konto.
  { route: 'GET /admin/account', rule: 'any', ok: 200, prepare: at('/admin/account') },
  { route: 'POST /admin/account/password', rule: 'any', ok: 303, prepare: async (w, _u, role) => ({ path: '/admin/account/password', form: await passwordChangeForm(w, role) }) },
  { route: 'POST /admin/account/tokens', rule: 'any', ok: 201, prepare: async () => ({ path: '/admin/account/tokens', form: { name: 'Skript' } }) },
  {
    route: 'POST /admin/account/tokens/:id/revoke', rule: 'any', ok: 303,
    prepare: async (w, _u, role) => ({ path: `/admin/account/tokens/${role.channel === 'session' ? await ownTokenId(w, role) : '1'}/revoke`, form: {} }),
  },

  // Administrasjon, køer, simulator: admins only.
  { route: 'GET /admin/settings', rule: 'admin', ok: 200, prepare: at('/admin/settings') },
  { route: 'POST /admin/settings/units', rule: 'admin', ok: 303, prepare: async (w) => ({ path: '/admin/settings/units', form: { unitName: `Ny enhet ${w.seq()}` } }) },
  {
    route: 'POST /admin/settings/units/:id', rule: 'admin', ok: 303,
    prepare: async (w) => ({ path: `/admin/settings/units/${(await findOrCreateUnit(w.h.deps.db, `Gammel enhet ${w.seq()}`)).id}`, form: { name: `Omdøpt ${w.seq()}` } }),
  },
  {
    route: 'POST /admin/settings/coordinators', rule: 'admin', ok: 303,
    prepare: async (w) => ({ path: '/admin/settings/coordinators', form: { email: `ny-${w.seq()}@spec.example`, name: 'Ny Koordinator', role: 'coordinator', unitId: w.unitId.A, password: 'riktig-passord-123' } }),
  },
  { route: 'POST /admin/settings/coordinators/:id/access', rule: 'admin', ok: 303, prepare: async (w) => ({ path: `/admin/settings/coordinators/${await spareCoordinator(w)}/access`, form: { role: 'admin', unitId: w.unitId.B } }) },
  // A new password shown once; the account's sessions end.
  { route: 'POST /admin/settings/coordinators/:id/reset-password', rule: 'admin', ok: 200, prepare: async (w) => ({ path: `/admin/settings/coordinators/${await spareCoordinator(w)}/reset-password`, form: {} }) },
  { route: 'POST /admin/settings/coordinators/:id/deactivate', rule: 'admin', ok: 303, prepare: async (w) => ({ path: `/admin/settings/coordinators/${await spareCoordinator(w)}/deactivate`, form: {} }) },
  { route: 'POST /admin/settings/coordinators/:id/reactivate', rule: 'admin', ok: 303, prepare: async (w) => {
    const id = await spareCoordinator(w);
    await w.h.deps.db.updateTable('coordinator').set({ active: false }).where('id', '=', id).execute();
    return { path: `/admin/settings/coordinators/${id}/reactivate`, form: {} };
  } },
  { route: 'GET /admin/queues', rule: 'admin', ok: 200, prepare: at('/admin/queues') },
  { route: 'GET /admin/simulator', rule: 'admin', ok: 200, prepare: at('/admin/simulator') },
  { route: 'GET /admin/simulator/messages', rule: 'admin', ok: 200, prepare: at('/admin/simulator/messages?after=0') },
  { route: 'POST /admin/simulator/send', rule: 'admin', ok: 303, prepare: async () => ({ path: '/admin/simulator/send', form: { from: uniqueMobile(), body: 'Hei' } }) },
  // The simulator's calls (issue 15): no call rings here, so answering and turning away answer 409.
  { route: 'POST /admin/simulator/call/answer', rule: 'admin', ok: 409, prepare: async () => ({ path: '/admin/simulator/call/answer', form: { callId: '999999999' } }) },
  { route: 'POST /admin/simulator/call/reject', rule: 'admin', ok: 409, prepare: async () => ({ path: '/admin/simulator/call/reject', form: { callId: '999999999' } }) },
  { route: 'POST /admin/simulator/call/ring', rule: 'admin', ok: 200, prepare: async () => ({ path: '/admin/simulator/call/ring', form: { from: uniqueMobile() } }) },
  { route: 'POST /admin/simulator/call/key', rule: 'admin', ok: 200, prepare: async () => ({ path: '/admin/simulator/call/key', form: {
    sid: `CA${randomBytes(16).toString('hex')}`, phone: uniqueMobile(), direction: 'in', action: '/webhooks/twilio/voice/call?c=999999999&s=1&q=0', digits: '1',
  } }) },
  { route: 'POST /admin/simulator/call/hangup', rule: 'admin', ok: 200, prepare: async () => ({ path: '/admin/simulator/call/hangup', form: { sid: `CA${randomBytes(16).toString('hex')}`, phone: uniqueMobile(), direction: 'in' } }) },
];

/** An Innboks voicemail about the unit's task, whose recording the fake Twilio serves. */
async function voicemailOf(w: World, u: UnitName): Promise<string> {
  const id = await inboxMessageOf(w, u);
  const rsid = `RE${randomBytes(16).toString('hex')}`;
  w.h.fake.voice.recordings.set(rsid, 5);
  await w.h.deps.db.updateTable('message').set({ kind: 'voicemail', classification: 'voicemail', recording_seconds: 5, recording_url: `https://api.twilio.com/2010-04-01/Accounts/${w.h.fake.accountSid}/Recordings/${rsid}` })
    .where('id', '=', id).execute();
  return id;
}
