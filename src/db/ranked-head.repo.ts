import { sql, type RawBuilder } from 'kysely';
import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import { considerVolunteers, REQUIREMENTS, type Requirement } from '../domain/matching';
import { osloDate } from '../domain/oslo-time';
import type { Queryable } from './database';
import { loadCandidates, loadCandidatesOfTasks, toMatchTask, type ReachableCandidate } from './matching.repo';
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
  // Row tags: 2i for task i's page, 2i + 1 for its always-judged; one union, each task's values bound.
  const parts = heads.map(({ task, size }, i) => sql`SELECT ${sql.lit(2 * i)} AS tag, h.id FROM (${headPageSql(task, now, undefined, size)}) AS h
    UNION ALL SELECT ${sql.lit(2 * i + 1)} AS tag, a.id FROM (${alwaysJudgedSql(task, now)}) AS a`);
  const { rows } = await sql<{ tag: number; id: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
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
  return (await sql<RankCursor>`${headPageSql(task, now, cursor, size)}`.execute(db)).rows;
}

/*
 * The statements below are written as SQL, not with the query builder: a batch's heads statement
 * holds two of them per task, and building builder chains is CPU on the one fill lane (kysely took
 * about 7 ms per batch of 10 in a process that only fills; these 20 chains held most of the nodes of
 * what it built). The text is the same for every batch of the same shape, and the tasks' values stay
 * bound parameters, so Postgres plans each task's subquery with its own values.
 */

function headPageSql(task: Task, now: Date, cursor: RankCursor | undefined, size: number) {
  const after = cursor
    ? sql`AND (v.recent_assignments, v.recent_offers, v.rank_rate, v.id) > (${cursor.recent_assignments}, ${cursor.recent_offers}, ${cursor.rank_rate}::double precision, ${cursor.id}::bigint)`
    : sql``;
  return sql`SELECT v.id, v.recent_assignments, v.recent_offers, v.rank_rate FROM volunteer AS v
    WHERE ${coarseFilter(task)} AND (v.counters_valid_until IS NULL OR v.counters_valid_until > ${now}) ${after}
    ORDER BY v.recent_assignments, v.recent_offers, v.rank_rate, v.id LIMIT ${size}`;
}

/** Those the page order cannot place: who helped this person before, and stale counters. */
async function loadAlwaysJudged(db: Queryable, task: Task, now: Date): Promise<string[]> {
  return (await sql<{ id: string }>`${alwaysJudgedSql(task, now)}`.execute(db)).rows.map((r) => r.id);
}

function alwaysJudgedSql(task: Task, now: Date) {
  const stale = sql`SELECT v.id FROM volunteer AS v WHERE ${coarseFilter(task)} AND v.counters_valid_until <= ${now}`;
  if (!task.personRef) return stale;
  const unit = task.unitId ? sql`t.unit_id = ${task.unitId}` : sql`t.unit_id IS NULL`;
  return sql`${stale} UNION SELECT v.id FROM volunteer AS v WHERE ${coarseFilter(task)}
    AND EXISTS (SELECT 1 FROM assignment AS a INNER JOIN task AS t ON t.id = a.task_id
      WHERE a.volunteer_id = v.id AND a.status IN ('active', 'done') AND t.id <> ${task.id}
        AND lower(btrim(t.person_ref)) = lower(btrim(${task.personRef})) AND ${unit})`;
}

const PAPER_COLUMN: Record<Requirement, RawBuilder<unknown>> = {
  confidentiality: sql.ref('v.confidentiality_signed_on'),
  police_certificate: sql.ref('v.police_certificate_on'),
  training: sql.ref('v.training_on'),
};

/**
 * A superset of the eligible: each condition here is one of matching.ts's rules, or implied by one
 * (a paper must at least have been obtained; its date and expiry are judged there). Deactivated (and
 * erased, always deactivated too) volunteers are never offered anything.
 */
function coarseFilter(task: Task) {
  // live_offers is kept on the row by the offer trigger (sql/0019): as an anti-join against offer,
  // the plan followed offer statistics that lag far behind in a dispatch burst.
  const papers = REQUIREMENTS.filter((r) => task.requirements.includes(r)).map((r) => sql` AND ${PAPER_COLUMN[r]} IS NOT NULL`);
  return sql`v.opted_out_at IS NULL AND v.deactivated_at IS NULL
    AND ${task.type} = ANY(v.task_types)
    AND (v.paused_until IS NULL OR v.paused_until < ${osloDate(task.startsAt)})
    AND (cardinality(v.areas) = 0 OR svarja_area_key(${task.area}) = ANY(svarja_area_keys(v.areas)))
    AND v.live_offers = 0
    AND NOT EXISTS (SELECT 1 FROM offer AS o WHERE o.volunteer_id = v.id AND o.task_id = ${task.id})${sql.join(papers, sql``)}`;
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
