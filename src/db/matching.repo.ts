import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import type { ContactPreference } from '../domain/contact-preference';
import type { Candidate, MatchTask, Requirement, Weekday } from '../domain/matching';
import type { TaskType } from '../domain/messages';
import { OSLO_ZONE } from '../domain/oslo-time';
import type { Queryable } from './database';
import type { Task } from './task.repo';

const MATCHING_COLUMNS = [
  'v.id', 'v.name', 'v.phone', 'v.language', 'v.opted_out_at', 'v.paused_until', 'v.task_types', 'v.areas',
  'v.confidentiality_signed_on', 'v.police_certificate_on', 'v.training_on', 'v.availability', 'v.absences', 'v.max_tasks_per_week',
  'v.contact_preference', 'v.deactivated_at',
] as const;

/** A candidate with what an offer needs to reach them. */
export interface ReachableCandidate extends Candidate { phone: string; language: string; contactPreference: ContactPreference }

/** Fairness looks at this much history; reliability at a longer stretch (the same windows as sql/0014's counters). */
const RECENT_DAYS = 30;
const RELIABILITY_DAYS = 180;

export function toMatchTask(task: Task): MatchTask {
  return { id: task.id, type: task.type, startsAt: task.startsAt, durationMinutes: task.durationMinutes, area: task.area, requirements: task.requirements as Requirement[] };
}

/**
 * Every fact the matching rules judge, for `scope`: every volunteer (the task page's explanation,
 * so each one's reason can be shown), or the given ones (dispatch judges the head of the SQL
 * ranking, src/db/ranked-head.repo.ts).
 */
export async function loadCandidates(db: Queryable, task: Task, now: Date, scope: 'everyone' | { ids: readonly string[] }): Promise<ReachableCandidate[]> {
  if (scope === 'everyone') return (await judgeFacts(db, [{ task, volunteers: await loadVolunteers(db, 'everyone') }], now)).get(task.id) ?? [];
  return (await loadCandidatesOfTasks(db, [{ task, ids: scope.ids }], now)).get(task.id) ?? [];
}

/**
 * loadCandidates for several tasks at once (a batch of fills): each task's volunteers with the facts
 * as that task sees them, read in one set of statements for the whole batch. By task id.
 */
export async function loadCandidatesOfTasks(db: Queryable, wanted: ReadonlyArray<{ task: Task; ids: readonly string[] }>, now: Date): Promise<Map<string, ReachableCandidate[]>> {
  const all = [...new Set(wanted.flatMap((w) => w.ids))];
  if (all.length === 0) return new Map(wanted.map((w) => [w.task.id, []]));
  const rows = await loadVolunteers(db, { ids: all });
  // Each task's volunteers in id order, as loadVolunteers returns them.
  const scopes = wanted.map((w) => {
    const ids = new Set(w.ids);
    return { task: w.task, volunteers: rows.filter((v) => ids.has(v.id)) };
  });
  return judgeFacts(db, scopes, now);
}

type VolunteerRow = Awaited<ReturnType<typeof loadVolunteers>>[number];

async function loadVolunteers(db: Queryable, scope: 'everyone' | { ids: readonly string[] }) {
  // Only what matching reads: notes and the rest of the row would be loaded per volunteer per fill.
  // An erased volunteer is no longer a person to judge; a deactivated one is shown (with the reason)
  // on the task page and judged unfit by the domain (the SQL ranking leaves both out of dispatch).
  let q = db.selectFrom('volunteer as v').select(MATCHING_COLUMNS).where('v.erased_at', 'is', null)
    .$narrowType<{ phone: string }>();
  if (scope !== 'everyone') {
    if (scope.ids.length === 0) return [];
    q = q.where(anyOf('v.id', [...scope.ids]));
  }
  return q.orderBy('v.id').execute();
}

