/**
 * Dispatch throughput and latency: 1,000 tasks dispatched at once over 5,000 volunteers, waves of
 * 3, workers in this process sending through the real `twilio` client to the fake Twilio.
 * Latency is measured from the dispatchTask() call to the offer SMS reaching the fake.
 *
 *   npm run --silent build && node dist/bench/dispatch.bench.js
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql, type RawBuilder } from 'kysely';
import { loadConfig } from '../src/config';
import type { Db } from '../src/db/database';
import { createDeps, type Deps } from '../src/deps';
import { normalizePhone } from '../src/domain/phone';
import type { QueueName } from '../src/queue/jobs';
import { QUEUE_NAMES } from '../src/queue/queues';
import { insertTask } from '../src/db/task.repo';
import { dispatchTask } from '../src/services/dispatch-task';
import { FakeTwilio, type FakeMessage } from '../test/support/fake-twilio';
import { startWorkers, type RunningWorkers } from '../workers/start-workers';
import { checkMark, fmtMs, fmtNumber, formatTable, percentile, printMachineInfo, printSection, sortedAscending, type Cell } from './report';
import { startWorkerProcess, stopProcess } from './worker-process';
import { createBenchDatabase, forEachLimited, obliterateQueues, REDIS_URL, runIfMain, serviceLogLevel, sleep, uniqueQueuePrefix, waitUntil, type BenchDatabase } from './setup';

// Smaller runs (a loaded machine, a quick check): BENCH_DISPATCH_VOLUNTEERS, BENCH_DISPATCH_TASKS.
const VOLUNTEERS = Number(process.env.BENCH_DISPATCH_VOLUNTEERS ?? 5_000);
const TASKS = Number(process.env.BENCH_DISPATCH_TASKS ?? 1_000);
const WAVE_SIZE = 3;
const EXPECTED_OFFERS = TASKS * WAVE_SIZE;
const WORKER_CONCURRENCY = 16;
const SMS_SEND_RATE_PER_SECOND = 10_000;
/** dispatchTask() calls in flight at once, like a busy web process (its pool has 10 connections). */
const DISPATCH_CONCURRENCY = 10;
const OFFERS_TIMEOUT_MS = 90_000;
/** No new SMS for this long while the queues are empty: the missing offers are not coming. */
const QUIET_MS = 2_000;
const DRAIN_TIMEOUT_MS = 15_000;
/** After the queues are drained: time for a duplicate send to show up at the fake. */
const SETTLE_MS = 1_000;
const SERVICE_NUMBER = '+4759440000';
const COORDINATOR = '+4798765432';

export interface DispatchResult {
  offers: number;
  smsAtFake: number;
  wallMs: number;
  offersPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  checksOk: boolean;
  peakRssMb: number;
  /** Peak RSS of the separate worker process (service code alone), when there is one. */
  workerProcessPeakRssMb?: number;
}

/** How busy this one process (web side, workers and fake Twilio) was while the offers went out. */
interface ProcessLoad {
  cpuPercentOfOneCore: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** The most resident memory the process held while the offers went out (sampled every 100 ms). */
  peakRssMb: number;
}

/** The histogram records whole timer intervals: the resolution itself is subtracted below. */
const LOOP_RESOLUTION_MS = 1;

function delayMs(intervalNs: number): number {
  return Math.max(0, intervalNs / 1e6 - LOOP_RESOLUTION_MS);
}

function startLoadMeter(): () => ProcessLoad {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  histogram.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let peakRss = process.memoryUsage.rss();
  const rssSampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); }, 100);
  return () => {
    clearInterval(rssSampler);
    histogram.disable();
    const used = process.cpuUsage(cpu);
    return {
      cpuPercentOfOneCore: ((used.user + used.system) / 1000 / (performance.now() - start)) * 100,
      loopDelayP50Ms: delayMs(histogram.percentile(50)),
      loopDelayP99Ms: delayMs(histogram.percentile(99)),
      loopDelayMaxMs: delayMs(histogram.max),
      peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / (1024 * 1024),
    };
  };
}

interface Dispatched {
  /** performance.now() just before dispatchTask(), by task id. */
  startedAt: Map<string, number>;
  callMs: number[];
  failures: number;
  t0: number;
  t1: number;
}

