import { DateTime } from 'luxon';
import type { ListScope } from '../domain/access';
import { OSLO } from '../domain/messages';
import { countInboxMessages, listInboxMessages, type InboxMessage } from '../db/inbox.repo';
import { listTasksStarting, listTasksWithHeldSms, listTasksWithoutVolunteer, listUnfilledTasks, type TodayTask } from '../db/report.repo';
import { listOpenFollowUps, type FollowUp } from '../db/follow-up.repo';
import type { ServiceContext } from './context';

/** How far ahead a task without a volunteer counts as urgent. */
const URGENT_WINDOW_MS = 24 * 3600 * 1000;
/** I dag shows a few inbox messages; the rest are one click away. */
const INBOX_PREVIEW = 5;

export interface TodayOverview {
  now: Date;
  /** The dispatch found nobody; from the start of today on. */
  unfilled: TodayTask[];
  /** Starting within 24 hours and nobody has said yes yet. */
  startingSoonWithoutVolunteer: TodayTask[];
  inbox: { count: number; latest: InboxMessage[] };
  /** Today's tasks that have a volunteer. */
  assignedToday: TodayTask[];
  /** Every task tomorrow, with its volunteer or none: a missing one is what a coordinator must see. */
  tomorrow: TodayTask[];
  /** Check-ins of this coordinator's unit that need a person (answered 2, or no answer). */
  followUps: FollowUp[];
  /** Tasks whose SMS wait for quiet hours to end (a coordinator may send them now). */
  heldForQuietHours: (TodayTask & { heldUntil: Date })[];
}

/** Tomorrow's tasks nobody has yet (not yet sent out, still searching, or given up on). */
export function tomorrowWithoutVolunteer(o: Pick<TodayOverview, 'tomorrow'>): TodayTask[] {
  return o.tomorrow.filter((t) => t.status !== 'assigned');
}

/**
 * How many things on I dag need a person. «Alt er i rute» only when this is 0: a task tomorrow
 * without a volunteer counts, even when it starts more than 24 hours from now.
 */
export function countNeedingPerson(o: TodayOverview): number {
  const soonOrTomorrow = new Set([...o.startingSoonWithoutVolunteer, ...tomorrowWithoutVolunteer(o)].map((t) => t.id));
  for (const t of o.unfilled) soonOrTomorrow.delete(t.id);
  return o.unfilled.length + soonOrTomorrow.size + o.inbox.count + o.followUps.length + o.heldForQuietHours.length;
}

/** Midnight today, tomorrow and the day after, in Oslo: "today" is the coordinator's day, not UTC's. */
export function osloDayStarts(now: Date): { today: Date; tomorrow: Date; dayAfter: Date } {
  const today = DateTime.fromJSDate(now, { zone: OSLO }).startOf('day');
  return { today: today.toJSDate(), tomorrow: today.plus({ days: 1 }).toJSDate(), dayAfter: today.plus({ days: 2 }).toJSDate() };
}

/** What needs a person now, and who is out helping today and tomorrow. */
export async function loadTodayOverview(ctx: Pick<ServiceContext, 'db' | 'now'>, viewer: { unitId: string | null; admin: boolean; scope: ListScope }): Promise<TodayOverview> {
  const now = ctx.now();
  const days = osloDayStarts(now);
  const [unfilled, startingSoon, inboxCount, inboxLatest, today, tomorrow, followUps, held] = await Promise.all([
    listUnfilledTasks(ctx.db, days.today),
    listTasksWithoutVolunteer(ctx.db, now, new Date(now.getTime() + URGENT_WINDOW_MS)),
    countInboxMessages(ctx.db, viewer.scope),
    listInboxMessages(ctx.db, viewer.scope, INBOX_PREVIEW),
    listTasksStarting(ctx.db, days.today, days.tomorrow),
    listTasksStarting(ctx.db, days.tomorrow, days.dayAfter),
    listOpenFollowUps(ctx.db, viewer.unitId, viewer.admin),
    listTasksWithHeldSms(ctx.db, now),
  ]);
  return {
    now,
    unfilled,
    startingSoonWithoutVolunteer: startingSoon,
    inbox: { count: inboxCount, latest: inboxLatest },
    assignedToday: today.filter((t) => t.status === 'assigned'),
    tomorrow,
    followUps,
    heldForQuietHours: held,
  };
}
