import { sql } from 'kysely';
import type { Queryable } from './database';

export interface FollowUp {
  assignmentId: string;
  taskId: string;
  taskType: string;
  startsAt: Date;
  area: string;
  volunteerName: string;
  /** follow_up: the volunteer answered 2; no_answer: two days passed without an answer. */
  checkIn: 'follow_up' | 'no_answer';
}

/**
 * Check-ins that need a person, for the tasks of one unit only: nobody else sees them. Tasks that
 * belong to no unit (made with the service's API token) are the admins' (`withUnitless`).
 */
export async function listOpenFollowUps(db: Queryable, unitId: string | null, withUnitless = false): Promise<FollowUp[]> {
  const rows = await db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id').innerJoin('volunteer as v', 'v.id', 'a.volunteer_id')
    .select(['a.id', 'a.check_in', 't.id as task_id', 't.type', 't.starts_at', 't.area', 'v.name'])
    .where('a.check_in', 'in', ['follow_up', 'no_answer']).where('a.follow_up_handled_at', 'is', null)
    .where((eb) => eb.or([
      ...(unitId ? [eb('t.unit_id', '=', unitId)] : []),
      ...(withUnitless ? [eb('t.unit_id', 'is', null)] : []),
      eb.val(false),
    ]))
    .orderBy('t.starts_at').limit(100).execute();
  return rows.map((r) => ({
    assignmentId: r.id, taskId: r.task_id, taskType: r.type, startsAt: r.starts_at, area: r.area, volunteerName: r.name,
    checkIn: r.check_in as FollowUp['checkIn'],
  }));
}

/**
 * Marks a follow-up as dealt with, if it is in `scope` (`all` for admins). An unanswered check-in
 * is then closed as done too (the coordinator found out how it went).
 */
export async function markFollowUpHandled(db: Queryable, assignmentId: string, scope: { unitId: string | null; withUnitless: boolean; all?: boolean }, coordinatorId: string, now: Date): Promise<boolean> {
  const row = await db.updateTable('assignment as a')
    .set({
      follow_up_handled_at: now,
      follow_up_handled_by: coordinatorId,
      status: sql<'active' | 'cancelled' | 'done'>`CASE WHEN a.status = 'active' THEN 'done' ELSE a.status END`,
    })
    .from('task as t')
    .whereRef('t.id', '=', 'a.task_id')
    .where((eb) => eb.or([
      ...(scope.unitId ? [eb('t.unit_id', '=', scope.unitId)] : []),
      ...(scope.withUnitless ? [eb('t.unit_id', 'is', null)] : []),
      eb.val(scope.all === true),
    ]))
    .where('a.id', '=', assignmentId).where('a.check_in', 'in', ['follow_up', 'no_answer']).where('a.follow_up_handled_at', 'is', null)
    .returning('a.id').executeTakeFirst();
  return Boolean(row);
}
