import { sql, type ExpressionBuilder } from 'kysely';
import type { Queryable } from './database';
import type { Database } from './schema';

/** An active assignment that has not ended yet: what a volunteer who leaves would leave undone. */
export interface UpcomingAssignment { taskId: string; startsAt: Date; summary: string }

export async function listUpcomingAssignments(db: Queryable, volunteerId: string, now: Date): Promise<UpcomingAssignment[]> {
  const rows = await db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id')
    .select(['t.id', 't.starts_at', 't.summary'])
    .where('a.volunteer_id', '=', volunteerId).where('a.status', '=', 'active')
    .where(sql<boolean>`t.starts_at + make_interval(mins => t.duration_minutes) > ${now}`)
    .orderBy('t.starts_at').execute();
  return rows.map((r) => ({ taskId: r.id, startsAt: r.starts_at, summary: r.summary }));
}

/** Compare-and-set: false when already deactivated. */
export async function markDeactivated(db: Queryable, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('volunteer').set({ deactivated_at: at, updated_at: at })
    .where('id', '=', id).where('deactivated_at', 'is', null).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** An erased volunteer stays deactivated: there is nobody left to offer anything to. */
export async function markReactivated(db: Queryable, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('volunteer').set({ deactivated_at: null, updated_at: at })
    .where('id', '=', id).where('deactivated_at', 'is not', null).where('erased_at', 'is', null).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** What the erasure removed, for the audit log (counts only). */
export interface ErasedCounts { messages: number; media: number; auditEvents: number }

/**
 * Erases a volunteer's personal data (GDPR art. 17) and keeps what reports count: the volunteer row
 * (as «Slettet frivillig», no number, no notes, no papers or schedule), and every offer, assignment,
 * hours and message row — but the messages lose their text, the number, the reading's quoted words
 * and any pictures. Unsent SMS to them are cancelled first (nothing may go to an erased person).
 */
export async function eraseVolunteerData(db: Queryable, id: string, phone: string, now: Date): Promise<ErasedCounts> {
  await db.updateTable('message').set({ status: 'cancelled', updated_at: now })
    .where('volunteer_id', '=', id).where('direction', '=', 'outbound').where('status', '=', 'queued').execute();
  const mine = (eb: ExpressionBuilder<Database, 'message'>) =>
    eb.or([eb('volunteer_id', '=', id), eb('from_phone', '=', phone), eb('to_phone', '=', phone)]);
  const media = await db.deleteFrom('inbound_media')
    .where('message_id', 'in', (eb) => eb.selectFrom('message').select('id').where(mine)).executeTakeFirst();
  const messages = await db.updateTable('message').set({
    body: '',
    body_erased_at: sql`coalesce(body_erased_at, ${now})`,
    from_phone: sql`CASE WHEN from_phone = ${phone} THEN '' ELSE from_phone END`,
    to_phone: sql`CASE WHEN to_phone = ${phone} THEN '' ELSE to_phone END`,
    // Keep what the reply was read as (counts), drop the words quoted from it.
    reading: sql`CASE WHEN reading IS NULL THEN NULL ELSE jsonb_build_object('intent', reading->'intent', 'context', reading->'context', 'evidence', '[]'::jsonb) END`,
    updated_at: now,
  }).where(mine).executeTakeFirst();
  // Calls (issue 15): the number goes from the call rows, and the answers kept for repeated
  // webhooks (their TwiML greets by name and, after a yes, reads the details) go too.
  const calls = (eb: ExpressionBuilder<Database, 'call'>) =>
    eb.or([eb('volunteer_id', '=', id), eb('from_phone', '=', phone), eb('to_phone', '=', phone)]);
  await db.updateTable('call_event').set({ twiml: null })
    .where('call_id', 'in', (eb) => eb.selectFrom('call').select('id').where(calls)).where('twiml', 'is not', null).execute();
  await db.updateTable('call').set({
    from_phone: sql`CASE WHEN from_phone = ${phone} THEN '' ELSE from_phone END`,
    to_phone: sql`CASE WHEN to_phone = ${phone} THEN '' ELSE to_phone END`,
    updated_at: now,
  }).where(calls).execute();
  const audit = await db.updateTable('audit_event').set({ detail: sql`detail - 'name' - 'phone'` })
    .where('subject_type', '=', 'volunteer').where('subject_id', '=', id)
    .where(sql<boolean>`detail ?| array['name', 'phone']`).executeTakeFirst();
  await db.updateTable('volunteer').set({
    name: 'Slettet frivillig',
    phone: null,
    notes: '',
    areas: [],
    availability: '[]',
    absences: '[]',
    agreement_signed_on: null,
    confidentiality_signed_on: null,
    police_certificate_on: null,
    training_on: null,
    paused_until: null,
    max_tasks_per_week: null,
    erased_at: now,
    deactivated_at: sql`coalesce(deactivated_at, ${now})`,
    updated_at: now,
  }).where('id', '=', id).execute();
  return { messages: Number(messages.numUpdatedRows), media: Number(media.numDeletedRows), auditEvents: Number(audit.numUpdatedRows) };
}