// ---- setup ---------------------------------------------------------------------------------

function benchEnv(database: BenchDatabase, fake: FakeTwilio): Record<string, string> {
  return {
    // Not 'production': its extra required settings change as the service grows, and nothing
    // on the paths measured here depends on the mode.
    NODE_ENV: 'development',
    DATABASE_URL: database.url,
    REDIS_URL,
    // Status callbacks are only made on request (the fake never does here); keep them local anyway.
    PUBLIC_BASE_URL: 'http://127.0.0.1:9',
    API_TOKEN: 'bench-api-token-0123456789',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    SMS_TRANSPORT: 'twilio',
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_FROM_NUMBER: SERVICE_NUMBER,
    TWILIO_API_BASE_URL: fake.url,
    COORDINATOR_PHONE: COORDINATOR,
    QUEUE_PREFIX: uniqueQueuePrefix('dispatch'),
    LOG_LEVEL: serviceLogLevel(),
    SMS_SEND_RATE_PER_SECOND: String(SMS_SEND_RATE_PER_SECOND),
    WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    // The bench measures throughput whatever the hour it runs at.
    QUIET_HOURS: 'off',
    URGENT_WITHIN_HOURS: '0',
  };
}

/** +47 41 00 00 00 … : distinct Norwegian mobile numbers, checked with the service's own parser. */
function volunteerPhones(count: number): string[] {
  const phones = Array.from({ length: count }, (_, i) => `+4741${String(i).padStart(6, '0')}`);
  const bad = phones.filter((p) => {
    const n = normalizePhone(p, { requireMobile: true });
    return !n.ok || n.e164 !== p;
  });
  if (bad.length > 0) throw new Error(`not valid mobile numbers: ${bad.slice(0, 5).join(', ')}`);
  return phones;
}

async function seedVolunteers(db: Db, count: number): Promise<void> {
  const phones = volunteerPhones(count);
  for (let i = 0; i < phones.length; i += 1_000) {
    const chunk = phones.slice(i, i + 1_000).map((phone, j) => ({ name: `Frivillig ${i + j + 1}`, phone, language: 'nb' }));
    await db.insertInto('volunteer').values(chunk).execute();
  }
}

async function seedTasks(deps: Deps, count: number): Promise<string[]> {
  const ids: string[] = [];
  const startsAt = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  const numbers = Array.from({ length: count }, (_, i) => i);
  await forEachLimited(numbers, 10, async (i) => {
    const task = await insertTask(deps.db, {
      type: 'shopping',
      startsAt,
      durationMinutes: 60,
      area: 'Lørenskog sentrum',
      summary: `Handle dagligvarer (oppdrag ${i + 1}).`,
      details: 'Storgata 5, 2. etasje. Ring på døra to ganger.',
      waveSize: WAVE_SIZE,
    });
    ids[i] = task.id;
  });
  return ids;
}

// ---- the run -------------------------------------------------------------------------------

async function dispatchAll(deps: Deps, taskIds: readonly string[]): Promise<Dispatched> {
  const startedAt = new Map<string, number>();
  const callMs: number[] = [];
  let failures = 0;
  const t0 = performance.now();
  await forEachLimited(taskIds, DISPATCH_CONCURRENCY, async (taskId) => {
    const start = performance.now();
    startedAt.set(taskId, start);
    const result = await dispatchTask(deps.ctx, taskId);
    callMs.push(performance.now() - start);
    if (!result.ok) failures++;
  });
  return { startedAt, callMs, failures, t0, t1: performance.now() };
}

type WaitOutcome = 'complete' | 'stalled' | 'timeout';

/**
 * Waits for `count` messages at the fake. Gives up early when the system has gone quiet short of
 * it (queues drained, nothing new for QUIET_MS): lost offers never arrive, so waiting longer only
 * makes the bench slower.
 */
async function waitForMessages(fake: FakeTwilio, deps: Deps, count: number): Promise<WaitOutcome> {
  let lastArrival = performance.now();
  const unsubscribe = fake.onMessage(() => {
    lastArrival = performance.now();
  });
  const deadline = performance.now() + OFFERS_TIMEOUT_MS;
  try {
    for (;;) {
      if (fake.messages.length >= count) return 'complete';
      if (performance.now() > deadline) return 'timeout';
      if (performance.now() - lastArrival > QUIET_MS && (await queuesDrained(deps))) return 'stalled';
      await sleep(100);
    }
  } finally {
    unsubscribe();
  }
}

