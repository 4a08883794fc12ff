import { sql } from 'kysely';
import { LIVE_OFFER_STATUSES, taskTransition, type TaskEvent } from '../domain/dispatch';
import type { TaskType } from '../domain/messages';
import type { Queryable } from './database';
import type { RequirementName, TaskRow, TaskStatus, TaskUpdate } from './schema';

export interface Task {
  id: string;
  type: TaskType;
  startsAt: Date;
  durationMinutes: number;
  area: string;
  summary: string;
  details: string;
  waveSize: number;
  offerTimeoutMinutes: number;
  status: TaskStatus;
  assignedVolunteerId: string | null;
  wavesSent: number;
  dispatchedAt: Date | null;
  assignedAt: Date | null;
  closedAt: Date | null;
  /** The unit whose coordinators see the details; null only for tasks from before units existed. */
  unitId: string | null;
  createdBy: string | null;
  /** What a volunteer must have to be asked (confidentiality declaration, police certificate, training). */
  requirements: RequirementName[];
  /** The helped person as the unit refers to them; never in an SMS. */
  personRef: string | null;
  /** Someone should have said JA by then; null means two hours before the start. */
  fillBy: Date | null;
  urgent: boolean;
  deadlineAlertedAt: Date | null;
  /** A coordinator's «Send nå likevel»: offers go out despite quiet hours until then. */
  quietHoursOverrideUntil: Date | null;
  /** How many times a coordinator has edited it: the edit form's compare-and-set. */
  editVersion: number;
  /** A fill found nobody more to ask then, with the wave still short; null while a fill is owed. */
  fillSettledAt: Date | null;
  /** Waiting for the batched fill; null once a fill ran. */
  fillRequestedAt: Date | null;
  createdAt: Date;
}

export function taskRowToTask(r: TaskRow): Task {
  return {
    id: r.id,
    type: r.type,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    area: r.area,
    summary: r.summary,
    details: r.details,
    waveSize: r.wave_size,
    offerTimeoutMinutes: r.offer_timeout_minutes,
    status: r.status,
    assignedVolunteerId: r.assigned_volunteer_id,
    wavesSent: r.waves_sent,
    dispatchedAt: r.dispatched_at,
    assignedAt: r.assigned_at,
    closedAt: r.closed_at,
    unitId: r.unit_id,
    createdBy: r.created_by,
    requirements: r.requirements,
    personRef: r.person_ref,
    fillBy: r.fill_by,
    urgent: r.urgent,
    deadlineAlertedAt: r.deadline_alerted_at,
    quietHoursOverrideUntil: r.quiet_hours_override_until,
    editVersion: r.edit_version,
    fillSettledAt: r.fill_settled_at,
    fillRequestedAt: r.fill_requested_at,
    createdAt: r.created_at,
  };
}

export type NewTask = Pick<Task, 'type' | 'startsAt' | 'durationMinutes' | 'area' | 'summary' | 'details'>
  & Partial<Pick<Task, 'waveSize' | 'offerTimeoutMinutes' | 'unitId' | 'createdBy' | 'requirements' | 'personRef' | 'fillBy'>>;

export async function insertTask(db: Queryable, t: NewTask): Promise<Task> {
  const row = await db.insertInto('task').values({
    type: t.type,
    starts_at: t.startsAt,
    duration_minutes: t.durationMinutes,
    area: t.area,
    summary: t.summary,
    details: t.details,
    wave_size: t.waveSize,
    offer_timeout_minutes: t.offerTimeoutMinutes,
    unit_id: t.unitId ?? null,
    created_by: t.createdBy ?? null,
    requirements: t.requirements ?? [],
    person_ref: t.personRef ?? null,
    fill_by: t.fillBy ?? null,
  }).returningAll().executeTakeFirstOrThrow();
  return taskRowToTask(row);
}

export async function findTask(db: Queryable, id: string): Promise<Task | undefined> {
  const row = await db.selectFrom('task').selectAll().where('id', '=', id).executeTakeFirst();
  return row && taskRowToTask(row);
}

