/**
 * Inbound SMS webhook throughput: the real app (signature check, parse, INSERT … ON CONFLICT on
 * MessageSid, enqueue handle-inbound-sms) against real Postgres and Redis, no workers running,
 * compared in the same run with a bare Express app that answers the same TwiML without I/O.
 *
 *   npm run --silent build && node dist/bench/webhooks.bench.js
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createDb } from '../src/db/database';
import { createLogger } from '../src/log';
import { createQueues, type Queues } from '../src/queue/queues';
import { redisConnectionFromUrl } from '../src/queue/redis';
import { checkMark, fmtMs, fmtNumber, formatTable, percentile, printMachineInfo, printSection, sortedAscending, type Cell } from './report';
import { createBenchDatabase, obliterateQueues, REDIS_URL, runIfMain, serviceLogLevel, uniqueQueuePrefix } from './setup';
import { ACCOUNT_SID, SERVICE_NUMBER, SignedBodySource, SMS_WEBHOOK_PATH } from './signed-bodies';
import type { ChildMessage, ParentMessage, TargetMode } from './webhook-target';

const CONNECTIONS = 20;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = 10;
/** Bodies signed before the run: more than the real app answers in warm-up + run on this kind of machine. */
const PREFILL = { svarja: 40_000, baseline: 20_000 } as const;
const AUTH_TOKEN = 'bench_auth_token_0123456789';
const TARGET_START_TIMEOUT_MS = 20_000;

interface LoadRun {
  /** autocannon's mean of per-second request counts. */
  reqPerSec: number;
  /** Our own per-request latencies (ms, sub-ms resolution), 2xx and others alike. */
  latenciesMs: number[];
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

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
  rowsWithoutJob: number;
}

// ---- the target process --------------------------------------------------------------------

interface Target {
  port: number;
  stop(): Promise<void>;
}

function targetEnv(databaseUrl: string, queuePrefix: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    // Not 'production': its extra required settings change as the service grows, and nothing
    // on the paths measured here depends on the mode.
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    API_TOKEN: 'bench-api-token-0123456789',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    SMS_TRANSPORT: 'twilio',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: SERVICE_NUMBER,
    // Never called (no workers run), but keep even a stray call on this machine.
    TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: serviceLogLevel(),
  };
}

function waitForMessage(child: ChildProcess, type: ChildMessage['type'], timeoutMs: number): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`webhook target: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: ChildMessage) => msg.type === type && done(undefined, msg);
    const onExit = (code: number | null) => done(new Error(`webhook target exited (code ${code}) before "${type}"`));
    function done(err: Error | undefined, msg?: ChildMessage) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(msg!);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

async function startTarget(mode: TargetMode, env: Record<string, string>): Promise<Target> {
  const child = fork(path.join(__dirname, 'webhook-target.js'), [mode], { env, stdio: 'inherit' });
  let ready: ChildMessage;
  try {
    ready = await waitForMessage(child, 'ready', TARGET_START_TIMEOUT_MS);
  } catch (err) {
    child.kill();
    throw err;
  }
  if (ready.type !== 'ready') throw new Error('unreachable');
  return {
    port: ready.port,
    async stop() {
      const stopped = waitForMessage(child, 'stopped', TARGET_START_TIMEOUT_MS);
      child.send({ type: 'stop' } satisfies ParentMessage);
      await stopped.catch((err: unknown) => {
        child.kill();
        throw err;
      });
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

// ---- load --------------------------------------------------------------------------------

interface RequestContext {
  messageSid?: string;
  startedAt?: number;
}

async function fire(port: number, bodies: SignedBodySource, seconds: number, acknowledged: string[]): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: [{
      method: 'POST',
      path: SMS_WEBHOOK_PATH,
      // Pipelining 1: the context holds the one request in flight on this connection.
      setupRequest: (request, context) => {
        const next = bodies.next();
        const ctx = context as RequestContext;
        ctx.messageSid = next.messageSid;
        ctx.startedAt = performance.now();
        return {
          ...request,
          body: next.body,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': next.signature },
        };
      },
      onResponse: (status, _body, context) => {
        const ctx = context as RequestContext;
        if (ctx.startedAt !== undefined) latenciesMs.push(performance.now() - ctx.startedAt);
        if (status === 200 && ctx.messageSid) acknowledged.push(ctx.messageSid);
      },
    }],
  });
  return {
    reqPerSec: result.requests.mean,
    latenciesMs,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function measureTarget(mode: TargetMode, env: Record<string, string>): Promise<TargetRun> {
  const target = await startTarget(mode, env);
  try {
    const bodies = new SignedBodySource(AUTH_TOKEN, `http://127.0.0.1:${target.port}${SMS_WEBHOOK_PATH}`, { unique: mode === 'svarja' });
    bodies.prefill(PREFILL[mode]);
    const acknowledged: string[] = [];
    console.log(`  ${mode}: warm-up ${WARMUP_SECONDS} s, then ${DURATION_SECONDS} s at ${CONNECTIONS} connections …`);
    const warmup = await fire(target.port, bodies, WARMUP_SECONDS, acknowledged);
    const measured = await fire(target.port, bodies, DURATION_SECONDS, acknowledged);
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
  /** Of those, rows with a handle-inbound-sms job in Redis. */
  acknowledgedEnqueued: number;
  rows: number;
  jobs: number;
  /** Rows (any) without a job: would wait for the sweeper. */
  rowsWithoutJob: number;
  failedJobs: number;
}

