import { sql } from 'kysely';
import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import { callStatusMovesForward } from '../domain/voice/call-status';
import type { Queryable } from './database';
import type { CallRow } from './schema';

export type Call = CallRow;

export interface NewOutboundCall {
  to: string;
  from: string;
  kind: 'offer';
  volunteerId: string;
  taskId: string;
  offerId: string;
  /** Quiet hours: not placed before this. */
  callAfter: Date | null;
}

export async function insertOutboundCall(db: Queryable, c: NewOutboundCall, now: Date): Promise<string> {
  const row = await db.insertInto('call').values({
    direction: 'outbound', from_phone: c.from, to_phone: c.to, kind: c.kind, volunteer_id: c.volunteerId,
    task_id: c.taskId, offer_id: c.offerId, call_after: c.callAfter, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findCall(db: Queryable, id: string): Promise<Call | undefined> {
  return db.selectFrom('call').selectAll().where('id', '=', id).executeTakeFirst();
}

export type ClaimedCall = Call & { must_reconcile: boolean };

/**
 * queued → placing, or takes over a `placing` whose lease ran out (that sender died or hung, and
 * Twilio may have the call: must_reconcile). Undefined when another sender holds it, it is held for
 * quiet hours, or it is past placing.
 */
export async function claimCall(db: Queryable, id: string, now: Date, leaseSeconds: number): Promise<ClaimedCall | undefined> {
  const leaseCutoff = new Date(now.getTime() - leaseSeconds * 1000);
  const result = await sql<ClaimedCall>`
    WITH prev AS (
      SELECT id, status, needs_reconcile FROM call
      WHERE id = ${id} AND direction = 'outbound'
        AND (status = 'queued' OR (status = 'placing' AND claimed_at < ${leaseCutoff}))
        AND (call_after IS NULL OR call_after <= ${now})
      FOR UPDATE
    )
    UPDATE call c SET status = 'placing', claimed_at = ${now}, attempts = c.attempts + 1, updated_at = ${now}
    FROM prev WHERE c.id = prev.id
    RETURNING c.*, (prev.status = 'placing' OR prev.needs_reconcile) AS must_reconcile`.execute(db);
  return result.rows[0];
}

/** Twilio has the call. Never moves a status backwards: a fast status callback may have come first. */
export async function markCallPlaced(db: Queryable, id: string, sid: string, status: string, now: Date): Promise<void> {
  await sql`
    UPDATE call SET twilio_sid = ${sid}, placed_at = ${now}, needs_reconcile = false, updated_at = ${now},
      status = CASE WHEN status IN ('queued', 'placing') THEN ${status} ELSE status END
    WHERE id = ${id}`.execute(db);
}

/** Back to queued after a retryable failure; `ambiguous` means Twilio may have it already. */
export async function releaseCall(db: Queryable, id: string, code: string, ambiguous: boolean, now: Date): Promise<void> {
  await sql`
    UPDATE call SET status = 'queued', error_code = ${code}, needs_reconcile = needs_reconcile OR ${ambiguous}, updated_at = ${now}
    WHERE id = ${id} AND status = 'placing'`.execute(db);
}

export async function markCallFailed(db: Queryable, id: string, code: string, now: Date): Promise<void> {
  await db.updateTable('call').set({ status: 'failed', error_code: code, status_at: now, updated_at: now })
    .where('id', '=', id).where('status', 'in', ['queued', 'placing']).execute();
}

/** A claimed call that must not be placed after all (its offer no longer stands). */
export async function cancelClaimedCall(db: Queryable, id: string, now: Date): Promise<void> {
  await db.updateTable('call').set({ status: 'cancelled', updated_at: now }).where('id', '=', id).where('status', '=', 'placing').execute();
}

/** Whether another row owns this Twilio call (a reconcile must not take another row's call). */
export async function isCallSidOwnedByAnother(db: Queryable, sid: string, callId: string): Promise<boolean> {
  return !!(await db.selectFrom('call').select('id').where('twilio_sid', '=', sid).where('id', '!=', callId).executeTakeFirst());
}

/**
 * A webhook of the call may come before the placer recorded Twilio's answer: the SID is recorded
 * from it. False when the row has another SID (a request that does not belong to this call).
 */
export async function claimCallSid(db: Queryable, callId: string, sid: string, now: Date): Promise<boolean> {
  await db.updateTable('call').set({ twilio_sid: sid, updated_at: now }).where('id', '=', callId).where('twilio_sid', 'is', null).execute();
  const row = await findCall(db, callId);
  return row?.twilio_sid === sid;
}

/**
 * Records a call's status from Twilio once per status, and moves the call only forward. Returns
 * whether this status was new (false for a repeated callback) and whether the call moved.
 */
export async function applyCallStatus(db: Queryable, call: Call, status: string, fields: { durationSeconds?: number; answeredBy?: string }, now: Date): Promise<{ first: boolean; moved: boolean }> {
  const first = await insertCallEvent(db, call.id, `status:${status}`, { status, ...fields }, now);
  if (!first) return { first, moved: false };
  const moved = callStatusMovesForward(call.status, status);
  await db.updateTable('call').set({
    ...(moved ? { status, status_at: now } : {}),
    ...(fields.durationSeconds !== undefined ? { duration_seconds: fields.durationSeconds } : {}),
    ...(fields.answeredBy ? { answered_by: fields.answeredBy } : {}),
    updated_at: now,
  }).where('id', '=', call.id).execute();
  return { first, moved };
}

/** Inserts an event once; false when it was there already (a repeated webhook). Waits for a concurrent twin to commit. */
export async function insertCallEvent(db: Queryable, callId: string, key: string, detail: Record<string, unknown>, now: Date): Promise<boolean> {
  const row = await db.insertInto('call_event').values({ call_id: callId, key, detail: JSON.stringify(detail), at: now })
    .onConflict((oc) => oc.columns(['call_id', 'key']).doNothing()).returning('key').executeTakeFirst();
  return !!row;
}

export async function findCallEventTwiml(db: Queryable, callId: string, key: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('call_event').select('twiml').where('call_id', '=', callId).where('key', '=', key).executeTakeFirst();
  return row?.twiml;
}

export async function saveCallEventTwiml(db: Queryable, callId: string, key: string, twiml: string): Promise<void> {
  await db.updateTable('call_event').set({ twiml }).where('call_id', '=', callId).where('key', '=', key).execute();
}

/**
 * Retention: the TwiML kept to answer a repeated webhook the same way (it greets by name and, after
 * a yes, reads the task's details) is dropped once older than the retention limit. Returns how many.
 */
export async function eraseCallTwimlBefore(db: Queryable, before: Date): Promise<number> {
  const result = await db.updateTable('call_event').set({ twiml: null }).where('at', '<', before).where('twiml', 'is not', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Outbound calls whose job may have been lost: queued and due, or placing with an expired lease. */
export async function listStuckCalls(db: Queryable, before: Date, leaseCutoff: Date, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('call').select('id')
    .where('direction', '=', 'outbound')
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'queued'), eb('created_at', '<', before), eb.or([eb('call_after', 'is', null), eb('call_after', '<=', before)])]),
      eb.and([eb('status', '=', 'placing'), eb('claimed_at', '<', leaseCutoff)]),
    ]))
    .orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function countCallsOfOffer(db: Queryable, offerId: string): Promise<number> {
  const r = await db.selectFrom('call').select((eb) => eb.fn.countAll<string>().as('n')).where('offer_id', '=', offerId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Open SMS offers of `sms_then_call` volunteers past half their answer time with no call yet: the
 * sweeper re-enqueues their follow-up-call job if Redis lost it. (Half the answer time counted
 * plainly here; the call itself still waits for the end of quiet hours.)
 */
export async function listDueFollowUpCalls(db: Queryable, before: Date, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('offer as o')
    .innerJoin('volunteer as v', 'v.id', 'o.volunteer_id')
    .innerJoin('task as t', 't.id', 'o.task_id')
    .select('o.id')
    .where('o.status', 'in', [...LIVE_OFFER_STATUSES])
    .where('v.contact_preference', '=', 'sms_then_call')
    .where(sql<boolean>`o.sent_at + t.offer_timeout_minutes * interval '30 seconds' < ${before}`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('call as c').select(sql.lit(1).as('one')).whereRef('c.offer_id', '=', 'o.id'))))
    .orderBy('o.id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** A task's calls with the volunteer's name and every event (in no order: see call-timeline.ts), oldest call first. */
export interface CallWithEvents extends Call {
  volunteer_name: string | null;
  events: { key: string; detail: Record<string, unknown>; at: Date }[];
}

export async function listCallsOfTask(db: Queryable, taskId: string): Promise<CallWithEvents[]> {
  const calls = await db.selectFrom('call as c').leftJoin('volunteer as v', 'v.id', 'c.volunteer_id')
    .selectAll('c').select('v.name as volunteer_name')
    .where('c.task_id', '=', taskId).orderBy('c.id').execute();
  if (calls.length === 0) return [];
  const events = await db.selectFrom('call_event').select(['call_id', 'key', 'detail', 'at'])
    .where('call_id', 'in', calls.map((c) => c.id)).execute();
  return calls.map((c) => ({ ...c, events: events.filter((e) => e.call_id === c.id).map(({ key, detail, at }) => ({ key, detail, at })) }));
}

/** «Send nå likevel»: the task's offer calls held for quiet hours may be placed now. */
export async function releaseHeldCalls(db: Queryable, taskId: string, now: Date): Promise<string[]> {
  const rows = await db.updateTable('call').set({ call_after: now, updated_at: now })
    .where('task_id', '=', taskId).where('direction', '=', 'outbound').where('status', '=', 'queued').where('call_after', '>', now)
    .returning('id').execute();
  return rows.map((r) => r.id);
}

/** The earliest moment a task's held offer calls may be placed, or null when none is held for quiet hours. */
export async function findHeldCallsUntil(db: Queryable, taskId: string, now: Date): Promise<Date | null> {
  const row = await db.selectFrom('call').select((eb) => eb.fn.min('call_after').as('until'))
    .where('task_id', '=', taskId).where('direction', '=', 'outbound').where('status', '=', 'queued').where('call_after', '>', now)
    .executeTakeFirst();
  return row?.until ?? null;
}