/** SELECT … FOR UPDATE: every change to a task's offers takes this lock first, so lock order is always task → offers. */
export async function lockTask(db: Queryable, id: string): Promise<Task | undefined> {
  const row = await db.selectFrom('task').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row && taskRowToTask(row);
}

/**
 * Compare-and-set on the task's status: applies `event` only if the task is in one of the states
 * the state machine allows. Returns the updated task, or undefined when another writer got there first.
 */
export async function moveTask(db: Queryable, id: string, event: TaskEvent, set: TaskUpdate, now: Date): Promise<Task | undefined> {
  const move = taskTransition(event);
  const row = await db.updateTable('task')
    .set({ ...set, status: move.to, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', [...move.from])
    .returningAll()
    .executeTakeFirst();
  return row && taskRowToTask(row);
}

/** What an edit may change: what, when, where, the texts, the requirements and the dispatch settings. */
export type TaskEdit = Pick<Task, 'type' | 'startsAt' | 'durationMinutes' | 'area' | 'summary' | 'details' | 'requirements' | 'personRef' | 'fillBy' | 'waveSize' | 'offerTimeoutMinutes'>;

/** Compare-and-set on edit_version: undefined when another coordinator's edit got there first. */
export async function saveTaskEdit(db: Queryable, id: string, expectedVersion: number, e: TaskEdit, now: Date): Promise<Task | undefined> {
  const row = await db.updateTable('task').set({
    type: e.type, starts_at: e.startsAt, duration_minutes: e.durationMinutes, area: e.area, summary: e.summary, details: e.details,
    requirements: e.requirements, person_ref: e.personRef, fill_by: e.fillBy, wave_size: e.waveSize, offer_timeout_minutes: e.offerTimeoutMinutes,
    edit_version: expectedVersion + 1, updated_at: now,
  }).where('id', '=', id).where('edit_version', '=', expectedVersion).returningAll().executeTakeFirst();
  return row && taskRowToTask(row);
}

export async function updateTask(db: Queryable, id: string, set: TaskUpdate, now: Date): Promise<void> {
  await db.updateTable('task').set({ ...set, updated_at: now }).where('id', '=', id).execute();
}

/**
 * A change less than this before a fill settled may have been invisible to it (committed after
 * its snapshot was taken): such a task is filled once more.
 */
const SETTLE_MARGIN_MS = 10_000;

/** How many offers of the task `t` are live (pending or open): a scalar subquery. */
const liveOffersOfTask = sql<number>`(SELECT count(*) FROM offer o WHERE o.task_id = t.id AND o.status IN (${sql.join([...LIVE_OFFER_STATUSES])}))`;

/**
 * Searching tasks with fewer live offers than their wave size whose fill is really owed: one was
 * never completed (its job was lost, or concurrent fills took its candidates), or something that
 * could add a candidate happened after the last fill found nobody more to ask — an offer closed
 * (its volunteer is free), a volunteer was added or edited, an assignment was released. A task that
 * merely waits (offers held for the morning, a pool smaller than the wave) is left alone.
 */
export async function listStarvedSearchingTasks(db: Queryable, before: Date, limit: number): Promise<string[]> {
  const lastChange = sql<Date | null>`GREATEST(
    (SELECT max(closed_at) FROM offer WHERE closed_at IS NOT NULL),
    (SELECT max(updated_at) FROM volunteer),
    (SELECT max(cancelled_at) FROM assignment WHERE cancelled_at IS NOT NULL))`;
  const rows = await db.selectFrom('task as t').select('t.id')
    .where('t.status', '=', 'searching').where('t.updated_at', '<', before).where('t.fill_requested_at', 'is', null)
    .where(sql<boolean>`(t.fill_settled_at IS NULL OR t.fill_settled_at < ${lastChange} + make_interval(secs => ${SETTLE_MARGIN_MS / 1000}))`)
    .where(sql<boolean>`${liveOffersOfTask} < t.wave_size`)
    .limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The lanes (task id modulo `lanes`) of dispatched tasks that waited longer than `before` for the batched fill. */
export async function listOverdueFillLanes(db: Queryable, before: Date, lanes: number): Promise<number[]> {
  const r = await sql<{ lane: number }>`
    SELECT DISTINCT (id % ${lanes})::integer AS lane FROM task WHERE fill_requested_at < ${before}`.execute(db);
  return r.rows.map((row) => row.lane);
}

/**
 * Takes up to `limit` tasks waiting for the batched fill, soonest start first, and marks them
 * taken; another transaction holding one (a reply, a concurrent batch) is skipped, not waited for.
 */
export async function claimFillRequests(db: Queryable, limit: number): Promise<string[]> {
  const r = await sql<{ id: string }>`
    UPDATE task SET fill_requested_at = NULL
    WHERE id IN (SELECT id FROM task WHERE fill_requested_at IS NOT NULL ORDER BY starts_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`.execute(db);
  return r.rows.map((row) => row.id);
}

/**
 * Searching tasks among `ids` with their live offers counted, soonest start first: the batch a
 * fill-searching-tasks job fills. The caller holds the tasks' row locks already (the claim took
 * them), so the counts, read by this later statement, cannot be overtaken by another writer.
 */
export async function readClaimedForFill(db: Queryable, ids: readonly string[]): Promise<Array<{ task: Task; live: number }>> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('task as t').selectAll('t')
    .select(sql<number>`${liveOffersOfTask}::integer`.as('live_offer_count'))
    .where(sql<boolean>`t.id = ANY(${ids.map(Number)}::bigint[])`).where('t.status', '=', 'searching')
    .orderBy('t.starts_at').orderBy('t.id').execute();
  return rows.map(({ live_offer_count, ...row }) => ({ task: taskRowToTask(row), live: live_offer_count }));
}

/** Records the wave each task's new offers went out in: one statement for a whole batch of fills. */
export async function setWavesSent(db: Queryable, waves: ReadonlyMap<string, number>, now: Date): Promise<void> {
  if (waves.size === 0) return;
  const ids = [...waves.keys()].map(Number);
  await sql`UPDATE task t SET waves_sent = w.wave, updated_at = ${now}
    FROM unnest(${ids}::bigint[], ${[...waves.values()]}::integer[]) AS w(id, wave) WHERE t.id = w.id`.execute(db);
}

export interface TaskFilter { status?: TaskStatus; type?: TaskType; unitId?: string; from?: Date; to?: Date }

export interface TaskListItem {
  id: string;
  type: TaskType;
  status: TaskStatus;
  startsAt: Date;
  durationMinutes: number;
  area: string;
  summary: string;
  unitName: string | null;
  assignedVolunteerName: string | null;
}

/**
 * Tasks for the list page. Upcoming tasks (from `upcomingFrom`) come first, soonest first, since
 * those are the ones a coordinator acts on; earlier tasks follow, most recent first.
 * `from` is inclusive and `to` exclusive.
 */
export async function listTaskItems(db: Queryable, filter: TaskFilter, upcomingFrom: Date, page: { limit: number; offset: number }): Promise<TaskListItem[]> {
  let q = db.selectFrom('task as t')
    .leftJoin('unit as u', 'u.id', 't.unit_id')
    .leftJoin('volunteer as v', 'v.id', 't.assigned_volunteer_id')
    .select(['t.id', 't.type', 't.status', 't.starts_at', 't.duration_minutes', 't.area', 't.summary', 'u.name as unit_name', 'v.name as volunteer_name']);
  if (filter.status) q = q.where('t.status', '=', filter.status);
  if (filter.type) q = q.where('t.type', '=', filter.type);
  if (filter.unitId) q = q.where('t.unit_id', '=', filter.unitId);
  if (filter.from) q = q.where('t.starts_at', '>=', filter.from);
  if (filter.to) q = q.where('t.starts_at', '<', filter.to);
  const rows = await q
    .orderBy(sql`t.starts_at < ${upcomingFrom}`)
    .orderBy(sql`CASE WHEN t.starts_at >= ${upcomingFrom} THEN t.starts_at END`)
    .orderBy('t.starts_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(page.limit).offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id, type: r.type, status: r.status, startsAt: r.starts_at, durationMinutes: r.duration_minutes,
    area: r.area, summary: r.summary, unitName: r.unit_name, assignedVolunteerName: r.volunteer_name,
  }));
}
