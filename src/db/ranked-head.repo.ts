import { sql, type SelectQueryBuilder } from 'kysely';
import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import { considerVolunteers, REQUIREMENTS, type Requirement } from '../domain/matching';
import { osloDate } from '../domain/oslo-time';
import type { Queryable } from './database';
import { loadCandidates, toMatchTask, type ReachableCandidate } from './matching.repo';
import type { Database } from './schema';
import type { Task } from './task.repo';

/**
 * The head of the ranking for a fill. SQL filters out who can never be eligible (opted out, wrong
 * task type, paused through the day, a required paper never obtained, another area, waiting on an
 * offer, asked for this task already) and orders the rest by the counters on the volunteer row
 * (sql/0014), which is src/domain/ranking.ts's order for everyone who did not help this person
 * before. src/domain/matching.ts then judges only that head, with facts read from the offer and
 * assignment tables, and the head widens until it holds `need` eligible volunteers.
 *
 * Why the best `need` are always among those returned: besides the pages, every volunteer who
 * helped this person before (ranked first by the domain) and every volunteer whose counters have
 * gone stale (an event left its window and the sweeper has not recomputed them yet) is judged. Any
 * other eligible volunteer left out comes after every eligible one in the pages, both in SQL's
 * order and in the domain's, so it cannot be among the best `need`.
 */
export async function loadRankedCandidates(db: Queryable, task: Task, now: Date, need: number): Promise<ReachableCandidate[]> {
  const judged = new Map<string, ReachableCandidate>();
  const judge = async (ids: string[]) => {
    const fresh = ids.filter((id) => !judged.has(id));
    for (const c of await loadCandidates(db, task, now, { ids: fresh })) judged.set(c.id, c);
  };
  await judge(await loadAlwaysJudged(db, task, now));
  let cursor: RankCursor | undefined;
  let eligibleInPages = 0;
  for (let size = Math.max(MIN_PAGE, need * 2); ; size *= 2) {
    const page = await loadHeadPage(db, task, now, cursor, size);
    await judge(page.map((r) => r.id));
    const inPage = new Set(page.map((r) => r.id));
    eligibleInPages += considerVolunteers(toMatchTask(task), [...judged.values()].filter((c) => inPage.has(c.id))).filter((c) => c.eligible).length;
    if (eligibleInPages >= need || page.length < size) break;
    cursor = page[page.length - 1];
  }
  return [...judged.values()];
}

/** Rows judged at the head of every fill: too few to matter, big enough to keep the order exact. */
const MIN_PAGE = 32;

interface RankCursor { id: string; recent_assignments: number; recent_offers: number; rank_rate: number }

/** The next `size` volunteers in SQL's order after `cursor`, among those whose counters are current. */
async function loadHeadPage(db: Queryable, task: Task, now: Date, cursor: RankCursor | undefined, size: number): Promise<RankCursor[]> {
  let q = coarseFilter(db.selectFrom('volunteer as v'), task)
    .select(['v.id', 'v.recent_assignments', 'v.recent_offers', 'v.rank_rate'])
    .where((eb) => eb.or([eb('v.counters_valid_until', 'is', null), eb('v.counters_valid_until', '>', now)]));
  if (cursor) {
    q = q.where(sql<boolean>`(v.recent_assignments, v.recent_offers, v.rank_rate, v.id) > (${cursor.recent_assignments}, ${cursor.recent_offers}, ${cursor.rank_rate}::double precision, ${cursor.id}::bigint)`);
  }
  return q.orderBy('v.recent_assignments').orderBy('v.recent_offers').orderBy('v.rank_rate').orderBy('v.id').limit(size).execute();
}

/** Those the page order cannot place: who helped this person before, and stale counters. */
async function loadAlwaysJudged(db: Queryable, task: Task, now: Date): Promise<string[]> {
  const stale = coarseFilter(db.selectFrom('volunteer as v'), task).select('v.id').where('v.counters_valid_until', '<=', now);
  const rows = await (task.personRef ? stale.union(helpedBefore(db, task)) : stale).execute();
  return rows.map((r) => r.id);
}

function helpedBefore(db: Queryable, task: Task) {
  return coarseFilter(db.selectFrom('volunteer as v'), task).select('v.id')
    .where(({ exists, selectFrom }) => exists(selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id').select(sql.lit(1).as('one'))
      .whereRef('a.volunteer_id', '=', 'v.id').where('a.status', 'in', ['active', 'done']).where('t.id', '!=', task.id)
      .where(sql<boolean>`lower(btrim(t.person_ref)) = lower(btrim(${task.personRef}))`)
      .where((eb) => (task.unitId ? eb('t.unit_id', '=', task.unitId) : eb('t.unit_id', 'is', null)))));
}

const PAPER_COLUMN: Record<Requirement, 'v.confidentiality_signed_on' | 'v.police_certificate_on' | 'v.training_on'> = {
  confidentiality: 'v.confidentiality_signed_on',
  police_certificate: 'v.police_certificate_on',
  training: 'v.training_on',
};

/**
 * A superset of the eligible: each condition here is one of matching.ts's rules, or implied by one
 * (a paper must at least have been obtained; its date and expiry are judged there).
 */
function coarseFilter<O>(q: SelectQueryBuilder<Database & { v: Database['volunteer'] }, 'v', O>, task: Task) {
  // Deactivated (and erased, always deactivated too) volunteers are never offered anything.
  let out = q.where('v.opted_out_at', 'is', null).where('v.deactivated_at', 'is', null)
    .where(sql<boolean>`${task.type} = ANY(v.task_types)`)
    .where((eb) => eb.or([eb('v.paused_until', 'is', null), eb('v.paused_until', '<', osloDate(task.startsAt))]))
    .where(sql<boolean>`(cardinality(v.areas) = 0 OR ${sql`svarja_area_key(${task.area})`} = ANY(svarja_area_keys(v.areas)))`)
    // Kept on the row by the offer trigger (sql/0019): as an anti-join against offer, the plan
    // followed offer statistics that lag far behind in a dispatch burst.
    .where('v.live_offers', '=', 0)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('offer as o').select(sql.lit(1).as('one'))
      .whereRef('o.volunteer_id', '=', 'v.id').where('o.task_id', '=', task.id))));
  for (const r of REQUIREMENTS) if (task.requirements.includes(r)) out = out.where(PAPER_COLUMN[r], 'is not', null);
  return out;
}

/** Volunteers who would pass the coarse filter but for a live offer: who a waiting task waits for. */
export async function loadBusyCandidates(db: Queryable, task: Task, now: Date): Promise<ReachableCandidate[]> {
  const rows = await db.selectFrom('volunteer as v').select('v.id')
    .where('v.opted_out_at', 'is', null).where('v.deactivated_at', 'is', null).where(sql<boolean>`${task.type} = ANY(v.task_types)`)
    .where(({ exists, selectFrom }) => exists(selectFrom('offer as o').select(sql.lit(1).as('one'))
      .whereRef('o.volunteer_id', '=', 'v.id').where('o.status', 'in', [...LIVE_OFFER_STATUSES]).where('o.task_id', '!=', task.id)))
    .execute();
  return loadCandidates(db, task, now, { ids: rows.map((r) => r.id) });
}
