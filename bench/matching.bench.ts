/**
 * Matching at a national pool's size: how long one fill takes to find the best volunteers for a
 * task (the SQL head of the ranking, judged by src/domain/matching.ts) among BENCH_MATCHING_VOLUNTEERS
 * volunteers (default 100,000) with half a year of offer history.
 *
 *   npm run --silent build && node dist/bench/matching.bench.js
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createDb, type Db } from '../src/db/database';
import { toMatchTask } from '../src/db/matching.repo';
import { loadRankedCandidates } from '../src/db/ranked-head.repo';
import { insertTask, type Task } from '../src/db/task.repo';
import { considerVolunteers, pickNextWave } from '../src/domain/matching';
import { fmtMs, fmtNumber, formatTable, percentile, printSection, sortedAscending } from './report';
import { createBenchDatabase, runIfMain } from './setup';

const VOLUNTEERS = Number(process.env.BENCH_MATCHING_VOLUNTEERS ?? 100_000);
const HISTORY_TASKS = 12;
const FILLS = 300;
const WAVE = 3;
const AREAS = 40;
const TYPES = ['shopping', 'escort', 'visit', 'walk', 'practical'] as const;

export interface MatchingResult { volunteers: number; fills: number; p50Ms: number; p95Ms: number; p99Ms: number; emptyFills: number }

/**
 * Volunteers with mixed task types, a quarter bound to one of AREAS areas, some paused or opted
 * out; each asked up to HISTORY_TASKS times over 200 days. Seeded set-based with the counter
 * triggers off, then the counters computed once by the function the sweeper ages them with.
 */
async function seed(db: Db): Promise<void> {
  await sql`
    INSERT INTO volunteer (name, phone, task_types, areas, paused_until, opted_out_at, confidentiality_signed_on)
    SELECT 'Frivillig ' || i, '+474' || lpad(i::text, 7, '0'),
      ARRAY(SELECT t FROM unnest(${[...TYPES]}::text[]) AS t WHERE random() < 0.6 + 0 * i), -- per row, not once
      CASE WHEN random() < 0.25 THEN ARRAY['Område ' || (i % ${AREAS})] ELSE '{}' END,
      CASE WHEN random() < 0.05 THEN current_date + 30 END,
      CASE WHEN random() < 0.03 THEN now() END,
      CASE WHEN random() < 0.7 THEN date '2020-01-01' END
    FROM generate_series(1, ${VOLUNTEERS}) AS i`.execute(db);
  const history: string[] = [];
  for (let i = 0; i < HISTORY_TASKS; i++) history.push((await insertTask(db, taskFacts(i, -(i + 1) * 15))).id);
  await sql`ALTER TABLE offer DISABLE TRIGGER offer_counters`.execute(db);
  await sql`
    INSERT INTO offer (task_id, volunteer_id, wave, status, created_at)
    SELECT t.id, v.id, 1, (ARRAY['declined', 'expired', 'expired', 'withdrawn'])[1 + floor(random() * 4)::int]::text,
      now() - (random() * 200) * interval '1 day'
    FROM volunteer v CROSS JOIN unnest(${history.map(Number)}::bigint[]) AS t(id)
    WHERE random() < 0.25`.execute(db);
  await sql`ALTER TABLE offer ENABLE TRIGGER offer_counters`.execute(db);
  await sql`SELECT svarja_refresh_volunteer_counters(ARRAY(SELECT id FROM volunteer), now())`.execute(db);
  await sql`ANALYZE`.execute(db);
}

function taskFacts(i: number, days: number) {
  return {
    type: TYPES[i % TYPES.length]!, startsAt: new Date(Date.now() + days * 86_400_000), durationMinutes: 60,
    area: `Område ${i % AREAS}`, summary: 'Handle dagligvarer.', details: '-', waveSize: WAVE,
    requirements: i % 4 === 0 ? ['confidentiality' as const] : [],
  };
}

async function timeFill(db: Db, task: Task): Promise<{ ms: number; picked: number }> {
  const start = performance.now();
  const picked = await db.transaction().execute(async (trx) => {
    const head = await loadRankedCandidates(trx, task, new Date(), WAVE);
    const judged = considerVolunteers(toMatchTask(task), head);
    if (process.env.DBG && judged.filter((c) => c.eligible).length < WAVE) console.log(task.type, task.area, head.length, JSON.stringify(judged.slice(0, 3)));
    return pickNextWave(judged, WAVE);
  });
  return { ms: performance.now() - start, picked: picked.length };
}

export async function runMatchingBench(): Promise<MatchingResult> {
  printSection(`Matching: one fill's ranking among ${fmtNumber(VOLUNTEERS)} volunteers`);
  const database = await createBenchDatabase('matching');
  const db = createDb(database.url, { maxConnections: 2 });
  try {
    const seeded = performance.now();
    await seed(db);
    console.log(`seeded in ${fmtMs(performance.now() - seeded)}`);
    const tasks: Task[] = [];
    for (let i = 0; i < FILLS; i++) tasks.push(await insertTask(db, taskFacts(i, 3 + (i % 10))));
    for (const task of tasks.slice(0, 20)) await timeFill(db, task); // warm the caches and plans
    const times: number[] = [];
    let emptyFills = 0;
    for (const task of tasks) {
      const { ms, picked } = await timeFill(db, task);
      times.push(ms);
      if (picked < WAVE) emptyFills++;
    }
    const sorted = sortedAscending(times);
    const result = { volunteers: VOLUNTEERS, fills: FILLS, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), p99Ms: percentile(sorted, 99), emptyFills };
    console.log(formatTable(['figure', 'value'], [
      ['fills timed', fmtNumber(FILLS)], ['fills short of a wave of 3', fmtNumber(emptyFills)],
      ['ranking p50 | p95 | p99', `${fmtMs(result.p50Ms)} | ${fmtMs(result.p95Ms)} | ${fmtMs(result.p99Ms)}`],
    ], ['l', 'r']));
    return result;
  } finally {
    await db.destroy();
    if (!process.env.BENCH_KEEP_DATABASE) await database.drop(); // kept to EXPLAIN the queries
  }
}

runIfMain(module, async () => {
  await runMatchingBench();
});
