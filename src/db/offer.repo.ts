import { sql } from 'kysely';
import { LIVE_OFFER_STATUSES, offerTransition, type OfferEvent } from '../domain/dispatch';
import type { ContactPreference } from '../domain/contact-preference';
import type { Queryable } from './database';
import type { OfferRow, OfferStatus } from './schema';

export interface Offer {
  id: string;
  taskId: string;
  volunteerId: string;
  wave: number;
  status: OfferStatus;
  closeReason: string | null;
  createdAt: Date;
  sentAt: Date | null;
  expiresAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
}

export function offerRowToOffer(r: OfferRow): Offer {
  return {
    id: r.id,
    taskId: r.task_id,
    volunteerId: r.volunteer_id,
    wave: r.wave,
    status: r.status,
    closeReason: r.close_reason,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    expiresAt: r.expires_at,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
  };
}

/**
 * Locks the first `limit` of the ranked volunteers that no other dispatch holds, in rank order:
 * two tasks filling at once that rank the same people first end up with different ones, without
 * waiting for each other.
 */
export async function lockBestAvailable(db: Queryable, rankedIds: string[], limit: number): Promise<string[]> {
  const locked: string[] = [];
  // Only the head of the ranking is offered: lock from it in slices, going further down only while
  // other fills hold the ones above. (Ordering the whole list by array_position was quadratic.)
  const slice = Math.max(LOCK_SLICE_MIN, limit * 4);
  for (let from = 0; from < rankedIds.length && locked.length < limit; from += slice) {
    const ids = sql`${rankedIds.slice(from, from + slice).map(Number)}::bigint[]`;
    const rows = await sql<{ id: string }>`
      SELECT v.id FROM unnest(${ids}) WITH ORDINALITY AS ranked(id, position)
      JOIN volunteer v ON v.id = ranked.id
      -- Re-read under the lock: a volunteer deactivated since the candidates were loaded is never offered.
      WHERE v.deactivated_at IS NULL
      ORDER BY ranked.position
      LIMIT ${limit - locked.length}
      FOR UPDATE OF v SKIP LOCKED`.execute(db);
    locked.push(...rows.rows.map((r) => r.id));
  }
  return locked;
}

const LOCK_SLICE_MIN = 32;

/**
 * Locks those of `ids` no other transaction holds and nobody has deactivated: a batch of fills
 * that picked its volunteers together (src/services/offer-together.ts). Skips, never waits.
 */
