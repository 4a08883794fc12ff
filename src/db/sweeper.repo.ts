import { sql } from 'kysely';
import type { Queryable } from './database';

export const SWEEPER_RUNS = 'runs';

/** Adds one run and the jobs it (re-)enqueued, by job name, to the sweeper's counters. */
export async function recordSweeperRun(db: Queryable, jobsByName: ReadonlyMap<string, number>, now: Date): Promise<void> {
  const rows = [[SWEEPER_RUNS, 1] as const, ...[...jobsByName].filter(([, n]) => n > 0)];
  const values = sql.join(rows.map(([counter, n]) => sql`(${counter}, ${n}::bigint, ${now}::timestamptz)`));
  await sql`
    INSERT INTO sweeper_count (counter, n, updated_at) VALUES ${values}
    ON CONFLICT (counter) DO UPDATE SET n = sweeper_count.n + excluded.n, updated_at = excluded.updated_at`.execute(db);
}

export interface SweeperCount { counter: string; n: number; updatedAt: Date }

export async function readSweeperCounts(db: Queryable): Promise<SweeperCount[]> {
  const rows = await db.selectFrom('sweeper_count').select(['counter', 'n', 'updated_at']).execute();
  return rows.map((r) => ({ counter: r.counter, n: Number(r.n), updatedAt: r.updated_at }));
}
