import { sql } from 'kysely';
import type { Queryable } from './database';

/** What a volunteer has done, as counts: kept after an erasure, as reports need them. */
export interface VolunteerTotals {
  offers: number;
  accepted: number;
  declined: number;
  /** Offers that ran out without an answer. */
  unanswered: number;
  tasksDone: number;
  tasksUpcoming: number;
  tasksCancelled: number;
  hours: number;
  lastContact: { at: Date; direction: 'inbound' | 'outbound' } | null;
}

/** One month of the same (Oslo months, newest first). */
export interface VolunteerMonth { month: string; offers: number; accepted: number; tasksDone: number; hours: number }

/** One task the volunteer was offered or given, and how it went. */
export interface VolunteerHistoryRow {
  taskId: string;
  type: string;
  summary: string;
  startsAt: Date;
  taskStatus: string;
  offerStatus: string | null;
  offeredAt: Date | null;
  answeredAt: Date | null;
  assignmentStatus: 'active' | 'cancelled' | 'done' | null;
  assignmentSource: 'sms' | 'manual' | null;
  hours: number | null;
}

export async function getVolunteerTotals(db: Queryable, volunteerId: string): Promise<VolunteerTotals> {
  const offers = await db.selectFrom('offer').where('volunteer_id', '=', volunteerId).select([
    sql<string>`count(*)`.as('offers'),
    sql<string>`count(*) FILTER (WHERE status = 'accepted')`.as('accepted'),
    sql<string>`count(*) FILTER (WHERE status = 'declined')`.as('declined'),
    sql<string>`count(*) FILTER (WHERE status = 'expired')`.as('unanswered'),
  ]).executeTakeFirstOrThrow();
  const tasks = await db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id').where('a.volunteer_id', '=', volunteerId).select([
    sql<string>`count(*) FILTER (WHERE a.status = 'done')`.as('done'),
    sql<string>`count(*) FILTER (WHERE a.status = 'active')`.as('upcoming'),
    sql<string>`count(*) FILTER (WHERE a.status = 'cancelled')`.as('cancelled'),
    sql<string>`coalesce(sum(a.hours) FILTER (WHERE a.status = 'done'), 0)`.as('hours'),
  ]).executeTakeFirstOrThrow();
  const last = await db.selectFrom('message').select(['created_at', 'direction'])
    .where('volunteer_id', '=', volunteerId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return {
    offers: Number(offers.offers), accepted: Number(offers.accepted), declined: Number(offers.declined), unanswered: Number(offers.unanswered),
    tasksDone: Number(tasks.done), tasksUpcoming: Number(tasks.upcoming), tasksCancelled: Number(tasks.cancelled), hours: Number(tasks.hours),
    lastContact: last ? { at: last.created_at, direction: last.direction as 'inbound' | 'outbound' } : null,
  };
}

/** The last `months` months with anything in them, newest first. */
export async function listVolunteerMonths(db: Queryable, volunteerId: string, months: number): Promise<VolunteerMonth[]> {
  const { rows } = await sql<{ month: string; offers: string; accepted: string; done: string; hours: string }>`
    WITH o AS (
      SELECT to_char(created_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM') AS month,
             count(*) AS offers, count(*) FILTER (WHERE status = 'accepted') AS accepted
      FROM offer WHERE volunteer_id = ${volunteerId} GROUP BY 1
    ), a AS (
      SELECT to_char(t.starts_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM') AS month,
             count(*) AS done, coalesce(sum(a.hours), 0) AS hours
      FROM assignment a JOIN task t ON t.id = a.task_id
      WHERE a.volunteer_id = ${volunteerId} AND a.status = 'done' GROUP BY 1
    )
    SELECT coalesce(o.month, a.month) AS month, coalesce(o.offers, 0) AS offers, coalesce(o.accepted, 0) AS accepted,
           coalesce(a.done, 0) AS done, coalesce(a.hours, 0) AS hours
    FROM o FULL JOIN a ON a.month = o.month
    ORDER BY 1 DESC LIMIT ${months}`.execute(db);
  return rows.map((r) => ({ month: r.month, offers: Number(r.offers), accepted: Number(r.accepted), tasksDone: Number(r.done), hours: Number(r.hours) }));
}

/** Every task they were offered or given (newest start first), at most `limit`. */
export async function listVolunteerHistory(db: Queryable, volunteerId: string, limit: number): Promise<VolunteerHistoryRow[]> {
  const { rows } = await sql<{
    task_id: string; type: string; summary: string; starts_at: Date; task_status: string;
    offer_status: string | null; offered_at: Date | null; answered_at: Date | null;
    assignment_status: 'active' | 'cancelled' | 'done' | null; source: 'sms' | 'manual' | null; hours: string | null;
  }>`
    WITH mine AS (
      SELECT task_id FROM offer WHERE volunteer_id = ${volunteerId}
      UNION SELECT task_id FROM assignment WHERE volunteer_id = ${volunteerId}
    )
    SELECT t.id AS task_id, t.type, t.summary, t.starts_at, t.status AS task_status,
           o.status AS offer_status, o.created_at AS offered_at, o.answered_at,
           a.status AS assignment_status, a.source, a.hours
    FROM mine JOIN task t ON t.id = mine.task_id
    LEFT JOIN offer o ON o.task_id = t.id AND o.volunteer_id = ${volunteerId}
    LEFT JOIN LATERAL (SELECT status, source, hours FROM assignment
                       WHERE task_id = t.id AND volunteer_id = ${volunteerId} ORDER BY id DESC LIMIT 1) a ON true
    ORDER BY t.starts_at DESC, t.id DESC LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({
    taskId: r.task_id, type: r.type, summary: r.summary, startsAt: r.starts_at, taskStatus: r.task_status,
    offerStatus: r.offer_status, offeredAt: r.offered_at, answeredAt: r.answered_at,
    assignmentStatus: r.assignment_status, assignmentSource: r.source, hours: r.hours === null ? null : Number(r.hours),
  }));
}
