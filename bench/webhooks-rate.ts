/**
 * The webhook at a fixed rate (1,000 req/s by default, evenly spaced: `firePaced`) instead of flat
 * out: the latency Twilio sees at a busy but not saturating load, beside the bare Express route at
 * the same rate. Then a
 * shorter part with a worker process running (SMS through the simulator), where the time from
 * webhook to handled is measured: `processed_at - created_at` of each message answered 200 in the measured window
 * (created_at is set when its row is written, processed_at when the inbound drain claims it).
 */
import { createDb } from '../src/db/database';
import { createLogger } from '../src/log';
import { createQueues } from '../src/queue/queues';
import { redisConnectionFromUrl } from '../src/queue/redis';
import { percentile, sortedAscending } from './report';
import { createBenchDatabase, obliterateQueues, REDIS_URL, sleep, uniqueQueuePrefix, waitUntil } from './setup';
import type { TargetMode } from './webhook-target';
import { SignedBodySource, SMS_WEBHOOK_PATH } from './signed-bodies';
import { startWorkerProcess, stopProcess } from './worker-process';
import { AUTH_TOKEN, firePaced, startTarget, summarize, targetEnv, type LoadRun, type LoadSummary } from './webhook-load';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = 10;
/** The part with a worker is shorter: what it stores must be handled before the bench goes on. */
const HANDLED_SECONDS = 5;
const LIGHT_RATE = 100;
const LIGHT_SECONDS = 10;
/** How long the worker may take to handle what the measured window stored. */
const HANDLE_TIMEOUT_MS = 120_000;

export interface HandledLatency {
  rate: number;
  /** The webhook's own figures in that part (the worker competes for the CPU). */
  run: LoadSummary & { run: LoadRun };
  /** Messages answered 200 in the measured window. */
  acknowledged: number;
  /** Of those, handled within HANDLE_TIMEOUT_MS after the load stopped. */
  handled: number;
  p50Ms: number;
  p99Ms: number;
}

export interface FixedRateResult {
  rate: number;
  baseline: LoadSummary & { run: LoadRun };
  svarja: LoadSummary & { run: LoadRun };
  handled: HandledLatency;
  handledLight: HandledLatency;
}

async function measureHandled(databaseUrl: string, acknowledged: readonly string[]): Promise<Omit<HandledLatency, 'run' | 'rate'>> {
  const db = createDb(databaseUrl, { maxConnections: 1 });
  try {
    const unhandled = async () => Number((await db.selectFrom('message').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('direction', '=', 'inbound').where('processed_at', 'is', null).executeTakeFirstOrThrow()).n);
    await waitUntil(async () => (await unhandled()) === 0, HANDLE_TIMEOUT_MS, 250);
    const rows = await db.selectFrom('message').select(['twilio_sid', 'created_at', 'processed_at']).where('direction', '=', 'inbound').execute();
    const bySid = new Map(rows.map((r) => [r.twilio_sid ?? '', r]));
    const latencies: number[] = [];
    for (const sid of acknowledged) {
      const row = bySid.get(sid);
      if (row?.processed_at) latencies.push(row.processed_at.getTime() - row.created_at.getTime());
    }
    const sorted = sortedAscending(latencies);
    return { acknowledged: acknowledged.length, handled: latencies.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
  } finally {
    await db.destroy();
  }
}

interface BenchStore { env: Record<string, string>; databaseUrl: string }

/** A fresh database and queue prefix for one part, removed afterwards. */
async function withStore<T>(name: string, fn: (store: BenchStore) => Promise<T>): Promise<T> {
  const database = await createBenchDatabase(name);
  const queuePrefix = uniqueQueuePrefix(name);
  const queues = createQueues(redisConnectionFromUrl(REDIS_URL), queuePrefix, createLogger('silent'));
  try {
    return await fn({ env: targetEnv(database.url, queuePrefix), databaseUrl: database.url });
  } finally {
    await sleep(100);
    await obliterateQueues(queues).catch((err: unknown) => console.error('could not remove the bench queues:', err));
    await queues.close();
    await database.drop();
  }
}

/** One target at `rate` req/s: a warm-up, then `seconds` measured; the measured 200s go to `acks`. */
async function runAtRate(mode: TargetMode, env: Record<string, string>, rate: number, seconds: number, acks: string[]): Promise<LoadRun> {
  const target = await startTarget(mode, env);
  try {
    const bodies = new SignedBodySource(AUTH_TOKEN, `http://127.0.0.1:${target.port}${SMS_WEBHOOK_PATH}`, { unique: mode === 'svarja' });
    bodies.prefill(mode === 'svarja' ? rate * (WARMUP_SECONDS + seconds) + 1_000 : 5_000);
    await firePaced(target.port, bodies, { seconds: WARMUP_SECONDS, connections: CONNECTIONS, rate }, []);
    return await firePaced(target.port, bodies, { seconds, connections: CONNECTIONS, rate }, acks);
  } finally {
    await target.stop();
  }
}

/** svarja at `rate` req/s for `seconds` with a worker process running, then until all is handled. */
async function measureHandledAt(rate: number, seconds: number): Promise<HandledLatency> {
  console.log(`  fixed rate with a worker process: svarja, ${seconds} s at ${rate} req/s, then until all is handled …`);
  return withStore('webhooks_handled', async ({ env, databaseUrl }) => {
    const worker = await startWorkerProcess({ ...env, SMS_TRANSPORT: 'simulator' });
    try {
      const acks: string[] = [];
      const run = await runAtRate('svarja', env, rate, seconds, acks);
      return { rate, ...(await measureHandled(databaseUrl, acks)), run: { ...summarize(run), run } };
    } finally {
      await stopProcess(worker);
    }
  });
}

/**
 * Both targets at `rate` req/s over 50 connections, no workers (the webhook alone, as in the
 * flat-out run); then svarja again at that rate for a shorter while with a worker process handling
 * what it stores, for webhook -> handled.
 */
export async function runFixedRateWebhooks(rate = 1_000): Promise<FixedRateResult> {
  console.log(`  fixed rate: baseline, then svarja, ${DURATION_SECONDS} s at ${rate} req/s over ${CONNECTIONS} connections …`);
  const [baselineRun, svarjaRun] = await withStore('webhooks_rate', async ({ env }) => [
    await runAtRate('baseline', env, rate, DURATION_SECONDS, []),
    await runAtRate('svarja', env, rate, DURATION_SECONDS, []),
  ]);
  const handled = await measureHandledAt(rate, HANDLED_SECONDS);
  // Also at a rate this machine's worker keeps up with: the path's own latency, without a backlog.
  const handledLight = await measureHandledAt(LIGHT_RATE, LIGHT_SECONDS);
  return { rate, baseline: { ...summarize(baselineRun), run: baselineRun }, svarja: { ...summarize(svarjaRun), run: svarjaRun }, handled, handledLight };
}
