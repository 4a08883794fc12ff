import { sql } from 'kysely';
import type { Queryable } from './database';

export async function insertAssignment(db: Queryable, a: { taskId: string; volunteerId: string; offerId: string | null; source: 'sms' | 'manual' | 'call' }, now: Date): Promise<string> {
  const row = await db.insertInto('assignment').values({
    task_id: a.taskId,
    volunteer_id: a.volunteerId,
    offer_id: a.offerId,
    source: a.source,
    assigned_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function cancelActiveAssignment(db: Queryable, taskId: string, now: Date, by: 'volunteer' | 'coordinator' = 'coordinator'): Promise<string | undefined> {
  const row = await db.updateTable('assignment').set({ status: 'cancelled', cancelled_at: now, cancelled_by: by })
    .where('task_id', '=', taskId).where('status', '=', 'active').returning('volunteer_id').executeTakeFirst();
  return row?.volunteer_id;
}

export interface ActiveAssignment { id: string; taskId: string; volunteerId: string; startsAt: Date; durationMinutes: number; assignedAt: Date }

/** An assignment with its task's time, locked: reminders, check-ins and cancellation change it one at a time. */
export async function lockAssignment(db: Queryable, id: string) {
  return db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id')
    .selectAll('a').select(['t.starts_at', 't.duration_minutes'])
    .where('a.id', '=', id).forUpdate('a').executeTakeFirst();
}

/** The volunteer's active assignments whose task has not ended yet, soonest first. */
export async function listUpcomingAssignments(db: Queryable, volunteerId: string, now: Date): Promise<ActiveAssignment[]> {
  const rows = await db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id')
    .select(['a.id', 'a.task_id', 'a.volunteer_id', 'a.assigned_at', 't.starts_at', 't.duration_minutes'])
    .where('a.volunteer_id', '=', volunteerId).where('a.status', '=', 'active')
    .where(sql<boolean>`t.starts_at + make_interval(mins => t.duration_minutes) > ${now}`)
    .orderBy('t.starts_at').execute();
  return rows.map((r) => ({ id: r.id, taskId: r.task_id, volunteerId: r.volunteer_id, startsAt: r.starts_at, durationMinutes: r.duration_minutes, assignedAt: r.assigned_at }));
}

/** The volunteer's most recent assignment waiting for a check-in answer. */
export async function findAskedCheckIn(db: Queryable, volunteerId: string): Promise<{ id: string; taskId: string; askedAt: Date } | undefined> {
  const row = await db.selectFrom('assignment').select(['id', 'task_id', 'check_in_asked_at'])
    .where('volunteer_id', '=', volunteerId).where('check_in', '=', 'asked')
    .orderBy('check_in_asked_at', 'desc').limit(1).forUpdate().executeTakeFirst();
  return row && { id: row.id, taskId: row.task_id, askedAt: row.check_in_asked_at ?? new Date(0) };
}
