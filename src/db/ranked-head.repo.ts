import { sql, type SelectQueryBuilder } from 'kysely';
import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import { considerVolunteers, REQUIREMENTS, type Requirement } from '../domain/matching';
import { osloDate } from '../domain/oslo-time';
import type { Queryable } from './database';
import { loadCandidates, loadCandidatesOfTasks, toMatchTask, type ReachableCandidate } from './matching.repo';
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

/**
 * The first page of a task's ranking and those the page order cannot place, judged. Only the page's
 * eligible volunteers are known to be the best: `complete` when the page holds everyone the coarse
 * filter lets through.
 */
export interface RankedHead { candidates: ReachableCandidate[]; onPage: ReadonlySet<string>; complete: boolean }

/**
 * The first page of the ranking for several tasks at once (a batch of fills), with those the page
 * order cannot place, judged: one statement for the heads and one set for the facts. Unlike
 * loadRankedCandidates it does not widen: a fill whose page held too few eligible volunteers asks
 * loadRankedCandidates for more. By task id.
 */
export async function loadRankedHeads(db: Queryable, heads: ReadonlyArray<{ task: Task; size: number }>, now: Date): Promise<Map<string, RankedHead>> {
  if (heads.length === 0) return new Map();
  // Row tags: 2i for task i's page, 2i + 1 for its always-judged.
  const parts = heads.map(({ task, size }, i) => {
    const page = db.selectFrom(headPageQuery(db, task, now, undefined, size).clearSelect().select([sql.lit(2 * i).as('tag'), 'v.id']).as(`h${i}`)).selectAll();
    const always = db.selectFrom(alwaysJudgedQuery(db, task, now).as(`a${i}`)).select([sql.lit(2 * i + 1).as('tag'), `a${i}.id`]);
    return page.unionAll(always);
  });
  const rows = await parts.slice(1).reduce((all, part) => all.unionAll(part), parts[0]!).execute();
  // Who helped this person before may be on the page too.
  const ids = heads.map(() => new Set<string>());
  const onPage = heads.map(() => new Set<string>());
  for (const r of rows) {
    const i = Math.floor(r.tag / 2);
    ids[i]!.add(r.id);
    if (r.tag % 2 === 0) onPage[i]!.add(r.id);
  }
  const judged = await loadCandidatesOfTasks(db, heads.map(({ task }, i) => ({ task, ids: [...ids[i]!] })), now);
  return new Map(heads.map(({ task, size }, i) => [task.id, { candidates: judged.get(task.id) ?? [], onPage: onPage[i]!, complete: onPage[i]!.size < size }]));
}

/** Rows judged at the head of every fill: too few to matter, big enough to keep the order exact. */
export const MIN_PAGE = 32;

interface RankCursor { id: string; recent_assignments: number; recent_offers: number; rank_rate: number }

/** The next `size` volunteers in SQL's order after `cursor`, among those whose counters are current. */
async function loadHeadPage(db: Queryable, task: Task, now: Date, cursor: RankCursor | undefined, size: number): Promise<RankCursor[]> {
  return headPageQuery(db, task, now, cursor, size).execute();
}

function headPageQuery(db: Queryable, task: Task, now: Date, cursor: RankCursor | undefined, size: number) {
  let q = coarseFilter(db.selectFrom('volunteer as v'), task)
    .select(['v.id', 'v.recent_assignments', 'v.recent_offers', 'v.rank_rate'])
    .where((eb) => eb.or([eb('v.counters_valid_until', 'is', null), eb('v.counters_valid_until', '>', now)]));
  if (cursor) {
    q = q.where(sql<boolean>`(v.recent_assignments, v.recent_offers, v.rank_rate, v.id) > (${cursor.recent_assignments}, ${cursor.recent_offers}, ${cursor.rank_rate}::double precision, ${cursor.id}::bigint)`);
  }
  return q.orderBy('v.recent_assignments').orderBy('v.recent_offers').orderBy('v.rank_rate').orderBy('v.id').limit(size);
}

/** Those the page order cannot place: who helped this person before, and stale counters. */
async function loadAlwaysJudged(db: Queryable, task: Task, now: Date): Promise<string[]> {
  return (await alwaysJudgedQuery(db, task, now).execute()).map((r) => r.id);
}

function alwaysJudgedQuery(db: Queryable, task: Task, now: Date) {
  const stale = coarseFilter(db.selectFrom('volunteer as v'), task).select('v.id').where('v.counters_valid_until', '<=', now);
  return task.personRef ? stale.union(helpedBefore(db, task)) : stale;
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