const FAR_TIMERS: ReadonlySet<string> = new Set(['expire-offer', 'expire-offers', 'deadline-alert']);

/**
 * Nothing left to run: no SMS job at all, and no dispatch job except timers far ahead: the offer
 * expiries (the offer timeout, 30 min) and the fill-by deadline alerts (hours before the tasks, two
 * days ahead). A retry waiting out its backoff counts as work left.
 */
async function queuesDrained(deps: Deps): Promise<boolean> {
  const { sms, dispatch } = deps.queues.byName;
  const smsCounts = await sms.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
  const dispatchCounts = await dispatch.getJobCounts('waiting', 'prioritized', 'active');
  if ([...Object.values(smsCounts), ...Object.values(dispatchCounts)].some((n) => n > 0)) return false;
  const delayed = await dispatch.getDelayed(0, -1);
  return delayed.every((job) => FAR_TIMERS.has(job.name));
}

/** Delayed offer timers: one per wave (expire-offers), or one per offer before them (expire-offer). */
async function countExpiryTimers(deps: Deps): Promise<number> {
  const delayed = await deps.queues.byName.dispatch.getDelayed(0, -1);
  return delayed.filter((job) => job.name === 'expire-offers' || job.name === 'expire-offer').length;
}

async function failedJobCounts(deps: Deps): Promise<Record<QueueName, number>> {
  const entries = await Promise.all(QUEUE_NAMES.map(async (name) => [name, await deps.queues.byName[name].getFailedCount()] as const));
  return Object.fromEntries(entries) as Record<QueueName, number>;
}

// ---- what Postgres says --------------------------------------------------------------------

interface OfferRow { taskId: string; volunteerId: string; phone: string; status: string; createdAtMs: number }

interface DbState {
  offers: OfferRow[];
  taskStatus: Record<string, number>;
  offerMessageStatus: Record<string, number>;
  offerMessagesRetried: number;
  otherOutbound: number;
}

