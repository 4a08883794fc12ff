import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import { REQUIREMENT_VALIDITY_YEARS } from '../domain/matching';
import { normalizePhone } from '../domain/phone';
import type { Queryable } from './database';
import type { Database } from './schema';
import { escapeLike, extractPhoneDigits, volunteerRowToVolunteer, type Volunteer } from './volunteer.repo';

export type VolunteerStatusFilter = '' | 'active' | 'paused' | 'opted_out' | 'deactivated';
export type VolunteerSort = 'name' | 'last_contact' | 'tasks_done';

/** What the list page asks for, from its query string (all optional). */
export interface VolunteerListQuery {
  q: string;
  area: string;
  taskType: string;
  /** '' = everyone still in the pool (not deactivated). */
  status: VolunteerStatusFilter;
  /** Police certificate or training running out within `expiringDays` from `today`. */
  papersExpiring: boolean;
  sort: VolunteerSort;
  page: number;
  pageSize: number;
  /** Oslo date 'YYYY-MM-DD'. */
  today: string;
}

export interface VolunteerListRow extends Volunteer { lastContactAt: Date | null; tasksDone: number }
export interface VolunteerListPage { rows: VolunteerListRow[]; total: number }

/** Papers «running out soon»: the centre renews them in the month before. */
export const EXPIRING_DAYS = 30;

type Eb = ExpressionBuilder<Database & { v: Database['volunteer'] }, 'v'>;

/**
 * One page of the volunteer list, filtered, searched and sorted in SQL (a pool of 5,000 answers in
 * milliseconds: the last contact is one probe of message (volunteer_id, created_at) per row).
 */
export async function listVolunteerPage(db: Queryable, query: VolunteerListQuery): Promise<VolunteerListPage> {
  const where = (eb: Eb) => eb.and(conditions(eb, query));
  const counted = await db.selectFrom('volunteer as v').select((eb) => eb.fn.countAll<string>().as('n')).where(where).executeTakeFirstOrThrow();
  const lastContact = sql<Date | null>`(SELECT m.created_at FROM message m WHERE m.volunteer_id = v.id ORDER BY m.created_at DESC LIMIT 1)`;
  const tasksDone = sql<string>`(SELECT count(*) FROM assignment a WHERE a.volunteer_id = v.id AND a.status = 'done')`;
  let q = db.selectFrom('volunteer as v').selectAll('v').select([lastContact.as('last_contact_at'), tasksDone.as('tasks_done')]).where(where);
  if (query.sort === 'last_contact') q = q.orderBy(sql`last_contact_at DESC NULLS LAST`);
  if (query.sort === 'tasks_done') q = q.orderBy(sql`tasks_done DESC`);
  const rows = await q.orderBy(sql`lower(v.name)`).orderBy('v.id')
    .limit(query.pageSize).offset((Math.max(1, query.page) - 1) * query.pageSize).execute();
  return {
    total: Number(counted.n),
    rows: rows.map((r) => ({ ...volunteerRowToVolunteer(r), lastContactAt: r.last_contact_at, tasksDone: Number(r.tasks_done) })),
  };
}

function conditions(eb: Eb, query: VolunteerListQuery): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [statusCondition(eb, query)];
  const text = query.q.trim();
  if (text) {
    const phone = normalizePhone(text);
    const digits = extractPhoneDigits(text);
    out.push(eb.or([
      eb(sql`lower(v.name)`, 'like', `%${escapeLike(text.toLowerCase())}%`),
      ...(phone.ok ? [eb('v.phone', '=', phone.e164)] : []),
      ...(digits ? [eb('v.phone', 'like', `%${digits}%`)] : []),
    ]));
  }
  if (query.area) out.push(sql<SqlBool>`lower(${query.area}) = ANY(SELECT lower(a) FROM unnest(v.areas) a)`);
  if (query.taskType) out.push(sql<SqlBool>`${query.taskType} = ANY(v.task_types)`);
  if (query.papersExpiring) {
    // Valid through the day before the anniversary (domain/matching.ts): expiring = anniversary within the window.
    const from = sql`${query.today}::date`;
    const to = sql`${query.today}::date + ${EXPIRING_DAYS}::int`;
    const expires = (column: string, years: number) => sql`(${sql.ref(column)} + make_interval(years => ${years}::int))::date`;
    const within = (column: string, years: number | null) => years === null ? sql<SqlBool>`false`
      : sql<SqlBool>`(${expires(column, years)} > ${from} AND ${expires(column, years)} <= ${to})`;
    out.push(sql<SqlBool>`(${within('v.police_certificate_on', REQUIREMENT_VALIDITY_YEARS.police_certificate)} OR ${within('v.training_on', REQUIREMENT_VALIDITY_YEARS.training)})`);
  }
  return out;
}

function statusCondition(eb: Eb, query: VolunteerListQuery): Expression<SqlBool> {
  const inPool = eb('v.deactivated_at', 'is', null);
  switch (query.status) {
    case '': return inPool;
    case 'deactivated': return eb('v.deactivated_at', 'is not', null);
    case 'opted_out': return eb.and([inPool, eb('v.opted_out_at', 'is not', null)]);
    case 'paused': return eb.and([inPool, eb('v.paused_until', '>=', query.today)]);
    case 'active': return eb.and([inPool, eb('v.opted_out_at', 'is', null), eb.or([eb('v.paused_until', 'is', null), eb('v.paused_until', '<', query.today)])]);
  }
}

/** Every area some volunteer covers, for the filter's choices. */
export async function listVolunteerAreas(db: Queryable): Promise<string[]> {
  const { rows } = await sql<{ area: string }>`SELECT DISTINCT btrim(a) AS area FROM volunteer, unnest(areas) a WHERE btrim(a) <> '' ORDER BY 1`.execute(db);
  return rows.map((r) => r.area);
}
