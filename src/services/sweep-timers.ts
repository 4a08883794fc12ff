import { sql } from 'kysely';
import { checkInGiveUpAt, checkInSchedule, reminderSchedule } from '../domain/task-timing';
import type { Queryable } from '../db/database';
import { taskRowToTask } from '../db/task.repo';
import type { JobRequest } from '../queue/jobs';
import type { ServiceContext } from './context';
import { alertTimeOf } from './deadline-alert';
import { dueDraftExpiries } from './expire-request-draft';

const BATCH = 500;
const CHECK_IN_LOOKBACK_MS = 2 * 24 * 3600 * 1000;

/**
 * The lifecycle timers Postgres says are due but may have no job (a lost Redis, a crash between
 * commit and enqueue): reminders, check-ins, check-in give-ups, fill-by alerts and the expiry of
 * request drafts nobody answered. Each job
 * re-checks its row, so a timer that does still have its job is harmless to add again.
 */
export async function dueLifecycleJobs(ctx: Pick<ServiceContext, 'db' | 'settings'>, dueBy: Date): Promise<JobRequest[]> {
  const [reminders, checkIns, giveUps, alerts, drafts] = await Promise.all([
    dueReminders(ctx, dueBy), dueCheckIns(ctx, dueBy), dueGiveUps(ctx.db, dueBy), dueAlerts(ctx.db, dueBy), dueDraftExpiries(ctx.db, dueBy),
  ]);
  return [...reminders, ...checkIns, ...giveUps, ...alerts, ...drafts];
}

async function dueReminders(ctx: Pick<ServiceContext, 'db' | 'settings'>, dueBy: Date): Promise<JobRequest[]> {
  const rows = await ctx.db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id')
    .select(['a.id', 'a.assigned_at', 'a.reminded_day_before_at', 'a.reminded_two_hours_at', 't.starts_at'])
    .where('a.status', '=', 'active').where('t.starts_at', '>', dueBy)
    .where((eb) => eb.or([eb('a.reminded_day_before_at', 'is', null), eb('a.reminded_two_hours_at', 'is', null)]))
    .where('t.starts_at', '<', new Date(dueBy.getTime() + 2 * 24 * 3600 * 1000))
    .orderBy('t.starts_at').limit(BATCH).execute();
  const jobs: JobRequest[] = [];
  for (const r of rows) {
    for (const reminder of reminderSchedule({ startsAt: r.starts_at, assignedAt: r.assigned_at }, ctx.settings.quietHours)) {
      const sent = reminder.kind === 'day_before' ? r.reminded_day_before_at : r.reminded_two_hours_at;
      if (!sent && reminder.at <= dueBy) jobs.push({ name: 'send-reminder', data: { assignmentId: r.id, kind: reminder.kind } });
    }
  }
  return jobs;
}

async function dueCheckIns(ctx: Pick<ServiceContext, 'db' | 'settings'>, dueBy: Date): Promise<JobRequest[]> {
  const rows = await ctx.db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id')
    .select(['a.id', 't.starts_at', 't.duration_minutes'])
    .where('a.status', '=', 'active').where('a.check_in', 'is', null)
    .where(sql<boolean>`t.starts_at + make_interval(mins => t.duration_minutes) < ${dueBy}`)
    // Only recent tasks: an old assignment nobody checked in on is the coordinator's, not an SMS's.
    .where('t.starts_at', '>', new Date(dueBy.getTime() - CHECK_IN_LOOKBACK_MS))
    .orderBy('t.starts_at').limit(BATCH).execute();
  return rows
    .filter((r) => checkInSchedule({ startsAt: r.starts_at, durationMinutes: r.duration_minutes }, ctx.settings.quietHours).askAt <= dueBy)
    .map((r) => ({ name: 'ask-check-in' as const, data: { assignmentId: r.id } }));
}

async function dueGiveUps(db: Queryable, dueBy: Date): Promise<JobRequest[]> {
  // Two Oslo days are 47 to 49 hours: SQL narrows it down, checkInGiveUpAt decides.
  const rows = await db.selectFrom('assignment').select(['id', 'check_in_asked_at'])
    .where('check_in', '=', 'asked').where('check_in_asked_at', '<', new Date(dueBy.getTime() - 47 * 3600_000))
    .limit(BATCH).execute();
  return rows
    .filter((r) => r.check_in_asked_at && checkInGiveUpAt(r.check_in_asked_at) <= dueBy)
    .map((r) => ({ name: 'close-check-in' as const, data: { assignmentId: r.id } }));
}

async function dueAlerts(db: Queryable, dueBy: Date): Promise<JobRequest[]> {
  const rows = await db.selectFrom('task').selectAll()
    .where('status', '=', 'searching').where('deadline_alerted_at', 'is', null).where('dispatched_at', 'is not', null)
    .limit(BATCH).execute();
  return rows.map(taskRowToTask)
    .filter((t) => (alertTimeOf(t)?.getTime() ?? Infinity) <= dueBy.getTime())
    .map((t) => ({ name: 'deadline-alert' as const, data: { taskId: t.id } }));
}
