/**
 * Shared setup for the benchmarks: a fresh migrated database per bench, a unique BullMQ prefix,
 * and the teardown of both. Everything talks to 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import type { Queues } from '../src/queue/queues';
import { ADMIN_URL, databaseUrl, withAdmin } from '../test/support/db';

export { ADMIN_URL };
export const REDIS_URL = 'redis://127.0.0.1:6379';

/** The service's log level during benchmarks; warnings and errors are worth seeing. */
export function serviceLogLevel(): string {
  return process.env.BENCH_LOG_LEVEL ?? 'warn';
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** `svarja_bench_<name>`: dropped if left over from an earlier run, created, migrated. */
export async function createBenchDatabase(benchName: string): Promise<BenchDatabase> {
  if (!/^[a-z0-9_]+$/.test(benchName)) throw new Error(`bad bench name ${benchName}`);
  const name = `svarja_bench_${benchName}`;
  await dropDatabase(name);
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  const db = createDb(url, { maxConnections: 1 });
  try {
    await migrate(db);
  } finally {
    await db.destroy();
  }
  return { name, url, drop: () => dropDatabase(name) };
}

/** A BullMQ prefix no other run (or test) shares. */
export function uniqueQueuePrefix(benchName: string): string {
  return `bench_${benchName}_${randomBytes(4).toString('hex')}`;
}

/** Removes every key of the bench's queues, waiting and delayed jobs included. */
export async function obliterateQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues.byName).map((q) => q.obliterate({ force: true })));
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `intervalMs` until it is true or `timeoutMs` passes; returns whether it became true. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

/**
 * Runs a bench file's main when it is started directly (`node dist/bench/x.bench.js`), then exits
 * (with process.exitCode) so that a forgotten handle can never keep a bench running.
 */
export function runIfMain(mod: NodeJS.Module, main: () => Promise<void>): void {
  if (require.main !== mod) return;
  main().then(
    () => process.exit(),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
