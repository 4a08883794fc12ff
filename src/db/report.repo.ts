import type { TaskFact } from '../domain/reports';
import { NO_UNIT } from '../domain/reports';
import type { Queryable } from './database';
import type { TaskStatus, TaskType } from './schema';

/**
 * Read models for the overview pages: the facts the yearly report counts, and the task lists of
 * I dag. Nothing here writes.
 */

/** One fact per task starting in [start, end); `unitId` NO_UNIT means tasks without a unit. */
export async function listTaskFacts(db: Queryable, opts: { start: Date; end: Date; unitId?: string }): Promise<TaskFact[]> {
  let q = db.selectFrom('task')
    .select(['unit_id', 'starts_at', 'status', 'dispatched_at', 'assigned_at', 'duration_minutes', 'assigned_volunteer_id'])
    .where('starts_at', '>=', opts.start).where('starts_at', '<', opts.end);
  if (opts.unitId === NO_UNIT) q = q.where('unit_id', 'is', null);
  else if (opts.unitId) q = q.where('unit_id', '=', opts.unitId);
  const rows = await q.execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    startsAt: r.starts_at,
    status: r.status,
    dispatchedAt: r.dispatched_at,
    assignedAt: r.assigned_at,
    durationMinutes: r.duration_minutes,
    volunteerId: r.assigned_volunteer_id,
  }));
}

/** A task as the I dag lists show it: what, when, where, whose, and who is coming. Never its details. */
export interface TodayTask {
  id: string;
  type: TaskType;
  status: TaskStatus;
  startsAt: Date;
  durationMinutes: number;
  area: string;
  summary: string;
  unitName: string | null;
  volunteerName: string | null;
  volunteerPhone: string | null;
}

function taskListQuery(db: Queryable) {
  return db.selectFrom('task as t')
    .leftJoin('unit as u', 'u.id', 't.unit_id')
    .leftJoin('volunteer as v', 'v.id', 't.assigned_volunteer_id')
    .select(['t.id', 't.type', 't.status', 't.starts_at', 't.duration_minutes', 't.area', 't.summary', 'u.name as unit_name', 'v.name as volunteer_name', 'v.phone as volunteer_phone'])
    .orderBy('t.starts_at').orderBy('t.id');
}

type TaskListRow = Awaited<ReturnType<ReturnType<typeof taskListQuery>['executeTakeFirstOrThrow']>>;

function toTaskListItem(r: TaskListRow): TodayTask {
  return {
    id: r.id, type: r.type, status: r.status, startsAt: r.starts_at, durationMinutes: r.duration_minutes, area: r.area, summary: r.summary,
    unitName: r.unit_name, volunteerName: r.volunteer_name, volunteerPhone: r.volunteer_phone,
  };
}

/** Tasks the dispatch gave up on (nobody left to ask) that start at or after `since`. */
export async function listUnfilledTasks(db: Queryable, since: Date, limit = 50): Promise<TodayTask[]> {
  const rows = await taskListQuery(db).where('t.status', '=', 'unfilled').where('t.starts_at', '>=', since).limit(limit).execute();
  return rows.map(toTaskListItem);
}

/** Tasks starting in [from, to) that nobody has yet: not dispatched, or still waiting for a yes. */
export async function listTasksWithoutVolunteer(db: Queryable, from: Date, to: Date, limit = 50): Promise<TodayTask[]> {
  const rows = await taskListQuery(db).where('t.status', 'in', ['new', 'searching'])
    .where('t.starts_at', '>=', from).where('t.starts_at', '<', to).limit(limit).execute();
  return rows.map(toTaskListItem);
}

/** Assigned tasks starting in [from, to), with their volunteer. */
export async function listAssignedTasks(db: Queryable, from: Date, to: Date, limit = 200): Promise<TodayTask[]> {
  const rows = await taskListQuery(db).where('t.status', '=', 'assigned')
    .where('t.starts_at', '>=', from).where('t.starts_at', '<', to).limit(limit).execute();
  return rows.map(toTaskListItem);
}

/** Every task starting in [from, to) that is not cancelled, with its volunteer if it has one. */
export async function listTasksStarting(db: Queryable, from: Date, to: Date, limit = 200): Promise<TodayTask[]> {
  const rows = await taskListQuery(db).where('t.status', '!=', 'cancelled')
    .where('t.starts_at', '>=', from).where('t.starts_at', '<', to).limit(limit).execute();
  return rows.map(toTaskListItem);
}

/** Tasks with SMS held for quiet hours, and when the first of them may go. */
export async function listTasksWithHeldSms(db: Queryable, now: Date, limit = 50): Promise<(TodayTask & { heldUntil: Date })[]> {
  const held = db.selectFrom('message').select(['task_id', (eb) => eb.fn.min('send_after').as('held_until')])
    .where('direction', '=', 'outbound').where('status', '=', 'queued').where('send_after', '>', now).where('task_id', 'is not', null)
    .groupBy('task_id').as('h');
  const rows = await taskListQuery(db).innerJoin(held, 'h.task_id', 't.id').select('h.held_until').limit(limit).execute();
  return rows.map((r) => ({ ...toTaskListItem(r), heldUntil: r.held_until as Date }));
}
