/**
 * Inbound SMS webhook throughput: the real app (signature check, parse, INSERT … ON CONFLICT on
 * MessageSid, a signal to the inbound drains) against real Postgres and Redis, no workers running,
 * compared in the same run with a bare Express app that answers the same TwiML without I/O.
 * Then both at a fixed 1,000 req/s, with a worker process handling what is stored
 * (webhooks-rate.ts): the latency at a busy but not saturating load, and webhook -> handled.
 *
 *   npm run --silent build && node dist/bench/webhooks.bench.js
 */
import { createDb } from '../src/db/database';
import { createLogger } from '../src/log';
import { createQueues, type Queues } from '../src/queue/queues';
import { redisConnectionFromUrl } from '../src/queue/redis';
import { checkMark, fmtMs, fmtNumber, formatTable, printMachineInfo, printSection, type Cell } from './report';
import { createBenchDatabase, obliterateQueues, REDIS_URL, runIfMain, uniqueQueuePrefix } from './setup';
import { SignedBodySource, SMS_WEBHOOK_PATH } from './signed-bodies';
import { AUTH_TOKEN, fire, startTarget, summarize, targetEnv, type LoadRun } from './webhook-load';
import type { TargetMode } from './webhook-target';
import { runFixedRateWebhooks, type FixedRateResult } from './webhooks-rate';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = 10;
/** Bodies signed before the run: more than the real app answers in warm-up + run on this kind of machine. */
const PREFILL = { svarja: 40_000, baseline: 20_000 } as const;

interface TargetRun {
  mode: TargetMode;
  warmup: LoadRun;
  measured: LoadRun;
  /** MessageSids answered 200, warm-up included. */
  acknowledged: string[];
  signedOnDemand: number;
}

export interface WebhooksResult {
  baseline: { reqPerSec: number; p50Ms: number; p99Ms: number };
  svarja: { reqPerSec: number; p50Ms: number; p99Ms: number };
  ratio: number;
  stored: number;
  acknowledged: number;
  /** Stored rows left for the inbound drain (all of them: no worker runs in this part). */
  waiting: number;
  /** At a fixed rate (undefined when that part failed). */
  fixedRate?: FixedRateResult;
}

async function measureTarget(mode: TargetMode, env: Record<string, string>): Promise<TargetRun> {
  const target = await startTarget(mode, env);
  try {
    const bodies = new SignedBodySource(AUTH_TOKEN, `http://127.0.0.1:${target.port}${SMS_WEBHOOK_PATH}`, { unique: mode === 'svarja' });
    bodies.prefill(PREFILL[mode]);
    const acknowledged: string[] = [];
    console.log(`  ${mode}: warm-up ${WARMUP_SECONDS} s, then ${DURATION_SECONDS} s at ${CONNECTIONS} connections …`);
    const warmup = await fire(target.port, bodies, { seconds: WARMUP_SECONDS, connections: CONNECTIONS }, acknowledged);
    const measured = await fire(target.port, bodies, { seconds: DURATION_SECONDS, connections: CONNECTIONS }, acknowledged);
    return { mode, warmup, measured, acknowledged, signedOnDemand: bodies.signedOnDemand };
  } finally {
    await target.stop();
  }
}

// ---- verification --------------------------------------------------------------------------

interface Verification {
  acknowledged: number;
  acknowledgedDistinct: number;
  /** Rows whose MessageSid got a 200. */
  acknowledgedStored: number;
  rows: number;
  /** Rows not handled: all of them, as no worker ran; the inbound drain takes them from Postgres. */
  waiting: number;
  /** handle-inbound-sms jobs in Redis: the webhook enqueues none (the sweeper alone does, for stale rows). */
  jobs: number;
}

async function loadInboundRows(databaseUrl: string): Promise<{ bySid: Map<string, string>; waiting: number }> {
  const db = createDb(databaseUrl, { maxConnections: 1 });
  try {
    const rows = await db.selectFrom('message').select(['id', 'twilio_sid', 'processed_at']).where('direction', '=', 'inbound').execute();
    return { bySid: new Map(rows.map((r) => [r.twilio_sid ?? '', r.id])), waiting: rows.filter((r) => r.processed_at === null).length };
  } finally {
    await db.destroy();
  }
}

async function countInboundJobs(queues: Queues): Promise<number> {
  const jobs = await queues.byName.dispatch.getJobs(['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'], 0, -1);
  return jobs.filter((j) => j.name === 'handle-inbound-sms').length;
}

async function verify(databaseUrl: string, queues: Queues, acknowledged: readonly string[]): Promise<Verification> {
  const { bySid, waiting } = await loadInboundRows(databaseUrl);
  return {
    acknowledged: acknowledged.length,
    acknowledgedDistinct: new Set(acknowledged).size,
    acknowledgedStored: acknowledged.filter((sid) => bySid.has(sid)).length,
    rows: bySid.size,
    waiting,
    jobs: await countInboundJobs(queues),
  };
}

// ---- printing ------------------------------------------------------------------------------

function loadRow(label: string, run: LoadRun): Cell[] {
  const s = summarize(run);
  return [label, fmtNumber(s.reqPerSec), fmtMs(s.p50Ms), fmtMs(s.p99Ms), fmtNumber(run.ok), fmtNumber(run.non2xx), fmtNumber(run.errors), fmtNumber(run.timeouts)];
}