/** The facts about `volunteers` each task's rules need, read once for all the tasks. By task id. */
async function judgeFacts(db: Queryable, scopes: ReadonlyArray<{ task: Task; volunteers: VolunteerRow[] }>, now: Date): Promise<Map<string, ReachableCandidate[]>> {
  const ids = [...new Set(scopes.flatMap((s) => s.volunteers.map((v) => v.id)))];
  const tasks = scopes.map((s) => s.task);
  const out = new Map<string, ReachableCandidate[]>(tasks.map((t) => [t.id, []]));
  if (ids.length === 0) return out;
  const [assignments, offers, withdrew] = await Promise.all([
    loadAssignments(db, ids, tasks),
    loadOfferFacts(db, ids, tasks.map((t) => t.id), now),
    loadCancelledThisTask(db, tasks.map((t) => t.id)),
  ]);
  for (const { task, volunteers } of scopes) {
    const helped = await loadHelpedBefore(db, volunteers.map((v) => v.id), task);
    const window = assignmentWindow(task);
    const week = isoWeekOf(task.startsAt);
    out.set(task.id, volunteers.map((v): ReachableCandidate => {
      const own = (assignments.get(v.id) ?? []).filter((a) => a.taskId !== task.id && a.startsAt >= window.from && a.startsAt < window.to);
      const facts = offers.get(v.id);
      return {
        id: v.id,
        name: v.name,
        phone: v.phone,
        language: v.language,
        contactPreference: v.contact_preference,
        optedOut: v.opted_out_at !== null,
        deactivated: v.deactivated_at !== null,
        pausedUntil: v.paused_until,
        taskTypes: v.task_types as TaskType[],
        areas: v.areas,
        confidentialitySignedOn: v.confidentiality_signed_on,
        policeCertificateOn: v.police_certificate_on,
        trainingOn: v.training_on,
        availability: v.availability.map((w) => ({ ...w, weekday: w.weekday as Weekday })),
        absences: v.absences,
        maxTasksPerWeek: v.max_tasks_per_week,
        assignmentsThisWeek: own.filter((a) => isoWeekOf(a.startsAt) === week).length,
        assignments: own,
        hasOpenOffer: facts?.live ?? false,
        // Whoever gave this task back (AVBRYT) or was taken off it counts as asked already, even if it was agreed by phone.
        alreadyOfferedThisTask: (facts?.offeredTasks.has(task.id) ?? false) || (withdrew.get(task.id)?.has(v.id) ?? false),
        helpedThisPersonBefore: helped.has(v.id),
        recentOffers: facts?.recentOffers ?? 0,
        recentAssignments: facts?.recentAssignments ?? 0,
        answeredOffers: facts?.answered ?? 0,
        totalOffers: facts?.total ?? 0,
      };
    }));
  }
  return out;
}

/** `column = ANY($1)`: one array parameter instead of thousands (a municipality may have many volunteers). */
export function anyOf(column: string, ids: string[]) {
  return sql<boolean>`${sql.ref(column)} = ANY(${ids.map(Number)}::bigint[])`;
}

function isoWeekOf(at: Date): string {
  const d = DateTime.fromJSDate(at, { zone: OSLO_ZONE });
  return `${d.weekYear}-${d.weekNumber}`;
}

type HeldAssignment = { taskId: string; startsAt: Date; endsAt: Date };

/** Active assignments near a task: its ISO week, with a day's margin for overlaps across midnight. */
function assignmentWindow(task: Task): { from: Date; to: Date } {
  const key = task.startsAt.getTime();
  let window = windowsByStart.get(key);
  if (!window) {
    // Zone arithmetic is slow next to the rest of a fill, and a burst's tasks share a few starts.
    if (windowsByStart.size >= WINDOW_CACHE_MAX) windowsByStart.clear();
    const start = DateTime.fromJSDate(task.startsAt, { zone: OSLO_ZONE });
    window = { from: start.startOf('week').minus({ days: 1 }).toJSDate(), to: start.endOf('week').plus({ days: 2 }).toJSDate() };
    windowsByStart.set(key, window);
  }
  return window;
}

const WINDOW_CACHE_MAX = 10_000;
const windowsByStart = new Map<number, { from: Date; to: Date }>();

/** Active assignments of `ids` near any of the tasks (each task keeps only those near itself). */
async function loadAssignments(db: Queryable, ids: string[], tasks: readonly Task[]): Promise<Map<string, HeldAssignment[]>> {
  const windows = tasks.map(assignmentWindow);
  const from = new Date(Math.min(...windows.map((w) => w.from.getTime())));
  const to = new Date(Math.max(...windows.map((w) => w.to.getTime())));
  const rows = await db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id')
    .select(['a.volunteer_id', 't.id as task_id', 't.starts_at', 't.duration_minutes'])
    .where('a.status', '=', 'active').where(anyOf('a.volunteer_id', ids))
    .where('t.starts_at', '>=', from).where('t.starts_at', '<', to)
    .execute();
  const byVolunteer = new Map<string, HeldAssignment[]>();
  for (const r of rows) {
    const held = { taskId: r.task_id, startsAt: r.starts_at, endsAt: new Date(r.starts_at.getTime() + r.duration_minutes * 60_000) };
    byVolunteer.set(r.volunteer_id, [...(byVolunteer.get(r.volunteer_id) ?? []), held]);
  }
  return byVolunteer;
}

