import { sql } from 'kysely';
import type { OutboundStatusName } from '../domain/sms-status';
import { offerTransition } from '../domain/dispatch';
import type { ContactPreference } from '../domain/contact-preference';
import type { Queryable } from './database';
import { offerRowToOffer, type Offer } from './offer.repo';
import type { MessageRow, OfferRow, OfferStatus, ReplyReadingJson, TaskStatus } from './schema';

export interface OutboundDraft {
  to: string;
  body: string;
  kind: string;
  volunteerId?: string | null;
  taskId?: string | null;
  offerId?: string | null;
  /** Not before this instant (quiet hours); null or absent means now. */
  sendAfter?: Date | null;
  /** A coordinator chose «Send nå likevel» for the task: not held for quiet hours. */
  despiteQuietHours?: boolean;
}

/**
 * Lets a task's SMS held for quiet hours go now; returns their ids (each needs its send job run
 * now). Only what is still queued: one already on its way is left to its sender.
 */
export async function releaseHeldSms(db: Queryable, taskId: string, now: Date): Promise<string[]> {
  const rows = await db.updateTable('message').set({ send_after: now, updated_at: now })
    .where('task_id', '=', taskId).where('direction', '=', 'outbound').where('status', '=', 'queued').where('send_after', '>', now)
    .returning('id').execute();
  return rows.map((r) => r.id);
}

/** The earliest moment a task's held SMS may go, or null when none is held for quiet hours. */
export async function findHeldUntil(db: Queryable, taskId: string, now: Date): Promise<Date | null> {
  const row = await db.selectFrom('message').select((eb) => eb.fn.min('send_after').as('until'))
    .where('task_id', '=', taskId).where('direction', '=', 'outbound').where('status', '=', 'queued').where('send_after', '>', now)
    .executeTakeFirst();
  return row?.until ?? null;
}

/**
 * Writes outbound SMS as `queued`, in the caller's transaction, in one statement; the send-sms jobs
 * take it from there. The ids come back in the drafts' order.
 */