async function loadInboundRows(databaseUrl: string): Promise<Map<string, string>> {
  const db = createDb(databaseUrl, { maxConnections: 1 });
  try {
    const rows = await db.selectFrom('message').select(['id', 'twilio_sid']).where('direction', '=', 'inbound').execute();
    return new Map(rows.map((r) => [r.twilio_sid ?? '', r.id]));
  } finally {
    await db.destroy();
  }
}

/** The messageIds of the handle-inbound-sms jobs in Redis (no worker ran, so they all wait). */
async function loadJobMessageIds(queues: Queues): Promise<{ messageIds: Set<string>; failed: number }> {
  const q = queues.byName.dispatch;
  const jobs = await q.getJobs(['waiting', 'prioritized', 'active', 'delayed', 'completed'], 0, -1);
  const messageIds = new Set(jobs.filter((j) => j.name === 'handle-inbound-sms').map((j) => String((j.data as { messageId: string }).messageId)));
  return { messageIds, failed: await q.getFailedCount() };
}

async function verify(databaseUrl: string, queues: Queues, acknowledged: readonly string[]): Promise<Verification> {
  const rows = await loadInboundRows(databaseUrl);
  const { messageIds, failed } = await loadJobMessageIds(queues);
  const ackedIds = acknowledged.map((sid) => rows.get(sid)).filter((id): id is string => id !== undefined);
  return {
    acknowledged: acknowledged.length,
    acknowledgedDistinct: new Set(acknowledged).size,
    acknowledgedStored: ackedIds.length,
    acknowledgedEnqueued: ackedIds.filter((id) => messageIds.has(id)).length,
    rows: rows.size,
    jobs: messageIds.size,
    rowsWithoutJob: [...rows.values()].filter((id) => !messageIds.has(id)).length,
    failedJobs: failed,
  };
}

// ---- printing ------------------------------------------------------------------------------

function summarize(run: LoadRun): { reqPerSec: number; p50Ms: number; p99Ms: number } {
  const sorted = sortedAscending(run.latenciesMs);
  return { reqPerSec: run.reqPerSec, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

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
    ['handle-inbound-sms jobs for those rows', `${fmtNumber(v.acknowledgedEnqueued)} of ${fmtNumber(v.acknowledgedStored)}`, checkMark(v.acknowledgedEnqueued === v.acknowledgedStored)],
    ['inbound rows in total', fmtNumber(v.rows), ''],
    ['  from requests cut off when the load stopped', fmtNumber(cutOff), checkMark(cutOff >= 0 && cutOff <= 2 * CONNECTIONS)],
    ['handle-inbound-sms jobs in total', fmtNumber(v.jobs), checkMark(v.jobs === v.rows)],
    ['rows without a job (left to the sweeper)', fmtNumber(v.rowsWithoutJob), checkMark(v.rowsWithoutJob === 0)],
    ['failed jobs', fmtNumber(v.failedJobs), checkMark(v.failedJobs === 0)],
    ['bodies signed during the run (pool ran dry)', fmtNumber(signedOnDemand), ''],
  ]));
}

// ---- entry points --------------------------------------------------------------------------

export async function runWebhooksBench(): Promise<WebhooksResult> {
  printSection('Bench 1: inbound SMS webhook');
  const database = await createBenchDatabase('webhooks');
  const queuePrefix = uniqueQueuePrefix('webhooks');
  // Only to inspect and remove the jobs the target enqueued under this prefix.
  const queues = createQueues(redisConnectionFromUrl(REDIS_URL), queuePrefix, createLogger('silent'));
  try {
    const env = targetEnv(database.url, queuePrefix);
    const baseline = await measureTarget('baseline', env);
    const svarja = await measureTarget('svarja', env);
    const v = await verify(database.url, queues, svarja.acknowledged);
    printLoad(baseline, svarja);
    printVerification(v, svarja.signedOnDemand);
    const b = summarize(baseline.measured);
    const s = summarize(svarja.measured);
    return { baseline: b, svarja: s, ratio: s.reqPerSec / b.reqPerSec, stored: v.acknowledgedStored, acknowledged: v.acknowledged, rowsWithoutJob: v.rowsWithoutJob };
  } finally {
    await obliterateQueues(queues).catch((err: unknown) => console.error('could not remove the bench queues:', err));
    await queues.close();
    await database.drop();
  }
}

runIfMain(module, async () => {
  await printMachineInfo();
  await runWebhooksBench();
});