interface OfferFacts {
  live: boolean;
  /** Which of the tasks being judged they have had an offer for. */
  offeredTasks: ReadonlySet<string>;
  recentOffers: number;
  recentAssignments: number;
  answered: number;
  total: number;
}

const NO_TASKS: ReadonlySet<string> = new Set();

async function loadOfferFacts(db: Queryable, ids: string[], taskIds: readonly string[], now: Date): Promise<Map<string, OfferFacts>> {
  const tasks = sql`${taskIds.map(Number)}::bigint[]`;
  const recent = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  const reliability = new Date(now.getTime() - RELIABILITY_DAYS * 86_400_000);
  const live = sql.join([...LIVE_OFFER_STATUSES]);
  const rows = await db.selectFrom('offer as o')
    .select([
      'o.volunteer_id',
      sql<boolean>`bool_or(o.status IN (${live}))`.as('live'),
      sql<string[] | null>`array_agg(DISTINCT o.task_id::text) FILTER (WHERE o.task_id = ANY(${tasks}))`.as('offered_tasks'),
      sql<string>`count(*) FILTER (WHERE o.created_at >= ${recent})`.as('recent_offers'),
      sql<string>`count(*) FILTER (WHERE o.created_at >= ${reliability} AND o.status IN ('accepted', 'declined', 'expired'))`.as('total'),
      sql<string>`count(*) FILTER (WHERE o.created_at >= ${reliability} AND o.status IN ('accepted', 'declined'))`.as('answered'),
    ])
    .where(anyOf('o.volunteer_id', ids))
    .where((eb) => eb.or([eb('o.created_at', '>=', reliability), eb('o.status', 'in', [...LIVE_OFFER_STATUSES]), sql<boolean>`o.task_id = ANY(${tasks})`]))
    .groupBy('o.volunteer_id').execute();
  const assignmentRows = await db.selectFrom('assignment').select(['volunteer_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where(anyOf('volunteer_id', ids)).where('assigned_at', '>=', recent).where('status', '!=', 'cancelled')
    .groupBy('volunteer_id').execute();
  const recentAssignments = new Map(assignmentRows.map((r) => [r.volunteer_id, Number(r.n)]));
  const facts = new Map<string, OfferFacts>();
  for (const r of rows) {
    facts.set(r.volunteer_id, {
      live: r.live, offeredTasks: r.offered_tasks ? new Set(r.offered_tasks) : NO_TASKS, recentOffers: Number(r.recent_offers),
      recentAssignments: recentAssignments.get(r.volunteer_id) ?? 0, answered: Number(r.answered), total: Number(r.total),
    });
  }
  for (const [id, n] of recentAssignments) {
    if (!facts.has(id)) facts.set(id, { live: false, offeredTasks: NO_TASKS, recentOffers: 0, recentAssignments: n, answered: 0, total: 0 });
  }
  return facts;
}

/** Per task: who gave it back (AVBRYT) or was taken off it by a coordinator; either way not the one to ask again. */
async function loadCancelledThisTask(db: Queryable, taskIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const rows = await db.selectFrom('assignment').select(['task_id', 'volunteer_id'])
    .where(anyOf('task_id', [...taskIds])).where('status', '=', 'cancelled').where('cancelled_by', 'in', ['volunteer', 'coordinator']).execute();
  const byTask = new Map<string, Set<string>>();
  for (const r of rows) byTask.set(r.task_id, (byTask.get(r.task_id) ?? new Set()).add(r.volunteer_id));
  return byTask;
}

/** Volunteers who helped the same person (same person reference in the same unit) before. */
export async function loadHelpedBefore(db: Queryable, ids: string[], task: Task): Promise<Set<string>> {
  if (!task.personRef) return new Set();
  let q = db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id').select('a.volunteer_id').distinct()
    .where(anyOf('a.volunteer_id', ids)).where('a.status', 'in', ['active', 'done'])
    .where('t.id', '!=', task.id).where(sql<boolean>`lower(btrim(t.person_ref)) = lower(btrim(${task.personRef}))`);
  q = task.unitId ? q.where('t.unit_id', '=', task.unitId) : q.where('t.unit_id', 'is', null);
  return new Set((await q.execute()).map((r) => r.volunteer_id));
}