function printLoad(baseline: TargetRun, svarja: TargetRun): void {
  const b = summarize(baseline.measured);
  const s = summarize(svarja.measured);
  console.log(`\nPOST ${SMS_WEBHOOK_PATH}: ${CONNECTIONS} connections, ${DURATION_SECONDS} s measured after ${WARMUP_SECONDS} s warm-up,`);
  console.log('autocannon in this process, each server in a child process; latency = request written -> response read');
  console.log(formatTable(
    ['target', 'req/s (mean)', 'p50', 'p99', '2xx', 'non-2xx', 'errors', 'timeouts'],
    [loadRow('baseline (bare Express)', baseline.measured), loadRow('svarja (real app)', svarja.measured)],
  ));
  console.log(`\nsvarja/baseline: throughput x${fmtNumber(s.reqPerSec / b.reqPerSec, 3)}, p50 x${fmtNumber(s.p50Ms / b.p50Ms, 1)}, p99 x${fmtNumber(s.p99Ms / b.p99Ms, 1)}`);
}

function printVerification(v: Verification, signedOnDemand: number): void {
  const cutOff = v.rows - v.acknowledgedStored;
  console.log(`\nstored ${fmtNumber(v.acknowledgedStored)} of ${fmtNumber(v.acknowledged)} (200 responses, warm-up included)`);
  console.log(formatTable(['svarja check (warm-up + measured)', 'value', 'result'], [
    ['200 responses, distinct MessageSids', `${fmtNumber(v.acknowledgedDistinct)} of ${fmtNumber(v.acknowledged)}`, checkMark(v.acknowledgedDistinct === v.acknowledged)],
    ['rows stored for those MessageSids', `${fmtNumber(v.acknowledgedStored)} of ${fmtNumber(v.acknowledged)}`, checkMark(v.acknowledgedStored === v.acknowledged)],
    ['inbound rows in total', fmtNumber(v.rows), ''],
    ['  from requests cut off when the load stopped', fmtNumber(cutOff), checkMark(cutOff >= 0 && cutOff <= 2 * CONNECTIONS)],
    ['rows waiting for the inbound drain (no worker ran)', fmtNumber(v.waiting), checkMark(v.waiting === v.rows)],
    ['handle-inbound-sms jobs (the webhook enqueues none)', fmtNumber(v.jobs), checkMark(v.jobs === 0)],
    ['bodies signed during the run (pool ran dry)', fmtNumber(signedOnDemand), ''],
  ]));
}

function printFixedRate(r: FixedRateResult): void {
  const row = (label: string, x: FixedRateResult['baseline']): Cell[] => [label, fmtNumber(x.reqPerSec), fmtMs(x.p50Ms), fmtMs(x.p99Ms), fmtNumber(x.run.ok), fmtNumber(x.run.non2xx + x.run.errors + x.run.timeouts)];
  console.log(`\nPOST ${SMS_WEBHOOK_PATH} at a fixed rate, evenly spaced (open loop over 50 keep-alive connections; latency from when each`);
  console.log('request was due); no workers, then a worker process handling what svarja stores');
  console.log(formatTable(['target', 'req/s (mean)', 'p50', 'p99', '2xx', 'other'], [
    row(`baseline (bare Express), ${fmtNumber(r.rate)}/s`, r.baseline), row(`svarja (real app), ${fmtNumber(r.rate)}/s`, r.svarja),
    ...[r.handled, r.handledLight].map((h) => row(`svarja, worker running, ${fmtNumber(h.rate)}/s`, h.run)),
  ]));
  console.log(formatTable(['webhook -> handled (processed_at - created_at), worker running', 'value', 'result'], [r.handled, r.handledLight].flatMap((h): Cell[][] => [
    [`at ${fmtNumber(h.rate)} req/s: messages answered 200 in the measured window`, fmtNumber(h.acknowledged), ''],
    ['  handled within the wait', fmtNumber(h.handled), checkMark(h.handled === h.acknowledged)],
    ['  p50', fmtMs(h.p50Ms), ''],
    ['  p99', fmtMs(h.p99Ms), checkMark(h.p99Ms <= 1_000)],
  ])));
}

// ---- entry points --------------------------------------------------------------------------

export async function runWebhooksBench(): Promise<WebhooksResult> {
  printSection('Bench 1: inbound SMS webhook');
  const database = await createBenchDatabase('webhooks');
  const queuePrefix = uniqueQueuePrefix('webhooks');
  // Only to inspect and remove the jobs the target enqueued under this prefix.
  const queues = createQueues(redisConnectionFromUrl(REDIS_URL), queuePrefix, createLogger('silent'));
  let result: WebhooksResult;
  try {
    const env = targetEnv(database.url, queuePrefix);
    const baseline = await measureTarget('baseline', env);
    const svarja = await measureTarget('svarja', env);
    const v = await verify(database.url, queues, svarja.acknowledged);
    printLoad(baseline, svarja);
    printVerification(v, svarja.signedOnDemand);
    const b = summarize(baseline.measured);
    const s = summarize(svarja.measured);
    result = { baseline: b, svarja: s, ratio: s.reqPerSec / b.reqPerSec, stored: v.acknowledgedStored, acknowledged: v.acknowledged, waiting: v.waiting };
  } finally {
    await obliterateQueues(queues).catch((err: unknown) => console.error('could not remove the bench queues:', err));
    await queues.close();
    await database.drop();
  }
  try {
    result.fixedRate = await runFixedRateWebhooks(1_000);
    printFixedRate(result.fixedRate);
  } catch (err) {
    console.error('\n!! the fixed-rate part of the webhook bench failed:', err);
  }
  return result;
}

runIfMain(module, async () => {
  await printMachineInfo();
  await runWebhooksBench();
});