export async function insertOutboundMany(db: Queryable, from: string, drafts: readonly OutboundDraft[], now: Date): Promise<string[]> {
  if (drafts.length === 0) return [];
  const rows = await db.insertInto('message').values(drafts.map((draft) => ({
    direction: 'outbound' as const,
    from_phone: from,
    to_phone: draft.to,
    body: draft.body,
    kind: draft.kind,
    volunteer_id: draft.volunteerId ?? null,
    task_id: draft.taskId ?? null,
    offer_id: draft.offerId ?? null,
    status: 'queued' as const,
    send_after: draft.sendAfter ?? null,
    created_at: now,
    updated_at: now,
  }))).returning('id').execute();
  // Ids are drawn from the sequence in VALUES order: sorting them gives the drafts' order.
  return rows.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

export interface InboundDraft { twilioSid: string; from: string; to: string; body: string; volunteerId: string | null; providerOptOut?: string; mediaCount?: number }

/** The message row an inbound SMS is stored as. */
function inboundRow(m: InboundDraft, now: Date) {
  return {
    direction: 'inbound' as const,
    twilio_sid: m.twilioSid,
    from_phone: m.from,
    to_phone: m.to,
    body: m.body,
    kind: 'reply',
    volunteer_id: m.volunteerId,
    provider_opt_out: m.providerOptOut ?? null,
    media_count: m.mediaCount ?? 0,
    status: 'received' as const,
    created_at: now,
    updated_at: now,
  };
}

/** Idempotent on Twilio's MessageSid: returns the new id, or undefined when this SID was stored before. */
export async function insertInbound(db: Queryable, m: InboundDraft, now: Date): Promise<string | undefined> {
  const row = await db.insertInto('message').values(inboundRow(m, now))
    .onConflict((oc) => oc.column('twilio_sid').doNothing()).returning('id').executeTakeFirst();
  return row?.id;
}

/**
 * Many inbound messages in one statement, idempotent on MessageSid like insertInbound: returns the
 * new ids by SID; a SID stored before (or twice in `drafts`) is not in the map. Ids are drawn in
 * `drafts` order, so one sender's messages keep the order they arrived in.
 */
export async function insertInboundMany(db: Queryable, drafts: readonly InboundDraft[], now: Date): Promise<Map<string, string>> {
  if (drafts.length === 0) return new Map();
  const rows = await db.insertInto('message').values(drafts.map((m) => inboundRow(m, now)))
    .onConflict((oc) => oc.column('twilio_sid').doNothing()).returning(['id', 'twilio_sid']).execute();
  return new Map(rows.map((r) => [r.twilio_sid!, r.id]));
}

/** The ids of messages stored under these Twilio SIDs (a repeated webhook finds its row). */
export async function findIdsByTwilioSid(db: Queryable, sids: readonly string[]): Promise<Map<string, string>> {
  if (sids.length === 0) return new Map();
  const rows = await db.selectFrom('message').select(['id', 'twilio_sid']).where('twilio_sid', 'in', sids).execute();
  return new Map(rows.map((r) => [r.twilio_sid!, r.id]));
}

export async function findMessage(db: Queryable, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The advisory lock class of a sender's messages: one key per number. The job path waits for it
 * (lockSender) and the inbound drain only tries it (lockWaitingSenders); both must take the same key.
 */
const SENDER_LOCK_CLASS = sql.lit(8315002);

/** Serialises the handling of one sender's messages (transaction-scoped advisory lock). */
export async function lockSender(db: Queryable, phone: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${SENDER_LOCK_CLASS}, hashtext(${phone}))`.execute(db);
}

/**
 * Up to `max` senders with messages not yet handled, the longest waiting first, whose sender lock
 * (the key lockSender takes) this transaction got without waiting: a sender another handler
 * holds is left to it, so handlers running side by side share the work without blocking. Senders
 * in `skip` are not taken (their last handling failed and waits out a pause).
 */
export async function lockWaitingSenders(db: Queryable, max: number, skip: readonly string[]): Promise<string[]> {
  // The inner LIMIT keeps the scan short under a backlog; the outer filter runs row by row in the
  // inner order and stops at `max`, so no lock is taken that this round would not use.
  const { rows } = await sql<{ from_phone: string }>`
    SELECT w.from_phone FROM (
      SELECT from_phone, min(id) AS first FROM message
      WHERE direction = 'inbound' AND processed_at IS NULL AND from_phone <> ALL(${[...skip]}::text[])
      GROUP BY from_phone ORDER BY first LIMIT ${max * 4}
    ) w
    WHERE pg_try_advisory_xact_lock(${SENDER_LOCK_CLASS}, hashtext(w.from_phone))
    LIMIT ${max}`.execute(db);
  return rows.map((r) => r.from_phone);
}

/**
 * processed_at of a claim: never before the message arrived, though the clock was read before the
 * claim (a drain round's start; a web process whose clock runs ahead). See handlingTime.
 */
const processedAtNotBeforeArrival = (now: Date) => sql<Date>`greatest(${now}::timestamptz, created_at)`;

/**
 * Claims (marks processed) the messages not yet handled of these senders, whose locks the caller
 * holds: the oldest `max` of them, returned oldest first. What is left over is a later round's.
 */
export async function claimInboundOf(db: Queryable, senders: readonly string[], now: Date, max: number): Promise<MessageRow[]> {
  if (senders.length === 0) return [];
  return db.with('claimed', (qc) => qc.updateTable('message')
    .set({ status: 'processed', processed_at: processedAtNotBeforeArrival(now), updated_at: now })
    .where('id', 'in', (eb) => eb.selectFrom('message').select('id')
      .where('direction', '=', 'inbound').where('processed_at', 'is', null).where(sql<boolean>`from_phone = ANY(${[...senders]}::text[])`)
      .orderBy('id').limit(max))
    .where('processed_at', 'is', null)
    .returningAll())
    .selectFrom('claimed').selectAll().orderBy('id').execute();
}

/** The sender's messages not yet handled, up to and including `upToId`, oldest first. */
export async function listUnprocessedFrom(db: Queryable, phone: string, upToId: string): Promise<string[]> {
  const rows = await db.selectFrom('message').select('id')
    .where('direction', '=', 'inbound').where('from_phone', '=', phone)
    .where('processed_at', 'is', null).where('id', '<=', upToId)
    .orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Marks an inbound message processed; undefined when it already was (the job ran before). */
export async function claimInbound(db: Queryable, id: string, now: Date): Promise<MessageRow | undefined> {
  return db.updateTable('message')
    .set({ status: 'processed', processed_at: processedAtNotBeforeArrival(now), updated_at: now })
    .where('id', '=', id).where('direction', '=', 'inbound').where('processed_at', 'is', null)
    .returningAll().executeTakeFirst();
}

/** The classification of a message set aside after its handling kept failing. */
export const INBOUND_SET_ASIDE = 'handling_failed';

/** How often handling an inbound message has failed, since when, and whose number it came from. */
export interface InboundFailures { failures: number; firstFailureAt: Date; fromPhone: string }

/**
 * Counts one failed handling of an inbound message not yet handled, in its own statement (the
 * transaction that failed kept nothing). Undefined when it has been handled meanwhile.
 */
export async function recordInboundFailure(db: Queryable, id: string, now: Date): Promise<InboundFailures | undefined> {
  const row = await db.updateTable('message')
    .set((eb) => ({
      handling_failures: eb('handling_failures', '+', 1),
      first_handling_failure_at: eb.fn.coalesce('first_handling_failure_at', sql<Date>`${now}::timestamptz`),
    }))
    .where('id', '=', id).where('direction', '=', 'inbound').where('processed_at', 'is', null)
    .returning(['handling_failures', 'first_handling_failure_at', 'from_phone']).executeTakeFirst();
  return row && { failures: row.handling_failures, firstFailureAt: row.first_handling_failure_at!, fromPhone: row.from_phone };
}

/**
 * Sets an inbound message aside: handled as far as the service goes, waiting in Innboks for a
 * coordinator, under the sender's name when the number is known. False when it was handled meanwhile.
 */
export async function setInboundAside(db: Queryable, id: string, now: Date, sender: { volunteerId: string | null; requesterId: string | null }): Promise<boolean> {
  const r = await db.updateTable('message')
    .set({
      status: 'processed', processed_at: now, updated_at: now, classification: INBOUND_SET_ASIDE, needs_attention: true,
      volunteer_id: sender.volunteerId, requester_id: sender.requesterId,
    })
    .where('id', '=', id).where('direction', '=', 'inbound').where('processed_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Where inbound messages whose handling failed at least once stand now. */
export type InboundFailureState = 'retrying' | 'set_aside' | 'recovered';

/** Counts inbound messages whose handling failed at least once, by where they stand now (rare rows, partial index). */
export async function countInboundFailureStates(db: Queryable): Promise<Record<InboundFailureState, number>> {
  const r = await sql<{ retrying: string; set_aside: string; recovered: string }>`
    SELECT count(*) FILTER (WHERE processed_at IS NULL) AS retrying,
           count(*) FILTER (WHERE processed_at IS NOT NULL AND classification = ${INBOUND_SET_ASIDE}) AS set_aside,
           count(*) FILTER (WHERE processed_at IS NOT NULL AND classification IS DISTINCT FROM ${INBOUND_SET_ASIDE}) AS recovered
    FROM message WHERE handling_failures > 0`.execute(db);
  const row = r.rows[0]!;
  return { retrying: Number(row.retrying), set_aside: Number(row.set_aside), recovered: Number(row.recovered) };
}

export async function markInboundOutcome(
  db: Queryable, id: string, o: { classification: string; needsAttention: boolean; volunteerId: string | null; taskId?: string; reading?: ReplyReadingJson },
): Promise<void> {
  await db.updateTable('message')
    .set({
      classification: o.classification, needs_attention: o.needsAttention, volunteer_id: o.volunteerId, task_id: o.taskId ?? null,
      ...(o.reading ? { reading: JSON.stringify(o.reading) } : {}),
    })
    .where('id', '=', id).execute();
}

/**
 * A claimed message, with its offer's standing as the claim read it (all null when it carries no
 * offer): an offer SMS checks that its offer still stands before it leaves, and this saves that read.
 */
export type ClaimedSms = MessageRow & {
  must_reconcile: boolean;
  offer_status: OfferStatus | null;
  task_status: TaskStatus | null;
  task_starts_at: Date | null;
  /** What opening the offer needs once the SMS is out (recordOfferSmsSent). */
  offer_timeout_minutes: number | null;
  contact_preference: ContactPreference | null;
};

/**
 * Takes outbound messages for sending (a batch of sends, in one statement): `queued`, or `sending`
 * whose lease ran out (its sender died). A message taken over from a dead sender, or after an
 * ambiguous failure, must be reconciled with the provider before it is sent again. Those it could
 * not take are left out.
 */
export async function claimOutboundMany(db: Queryable, ids: readonly string[], now: Date, leaseSeconds: number): Promise<ClaimedSms[]> {
  if (ids.length === 0) return [];
  const leaseCutoff = new Date(now.getTime() - leaseSeconds * 1000);
  const result = await sql<ClaimedSms>`
    WITH prev AS (
      SELECT mm.id, mm.status, mm.needs_reconcile, o.status AS offer_status, t.status AS task_status, t.starts_at AS task_starts_at,
        t.offer_timeout_minutes, v.contact_preference
      FROM message mm LEFT JOIN offer o ON o.id = mm.offer_id LEFT JOIN task t ON t.id = o.task_id LEFT JOIN volunteer v ON v.id = o.volunteer_id
      WHERE mm.id = ANY(${ids.map(Number)}::bigint[]) AND mm.direction = 'outbound'
        AND (mm.status = 'queued' OR (mm.status = 'sending' AND mm.claimed_at < ${leaseCutoff}))
        AND (mm.send_after IS NULL OR mm.send_after <= ${now})
      -- Rows locked in one order: two batches never wait on each other in a cycle.
      ORDER BY mm.id
      FOR UPDATE OF mm
    )
    UPDATE message m
    SET status = 'sending', claimed_at = ${now}, attempts = m.attempts + 1, updated_at = ${now}
    FROM prev WHERE m.id = prev.id
    RETURNING m.*, (prev.status = 'sending' OR prev.needs_reconcile) AS must_reconcile,
      prev.offer_status, prev.task_status, prev.task_starts_at, prev.offer_timeout_minutes, prev.contact_preference`.execute(db);
  return result.rows;
}

/**
 * A batch of sends recorded in one statement: the messages get the provider's SID and status, and
 * the offers they carried open, pending -> open with their answer windows, as a compare-and-set
 * (only those still pending move; they are returned). One statement is one atomic commit: no
 * transaction round trips on the path of every offer SMS (issue 14).
 */
export async function recordOfferSmsSent(
  db: Queryable, sent: ReadonlyArray<{ id: string; providerSid: string; status: OutboundStatusName }>,
  offers: ReadonlyArray<{ id: string; sentAt: Date; expiresAt: Date }>, now: Date,
): Promise<Offer[]> {
  if (sent.length === 0) return [];
  const move = offerTransition('sms_sent');
  const rows = await sql<OfferRow>`
    WITH sent AS (
      -- Never moves a status backwards: a fast status callback may have come first.
      UPDATE message m SET twilio_sid = s.sid, sent_at = ${now}, updated_at = ${now}, needs_reconcile = false,
        status = CASE WHEN m.status IN ('queued', 'sending') THEN s.status ELSE m.status END
      FROM unnest(${sent.map((x) => Number(x.id))}::bigint[], ${sent.map((x) => x.providerSid)}::text[], ${sent.map((x) => x.status)}::text[]) AS s(id, sid, status)
      WHERE m.id = s.id
    )
    UPDATE offer o SET status = ${move.to}, sent_at = x.sent_at, expires_at = x.expires_at
    FROM unnest(${offers.map((x) => Number(x.id))}::bigint[], ${offers.map((x) => x.sentAt)}::timestamptz[], ${offers.map((x) => x.expiresAt)}::timestamptz[]) AS x(id, sent_at, expires_at)
    WHERE o.id = x.id AND o.status = ANY(${[...move.from]}::text[])
    RETURNING o.*`.execute(db);
  return rows.rows.map(offerRowToOffer);
}

/** A claimed SMS that must not leave after all (its offer no longer stands): `sending` → `cancelled`. */
export async function cancelClaimedOutbound(db: Queryable, id: string, now: Date): Promise<void> {
  await db.updateTable('message').set({ status: 'cancelled', updated_at: now }).where('id', '=', id).where('status', '=', 'sending').execute();
}

/** Back to `queued` after a retryable failure; `ambiguous` means Twilio may have it already. */
export async function releaseOutbound(db: Queryable, id: string, code: string, ambiguous: boolean, now: Date): Promise<void> {
  await db.updateTable('message')
    .set((eb) => ({
      status: 'queued',
      error_code: code,
      needs_reconcile: ambiguous ? true : eb.ref('needs_reconcile'),
      updated_at: now,
    }))
    .where('id', '=', id).where('status', '=', 'sending').execute();
}

export async function markOutboundFailed(db: Queryable, id: string, code: string, now: Date): Promise<void> {
  await db.updateTable('message')
    .set({ status: 'failed', error_code: code, status_at: now, updated_at: now })
    .where('id', '=', id).where('status', 'in', ['queued', 'sending']).execute();
}

/**
 * Moves an outbound message to a provider-reported status, only from one of `from`; undefined when
 * it did not apply. A message the provider has gets a `sent_at` if no sender recorded one (it
 * crashed after the provider took it): the moment its send began, the best estimate we have.
 */
export async function applyStatus(db: Queryable, id: string, providerSid: string, status: OutboundStatusName, from: OutboundStatusName[], errorCode: string | null, now: Date): Promise<MessageRow | undefined> {
  const atProvider = status === 'sent' || status === 'delivered';
  return db.updateTable('message')
    .set((eb) => ({
      status, error_code: errorCode, status_at: now, updated_at: now,
      twilio_sid: eb.fn.coalesce('twilio_sid', eb.val(providerSid)),
      ...(atProvider ? { sent_at: eb.fn.coalesce('sent_at', 'claimed_at', eb.val(now)), needs_reconcile: false } : {}),
    }))
    .where('id', '=', id).where('status', 'in', from)
    .returningAll().executeTakeFirst();
}

/** Erases the bodies of up to `limit` messages created before `before`; returns how many. */
export async function eraseBodiesBefore(db: Queryable, before: Date, now: Date, limit: number): Promise<number> {
  const r = await sql`
    UPDATE message SET body = '', body_erased_at = ${now}
    WHERE id IN (SELECT id FROM message WHERE body_erased_at IS NULL AND created_at < ${before} ORDER BY id LIMIT ${limit})`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}

/** Throttle for automatic replies (hints, unknown-sender notices): avoids loops with auto-responders. */
export async function countRecentOutboundOfKind(db: Queryable, to: string, kinds: string[], since: Date): Promise<number> {
  const r = await db.selectFrom('message').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('direction', '=', 'outbound').where('to_phone', '=', to).where('kind', 'in', kinds)
    .where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listStuckOutbound(db: Queryable, queuedBefore: Date, leaseCutoff: Date, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('message').select('id')
    .where('direction', '=', 'outbound')
    // Held for quiet hours: its delayed job is waiting; once the time has passed it counts as stuck.
    .where((eb) => eb.or([eb('send_after', 'is', null), eb('send_after', '<', queuedBefore)]))
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'queued'), eb('updated_at', '<', queuedBefore)]),
      eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', leaseCutoff)]),
    ]))
    .orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function listUnprocessedInbound(db: Queryable, before: Date, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('message').select('id')
    .where('direction', '=', 'inbound').where('processed_at', 'is', null).where('created_at', '<', before)
    .orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/**
 * Offer SMS the provider has while their offer still waits to open: the sender crashed between
 * the provider's answer and its commit, and the status callback that followed was lost too.
 */
export async function listUnopenedSentOffers(db: Queryable, before: Date, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('message as m').innerJoin('offer as o', 'o.id', 'm.offer_id')
    .select('m.id')
    .where('m.kind', '=', 'offer').where('m.direction', '=', 'outbound')
    .where('m.status', 'in', ['sent', 'delivered']).where('m.updated_at', '<', before)
    .where('o.status', '=', 'pending')
    .limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Offers still live although their SMS failed: the failure job was lost or has not run yet. */
export async function listFailedOfferMessages(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('message as m').innerJoin('offer as o', 'o.id', 'm.offer_id')
    .select('m.id')
    .where('m.kind', '=', 'offer').where('m.status', 'in', ['failed', 'undelivered'])
    .where('o.status', 'in', ['pending', 'open'])
    .limit(limit).execute();
  return rows.map((r) => r.id);
}

/**
 * Cancels the offer SMS of these offers that have not been taken for sending yet; returns the
 * offers whose SMS will now never go. One already `sending` may reach the phone, so it is left.
 */
export async function cancelUnsentOfferSms(db: Queryable, offerIds: string[], now: Date): Promise<Set<string>> {
  if (offerIds.length === 0) return new Set();
  const rows = await db.updateTable('message').set({ status: 'cancelled', updated_at: now })
    .where('offer_id', 'in', offerIds).where('kind', '=', 'offer').where('direction', '=', 'outbound').where('status', '=', 'queued')
    .returning('offer_id').execute();
  return new Set(rows.map((r) => r.offer_id).filter((id): id is string => id !== null));
}

/**
 * Puts a new text into offer SMS that no sender has touched yet (queued, never attempted, so no
 * provider lookup depends on the old body); returns the offers whose SMS now carry the new text.
 * One already tried or sending keeps its text, and its volunteer is told of the change instead.
 */
export async function rewriteUntriedOfferSms(db: Queryable, offerBodies: Map<string, string>, now: Date): Promise<Set<string>> {
  const rewritten = new Set<string>();
  for (const [offerId, body] of offerBodies) {
    const row = await db.updateTable('message').set({ body, updated_at: now })
      .where('offer_id', '=', offerId).where('kind', '=', 'offer').where('direction', '=', 'outbound')
      .where('status', '=', 'queued').where('attempts', '=', 0).where('needs_reconcile', '=', false)
      .returning('id').executeTakeFirst();
    if (row) rewritten.add(offerId);
  }
  return rewritten;
}
