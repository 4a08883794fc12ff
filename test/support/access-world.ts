import { insertAuditEvent } from '../../src/db/audit.repo';
import { findCoordinator } from '../../src/db/coordinator.repo';
import { createApiToken } from '../../src/services/api-tokens';
import { coordinatorActor } from '../../src/services/authenticate-coordinator';
import { dispatchTask } from '../../src/services/dispatch-task';
import { createAccount, type Account } from './browser';
import { buildTask, buildVolunteer, uniqueMobile } from './factories';
import { SERVICE_NUMBER, type Harness } from './harness';
import { logInWithFetch, type WebSession } from './sessions';

/**
 * The world the access specification runs in: two units, an admin (of unit A), a coordinator of
 * each unit with a session and a personal API token, and the service's own token. Everything private
 * carries a marker, so a response can be searched for what its reader must not see.
 */
export type UnitName = 'A' | 'B';
export const UNITS: readonly UnitName[] = ['A', 'B'];

export type RoleName = 'anonymous' | 'admin' | 'coordinator A' | 'coordinator B' | 'service token' | 'token of A' | 'token of B';

export interface Role {
  name: RoleName;
  /** How it authenticates: a page session, a bearer token, or not at all. */
  channel: 'none' | 'session' | 'token';
  admin: boolean;
  unit: UnitName | null;
}

export const ROLES: readonly Role[] = [
  { name: 'anonymous', channel: 'none', admin: false, unit: null },
  { name: 'admin', channel: 'session', admin: true, unit: 'A' },
  { name: 'coordinator A', channel: 'session', admin: false, unit: 'A' },
  { name: 'coordinator B', channel: 'session', admin: false, unit: 'B' },
  { name: 'service token', channel: 'token', admin: true, unit: null },
  { name: 'token of A', channel: 'token', admin: false, unit: 'A' },
  { name: 'token of B', channel: 'token', admin: false, unit: 'B' },
];

/** What only unit U's coordinators (and admins) may read. */
export const unitMarkers = (u: UnitName) => ({ details: `SECRET-DETAILS-${u} Eva, Kirkeveien 1`, personRef: `PERSONREF-${u}`, inbox: `INBOX-SECRET-${u}`, audit: `AUDIT-SECRET-${u}` });
/** What only admins may read: what someone typed as the e-mail on a failed login. */
export const ADMIN_MARKER = 'failed-login-marker@angriper.example';

export function markersHiddenFrom(role: Role): string[] {
  if (role.admin) return [];
  const hidden = UNITS.filter((u) => u !== role.unit).flatMap((u) => Object.values(unitMarkers(u)));
  return [...hidden, ADMIN_MARKER];
}

export interface World {
  h: Harness;
  unitId: Record<UnitName, string>;
  accounts: { admin: Account; A: Account; B: Account };
  sessions: Partial<Record<RoleName, WebSession>>;
  tokens: Partial<Record<RoleName, string>>;
  /** A number unique in this run, for names that must not repeat (units, e-mails). */
  seq: () => number;
}

export async function buildWorld(h: Harness, serviceToken: string): Promise<World> {
  const admin = await createAccount(h, { email: 'admin@spec.example', role: 'admin', unit: 'Enhet A' });
  const A = await createAccount(h, { email: 'koord-a@spec.example', unit: 'Enhet A' });
  const B = await createAccount(h, { email: 'koord-b@spec.example', unit: 'Enhet B' });
  const tokenOf = async (account: Account) => {
    const actor = coordinatorActor((await findCoordinator(h.deps.db, account.id))!);
    return createApiToken(h.deps.ctx, actor as Extract<typeof actor, { kind: 'coordinator' }>, 'spec');
  };
  let n = 0;
  return {
    h,
    unitId: { A: A.unitId!, B: B.unitId! },
    accounts: { admin, A, B },
    sessions: {
      admin: await logInWithFetch(h, admin.email, admin.password),
      'coordinator A': await logInWithFetch(h, A.email, A.password),
      'coordinator B': await logInWithFetch(h, B.email, B.password),
    },
    tokens: { 'service token': serviceToken, 'token of A': await tokenOf(A), 'token of B': await tokenOf(B) },
    seq: () => ++n,
  };
}