async function countBy(db: Db, query: RawBuilder<{ k: string; n: string }>): Promise<Record<string, number>> {
  const { rows } = await query.execute(db);
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

async function readDbState(db: Db): Promise<DbState> {
  const offers = await db.selectFrom('offer as o').innerJoin('volunteer as v', 'v.id', 'o.volunteer_id')
    .select(['o.task_id', 'o.volunteer_id', 'v.phone', 'o.status', 'o.created_at']).execute();
  const retried = await sql<{ n: string }>`SELECT count(*) AS n FROM message WHERE kind = 'offer' AND attempts > 1`.execute(db);
  const other = await sql<{ n: string }>`SELECT count(*) AS n FROM message WHERE direction = 'outbound' AND kind <> 'offer'`.execute(db);
  return {
    offers: offers.map((o) => ({ taskId: o.task_id, volunteerId: o.volunteer_id, phone: o.phone ?? '', status: o.status, createdAtMs: o.created_at.getTime() })),
    taskStatus: await countBy(db, sql<{ k: string; n: string }>`SELECT status AS k, count(*) AS n FROM task GROUP BY status`),
    offerMessageStatus: await countBy(db, sql<{ k: string; n: string }>`SELECT status AS k, count(*) AS n FROM message WHERE kind = 'offer' GROUP BY status`),
    offerMessagesRetried: Number(retried.rows[0]?.n ?? 0),
    otherOutbound: Number(other.rows[0]?.n ?? 0),
  };
}

// ---- analysis ------------------------------------------------------------------------------

function countValues(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ${fmtNumber(n)}`).join(', ');
}

interface Latencies {
  /** dispatch call -> offer SMS at the fake, per SMS mapped to its task. */
  endToEnd: number[];
  /** dispatch call -> the fill-task transaction that created the offer (Postgres clock, ms resolution). */
  toFill: number[];
  /** offer created -> SMS at the fake. */
  fillToSms: number[];
  unmapped: number;
  lastArrival: number;
}

/** performance.now() of a wall-clock time, for comparing Postgres timestamps with our marks. */
function toPerfMs(epochMs: number): number {
  return epochMs - performance.timeOrigin;
}

function computeLatencies(messages: readonly FakeMessage[], offers: readonly OfferRow[], dispatched: Dispatched): Latencies {
  const offerByPhone = new Map(offers.map((o) => [o.phone, o]));
  const out: Latencies = { endToEnd: [], toFill: [], fillToSms: [], unmapped: 0, lastArrival: 0 };
  for (const m of messages) {
    const offer = offerByPhone.get(m.to);
    const start = offer && dispatched.startedAt.get(offer.taskId);
    if (!offer || start === undefined) {
      out.unmapped++;
      continue;
    }
    const filledAt = toPerfMs(offer.createdAtMs);
    out.endToEnd.push(m.receivedAtMs - start);
    out.toFill.push(filledAt - start);
    out.fillToSms.push(m.receivedAtMs - filledAt);
    out.lastArrival = Math.max(out.lastArrival, m.receivedAtMs);
  }
  return out;
}

interface Check { label: string; value: string; ok: boolean }

function buildChecks(messages: readonly FakeMessage[], fake: FakeTwilio, state: DbState, failed: Record<QueueName, number>, dispatched: Dispatched, unmapped: number): Check[] {
  const toCoordinator = messages.filter((m) => m.to === COORDINATOR).length;
  const smsPerPhone = countValues(messages.filter((m) => m.to !== COORDINATOR).map((m) => m.to));
  const offersPerVolunteer = countValues(state.offers.map((o) => o.volunteerId));
  const offersPerTask = countValues(state.offers.map((o) => o.taskId));
  const offerPhones = new Set(state.offers.map((o) => o.phone));
  const sentOnce = state.offers.filter((o) => smsPerPhone.get(o.phone) === 1).length;
  const twiceOffered = [...offersPerVolunteer.values()].filter((n) => n > 1).length;
  const twiceTexted = [...smsPerPhone.values()].filter((n) => n > 1).length;
  const strangers = messages.filter((m) => m.to !== COORDINATOR && !offerPhones.has(m.to)).length;
  const fullTasks = [...offersPerTask.values()].filter((n) => n === WAVE_SIZE).length;
  const badRequests = fake.requests.filter((r) => r.status !== 201).length;
  const failedJobs = Object.values(failed).reduce((s, n) => s + n, 0);
  const open = state.offers.filter((o) => o.status === 'open').length;
  return [
    { label: 'dispatchTask() calls that failed', value: fmtNumber(dispatched.failures), ok: dispatched.failures === 0 },
    { label: 'offer rows', value: `${fmtNumber(state.offers.length)} of ${fmtNumber(EXPECTED_OFFERS)}`, ok: state.offers.length === EXPECTED_OFFERS },
    { label: 'SMS received by the fake', value: `${fmtNumber(messages.length)} of ${fmtNumber(EXPECTED_OFFERS)}`, ok: messages.length === EXPECTED_OFFERS },
    { label: 'tasks with exactly 3 offers', value: `${fmtNumber(fullTasks)} of ${fmtNumber(TASKS)}`, ok: fullTasks === TASKS },
    { label: 'volunteers with two or more offers (DB)', value: fmtNumber(twiceOffered), ok: twiceOffered === 0 },
    { label: 'volunteer numbers with two or more SMS (fake)', value: fmtNumber(twiceTexted), ok: twiceTexted === 0 },
    { label: 'offers whose SMS arrived exactly once', value: `${fmtNumber(sentOnce)} of ${fmtNumber(state.offers.length)}`, ok: sentOnce === state.offers.length },
    { label: 'SMS to a volunteer without an offer', value: fmtNumber(strangers), ok: strangers === 0 },
    { label: 'SMS to the coordinator ("task unfilled")', value: fmtNumber(toCoordinator), ok: toCoordinator === 0 },
    { label: 'SMS not mapped to a dispatched task', value: fmtNumber(unmapped), ok: unmapped === toCoordinator },
    { label: 'offers open (SMS sent, timer running)', value: `${fmtNumber(open)} of ${fmtNumber(state.offers.length)}`, ok: open === state.offers.length },
    { label: 'offer message rows by status', value: formatCounts(state.offerMessageStatus), ok: (state.offerMessageStatus.sent ?? 0) === state.offers.length },
    { label: 'offer messages sent more than one attempt', value: fmtNumber(state.offerMessagesRetried), ok: state.offerMessagesRetried === 0 },
    { label: 'outbound rows other than offers', value: fmtNumber(state.otherOutbound), ok: state.otherOutbound === 0 },
    { label: 'tasks by status', value: formatCounts(state.taskStatus), ok: state.taskStatus.searching === TASKS },
    { label: 'fake Twilio requests not answered 201', value: fmtNumber(badRequests), ok: badRequests === 0 },
    { label: 'failed jobs (sms / dispatch / maintenance)', value: QUEUE_NAMES.map((q) => fmtNumber(failed[q])).join(' / '), ok: failedJobs === 0 },
  ];
}

// ---- printing ------------------------------------------------------------------------------

function latencyRow(label: string, values: readonly number[]): Cell[] {
  const s = sortedAscending(values);
  return [label, fmtMs(percentile(s, 50)), fmtMs(percentile(s, 95)), fmtMs(percentile(s, 99)), fmtMs(s[s.length - 1] ?? Number.NaN)];
}

function printResults(dispatched: Dispatched, lat: Latencies, load: ProcessLoad, messages: number, outcome: WaitOutcome, checks: Check[], timers: number): DispatchResult {
  const wallMs = lat.lastArrival - dispatched.t0;
  const offersPerSec = lat.endToEnd.length / (wallMs / 1000);
  console.log(`\n${fmtNumber(TASKS)} tasks x wave ${WAVE_SIZE} over ${fmtNumber(VOLUNTEERS)} volunteers; WORKER_CONCURRENCY=${WORKER_CONCURRENCY}, SMS_SEND_RATE_PER_SECOND=${SMS_SEND_RATE_PER_SECOND}, ${DISPATCH_CONCURRENCY} dispatch calls in flight`);
  if (outcome === 'timeout') console.log(`!! only ${fmtNumber(messages)} of ${fmtNumber(EXPECTED_OFFERS)} SMS arrived within ${OFFERS_TIMEOUT_MS / 1000} s`);
  if (outcome === 'stalled') console.log(`!! ${fmtNumber(messages)} of ${fmtNumber(EXPECTED_OFFERS)} SMS arrived, then the queues ran empty and nothing more came`);
  console.log(formatTable(['throughput', 'value'], [
    ['offers (SMS at the fake, mapped to a task)', fmtNumber(lat.endToEnd.length)],
    [`dispatch phase (${fmtNumber(TASKS)} dispatchTask() calls)`, fmtMs(dispatched.t1 - dispatched.t0)],
    ['wall time (first dispatch -> last offer SMS)', fmtMs(wallMs)],
    ['offers per second', fmtNumber(offersPerSec, 1)],
    [`offer expiry timers waiting in Redis (${fmtNumber(TASKS)} waves)`, fmtNumber(timers)],
    ['this process: CPU (% of one core)', `${fmtNumber(load.cpuPercentOfOneCore)} %`],
    ['this process (web, workers, fake Twilio): peak RSS', `${fmtNumber(load.peakRssMb, 0)} MB`],
    ['this process: event-loop delay p50 | p99 | max', `${fmtMs(load.loopDelayP50Ms)} | ${fmtMs(load.loopDelayP99Ms)} | ${fmtMs(load.loopDelayMaxMs)}`],
  ]));
  console.log('');
  console.log(formatTable(['latency', 'p50', 'p95', 'p99', 'max'], [
    latencyRow('dispatch call -> SMS at fake', lat.endToEnd),
    latencyRow('  dispatch call -> offer created (fill-task)', lat.toFill),
    latencyRow('  offer created -> SMS at fake', lat.fillToSms),
    latencyRow('dispatchTask() call duration', dispatched.callMs),
  ]));
  console.log('');
  console.log(formatTable(['check', 'value', 'result'], checks.map((c) => [c.label, c.value, checkMark(c.ok)])));
  const s = sortedAscending(lat.endToEnd);
  return {
    offers: lat.endToEnd.length,
    smsAtFake: messages,
    wallMs,
    offersPerSec,
    p50Ms: percentile(s, 50),
    p95Ms: percentile(s, 95),
    p99Ms: percentile(s, 99),
    checksOk: checks.every((c) => c.ok),
    peakRssMb: load.peakRssMb,
  };
}

// ---- entry points --------------------------------------------------------------------------

interface Running {
  fake: FakeTwilio;
  database: BenchDatabase;
  /** The "web" side: seeds and dispatches, like the API process would. */
  web: Deps;
  /** The "worker" side: its own pools, as the worker process would have. */
  worker: Deps;
  workers?: RunningWorkers;
  /** Worker processes besides this one (BENCH with 2 worker processes). */
  children: ChildProcess[];
}

async function teardown(r: Running): Promise<void> {
  await r.workers?.close();
  await Promise.all(r.children.map(stopProcess));
  await obliterateQueues(r.worker.queues).catch((err: unknown) => console.error('could not remove the bench queues:', err));
  await r.web.close();
  await r.worker.close();
  await r.fake.close();
  await r.database.drop();
}

async function measure(r: Running, taskIds: string[]): Promise<DispatchResult> {
  console.log(`  dispatching ${fmtNumber(TASKS)} tasks …`);
  const stopLoadMeter = startLoadMeter();
  const dispatched = await dispatchAll(r.web, taskIds);
  const outcome = await waitForMessages(r.fake, r.worker, EXPECTED_OFFERS);
  const load = stopLoadMeter();
  const drained = await waitUntil(() => queuesDrained(r.worker), DRAIN_TIMEOUT_MS);
  if (!drained) console.log(`!! queues not drained within ${DRAIN_TIMEOUT_MS / 1000} s`);
  await sleep(SETTLE_MS);
  await r.workers?.close();
  r.workers = undefined;
  const childPeakRssMb = r.children.map((c) => peakRssOfProcessMb(c.pid));
  for (const child of r.children) child.kill('SIGTERM');

  const messages = [...r.fake.messages];
  const state = await readDbState(r.web.db);
  const failed = await failedJobCounts(r.worker);
  const timers = await countExpiryTimers(r.worker);
  const lat = computeLatencies(messages, state.offers, dispatched);
  const result = printResults(dispatched, lat, load, messages.length, outcome, buildChecks(messages, r.fake, state, failed, dispatched, lat.unmapped), timers);
  const [workerProcessPeakRssMb] = childPeakRssMb;
  if (workerProcessPeakRssMb !== undefined) console.log(`\nthe second worker process (service code alone, fills and sends): peak RSS ${fmtNumber(workerProcessPeakRssMb, 0)} MB`);
  return { ...result, workerProcessPeakRssMb };
}

/** The most resident memory a process has held over its life (Linux's VmHWM), MB. */
function peakRssOfProcessMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

/** `workerProcesses` 2: a second worker process runs beside this one's workers. */
export async function runDispatchBench(workerProcesses: 1 | 2 = 1): Promise<DispatchResult> {
  printSection(`Bench 2: dispatch (fill -> send-sms -> fake Twilio), ${workerProcesses} worker process${workerProcesses > 1 ? 'es' : ''}`);
  const fake = await FakeTwilio.start();
  const database = await createBenchDatabase('dispatch');
  const env = benchEnv(database, fake);
  const config = loadConfig(env);
  const r: Running = { fake, database, web: createDeps(config), worker: createDeps(config), children: [] };
  try {
    const seedStart = performance.now();
    await seedVolunteers(r.web.db, VOLUNTEERS);
    const taskIds = await seedTasks(r.web, TASKS);
    // Autovacuum analyzes a freshly loaded table within a minute or so; a real burst meets a pool
    // that has been there for a while. Without it the planner takes 5,000 volunteers for a few rows.
    await sql`ANALYZE`.execute(r.web.db);
    console.log(`  seeded ${fmtNumber(VOLUNTEERS)} volunteers and ${fmtNumber(TASKS)} tasks in ${fmtMs(performance.now() - seedStart)}`);
    r.workers = await startWorkers(r.worker);
    if (workerProcesses === 2) r.children.push(await startWorkerProcess(env));
    return await measure(r, taskIds);
  } finally {
    await teardown(r);
  }
}

runIfMain(module, async () => {
  await printMachineInfo();
  await runDispatchBench(process.env.BENCH_WORKER_PROCESSES === '2' ? 2 : 1);
});