export async function lockAvailable(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await sql<{ id: string }>`
    SELECT v.id FROM volunteer v
    WHERE v.id = ANY(${ids.map(Number)}::bigint[]) AND v.deactivated_at IS NULL
    FOR UPDATE OF v SKIP LOCKED`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** Inserts offers; a volunteer who got another live offer meanwhile is skipped by the unique index. */
export async function insertOffers(db: Queryable, taskId: string, wave: number, volunteerIds: string[]): Promise<Offer[]> {
  return insertOfferRows(db, volunteerIds.map((volunteerId) => ({ taskId, wave, volunteerId })));
}

/** insertOffers for several tasks in one statement. */
export async function insertOfferRows(db: Queryable, offers: ReadonlyArray<{ taskId: string; wave: number; volunteerId: string }>): Promise<Offer[]> {
  if (offers.length === 0) return [];
  const rows = await db.insertInto('offer')
    .values(offers.map((o) => ({ task_id: o.taskId, volunteer_id: o.volunteerId, wave: o.wave })))
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .execute();
  return rows.map(offerRowToOffer);
}

export async function countLiveOffers(db: Queryable, taskId: string): Promise<number> {
  const r = await db.selectFrom('offer').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('task_id', '=', taskId).where('status', 'in', [...LIVE_OFFER_STATUSES]).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countOffers(db: Queryable, taskId: string): Promise<number> {
  const r = await db.selectFrom('offer').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('task_id', '=', taskId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findOffer(db: Queryable, id: string): Promise<Offer | undefined> {
  const row = await db.selectFrom('offer').selectAll().where('id', '=', id).executeTakeFirst();
  return row && offerRowToOffer(row);
}

/** An offer with what opening it reads besides: its task's answer time and how its volunteer wants offers. */
export interface OfferToOpen { offer: Offer; offerTimeoutMinutes: number; contactPreference: ContactPreference }

/** One statement where three were: opening is on every offer SMS's path (issue 14). */
export async function findOfferToOpen(db: Queryable, id: string): Promise<OfferToOpen | undefined> {
  const row = await db.selectFrom('offer as o').innerJoin('task as t', 't.id', 'o.task_id').innerJoin('volunteer as v', 'v.id', 'o.volunteer_id')
    .selectAll('o').select(['t.offer_timeout_minutes', 'v.contact_preference']).where('o.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const { offer_timeout_minutes, contact_preference, ...offer } = row;
  return { offer: offerRowToOffer(offer), offerTimeoutMinutes: offer_timeout_minutes, contactPreference: contact_preference };
}

/** The volunteer's live offer (at most one, by the unique index). */
export async function findLiveOffer(db: Queryable, volunteerId: string): Promise<Offer | undefined> {
  const row = await db.selectFrom('offer').selectAll()
    .where('volunteer_id', '=', volunteerId).where('status', 'in', [...LIVE_OFFER_STATUSES]).executeTakeFirst();
  return row && offerRowToOffer(row);
}

/**
 * The offer each volunteer's reply is about: their live offer, else the one closed most recently
 * since `since` (what a late reply most likely means). The one statement of that rule, for reading
 * a reply (findReplyOffer) and for locking a round's tasks first (lockReplyTasks).
 */
function replyOffersOf(volunteerIds: readonly string[], since: Date) {
  const live = [...LIVE_OFFER_STATUSES];
  return sql<OfferRow>`
    SELECT DISTINCT ON (o.volunteer_id) o.* FROM offer o
    WHERE o.volunteer_id = ANY(${volunteerIds.map(Number)}::bigint[])
      AND (o.status::text = ANY(${live}::text[]) OR o.closed_at >= ${since})
    ORDER BY o.volunteer_id, (o.status::text = ANY(${live}::text[])) DESC, o.closed_at DESC NULLS LAST, o.id DESC`;
}

/** The offer a reply is about, with its task's start (what a reply naming a day is read against). */
export interface ReplyOffer { offer: Offer; taskStartsAt: Date }

/** The volunteer's live offer, else their offer closed most recently since `since`, in one statement. */
export async function findReplyOffer(db: Queryable, volunteerId: string, since: Date): Promise<ReplyOffer | undefined> {
  const r = await sql<OfferRow & { task_starts_at: Date }>`
    SELECT ro.*, t.starts_at AS task_starts_at FROM (${replyOffersOf([volunteerId], since)}) ro JOIN task t ON t.id = ro.task_id`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  const { task_starts_at, ...offer } = row;
  return { offer: offerRowToOffer(offer), taskStartsAt: task_starts_at };
}

/**
 * Locks, in task id order, the task each of these volunteers' replies would lock (loadReplyContext).
 * A round of replies takes them all first, so that two rounds never lock the same two tasks in
 * opposite orders.
 */
export async function lockReplyTasks(db: Queryable, volunteerIds: readonly string[], since: Date): Promise<void> {
  if (volunteerIds.length === 0) return;
  await sql`
    SELECT t.id FROM task t WHERE t.id IN (SELECT ro.task_id FROM (${replyOffersOf(volunteerIds, since)}) ro)
    ORDER BY t.id FOR UPDATE OF t`.execute(db);
}

type OfferFields = { sent_at?: Date; expires_at?: Date; answered_at?: Date; close_reason?: string };

/** Compare-and-set on one offer's status, following the state machine. Undefined when it did not apply. */
export async function moveOffer(db: Queryable, id: string, event: OfferEvent, now: Date, fields: OfferFields = {}): Promise<Offer | undefined> {
  const move = offerTransition(event);
  const closes = move.to !== 'open' && move.to !== 'pending';
  const row = await db.updateTable('offer')
    .set({ ...fields, status: move.to, ...(closes ? { closed_at: now } : {}) })
    .where('id', '=', id)
    .where('status', 'in', [...move.from])
    .returningAll()
    .executeTakeFirst();
  return row && offerRowToOffer(row);
}

/** Withdraws one live offer (its volunteer was deactivated or erased); undefined when it was no longer live. */
export async function withdrawOffer(db: Queryable, id: string, reason: string, now: Date): Promise<Offer | undefined> {
  return moveOffer(db, id, 'withdraw', now, { close_reason: reason });
}

/** Withdraws every live offer of a task (taken or cancelled) and returns them, for the notices. */
export async function withdrawLiveOffers(db: Queryable, taskId: string, reason: string, now: Date, exceptOfferId?: string): Promise<Offer[]> {
  const move = offerTransition('withdraw');
  let q = db.updateTable('offer')
    .set({ status: move.to, close_reason: reason, closed_at: now })
    .where('task_id', '=', taskId)
    .where('status', 'in', [...move.from]);
  if (exceptOfferId) q = q.where('id', '!=', exceptOfferId);
  const rows = await q.returningAll().execute();
  return rows.map(offerRowToOffer);
}

/** Withdraws these live offers of a task (those still live); returns the ones it closed. */
export async function withdrawOffersById(db: Queryable, taskId: string, offerIds: string[], reason: string, now: Date): Promise<Offer[]> {
  if (offerIds.length === 0) return [];
  const move = offerTransition('withdraw');
  const rows = await db.updateTable('offer')
    .set({ status: move.to, close_reason: reason, closed_at: now })
    .where('task_id', '=', taskId).where('id', 'in', offerIds).where('status', 'in', [...move.from])
    .returningAll().execute();
  return rows.map(offerRowToOffer);
}

/** The live offers of a task (pending or open). */
export async function listLiveOffers(db: Queryable, taskId: string): Promise<Offer[]> {
  const rows = await db.selectFrom('offer').selectAll().where('task_id', '=', taskId).where('status', 'in', [...LIVE_OFFER_STATUSES]).orderBy('id').execute();
  return rows.map(offerRowToOffer);
}

/** Expires every open offer of a task whose deadline has passed, so a wave ends as one. */
export async function expireDueOffers(db: Queryable, taskId: string, dueBy: Date, now: Date): Promise<Offer[]> {
  const move = offerTransition('expire');
  const rows = await db.updateTable('offer')
    .set({ status: move.to, close_reason: 'timeout', closed_at: now })
    .where('task_id', '=', taskId).where('status', 'in', [...move.from]).where('expires_at', '<=', dueBy)
    .returningAll().execute();
  return rows.map(offerRowToOffer);
}

/** Whether an open offer of the task has its deadline at or before `dueBy`. */
export async function hasDueOpenOffer(db: Queryable, taskId: string, dueBy: Date): Promise<boolean> {
  const row = await db.selectFrom('offer').select('id')
    .where('task_id', '=', taskId).where('status', '=', 'open').where('expires_at', '<=', dueBy)
    .limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Open offers past their deadline (`dueBy`), soonest first: the sweeper re-derives their timers. */
export async function listDueOfferDeadlines(db: Queryable, dueBy: Date, limit: number): Promise<{ taskId: string; expiresAt: Date }[]> {
  const rows = await db.selectFrom('offer').select(['task_id', 'expires_at'])
    .where('status', '=', 'open').where('expires_at', '<=', dueBy)
    .orderBy('expires_at').limit(limit).execute();
  return rows.map((r) => ({ taskId: r.task_id, expiresAt: r.expires_at! }));
}