/** A new task of unit U carrying U's markers; `searching` after a dispatch when asked. */
export async function taskOf(w: World, u: UnitName, status: 'new' | 'searching' = 'new'): Promise<string> {
  const m = unitMarkers(u);
  const task = await buildTask(w.h.deps.db, { unitId: w.unitId[u], details: m.details, personRef: m.personRef });
  if (status === 'searching' && !(await dispatchTask(w.h.deps.ctx, task.id)).ok) throw new Error('could not dispatch');
  return task.id;
}

/** A check-in answered 2 after a task of unit U: a follow-up for U. Returns the assignment id. */
export async function followUpOf(w: World, u: UnitName): Promise<string> {
  const taskId = await taskOf(w, u);
  const volunteer = await buildVolunteer(w.h.deps.db);
  const row = await w.h.deps.db.insertInto('assignment')
    .values({ task_id: taskId, volunteer_id: volunteer.id, source: 'manual', status: 'done', check_in: 'follow_up' })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * An unclear text about a task of unit U, waiting in the inbox (or already handled). Returns the
 * message id. `fromVolunteer`: written by a registered volunteer, as an unclear answer to an offer is.
 */
export async function inboxMessageOf(w: World, u: UnitName, opts: { handled?: boolean; fromVolunteer?: boolean } = {}): Promise<string> {
  const taskId = await taskOf(w, u);
  const volunteer = opts.fromVolunteer ? await buildVolunteer(w.h.deps.db) : undefined;
  const handler = opts.handled ? w.accounts[u].id : null;
  const row = await w.h.deps.db.insertInto('message').values({
    direction: 'inbound', from_phone: volunteer?.phone ?? uniqueMobile(), to_phone: SERVICE_NUMBER, body: `${unitMarkers(u).inbox} kommer hun hjem i dag?`,
    kind: 'reply', status: 'processed', task_id: taskId, needs_attention: true, classification: 'unclear', processed_at: new Date(),
    volunteer_id: volunteer?.id ?? null, handled_at: handler ? new Date() : null, handled_by: handler,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Fresh audit events (so they are on the log's first page): for each unit one about its task by the
 * service token and one by its coordinator about a volunteer, and a failed login (admins only).
 */
export async function auditEventsOfEveryKind(w: World): Promise<void> {
  const now = new Date();
  for (const u of UNITS) {
    const coordinator = coordinatorActor((await findCoordinator(w.h.deps.db, w.accounts[u].id))!);
    await insertAuditEvent(w.h.deps.db, { kind: 'service' }, { action: 'task_dispatched', subjectType: 'task', subjectId: await taskOf(w, u), detail: { note: unitMarkers(u).audit } }, now);
    await insertAuditEvent(w.h.deps.db, coordinator, { action: 'volunteer_updated', subjectType: 'volunteer', subjectId: '1', detail: { note: `${unitMarkers(u).audit} by hand` } }, now);
  }
  await insertAuditEvent(w.h.deps.db, { kind: 'anonymous', label: ADMIN_MARKER }, { action: 'login_failed' }, now);
}

/** What the I dag page and Innboks list: an open inbox message and a follow-up of each unit. */
export async function inboxOfEveryUnit(w: World): Promise<void> {
  for (const u of UNITS) {
    await inboxMessageOf(w, u);
    await followUpOf(w, u);
  }
}

/**
 * Everything stored, as one fingerprint per table (sessions aside: they belong to the browser, and
 * a token's last-used time is not a change a refusal must avoid).
 */
export async function snapshot(h: Harness): Promise<Record<string, string>> {
  const { rows: tables } = await h.deps.pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'session' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name: t } of tables) {
    const { rows } = await h.deps.pool.query<{ fp: string | null }>(
      `SELECT md5(string_agg((to_jsonb(x) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(x) - 'last_used_at')::text)) AS fp FROM "${t}" x`,
    );
    out[t] = rows[0]?.fp ?? 'empty';
  }
  return out;
}
