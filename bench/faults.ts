/**
 * `npm run faults`: the README's recovery promise under faults. Web and worker run as separate
 * processes (the Procfile roles, built), against a fresh PostgreSQL database, a redis-server of the
 * run's own on another port (so it can be flushed, stopped and started) and a fake Twilio, all on
 * 127.0.0.1. Each fault strikes in the middle of a dispatch of 334 tasks × wave 3 over 2,000
 * volunteers (1,002 offers); then the run waits for the system to settle and counts, from Postgres
 * and the fake's side, what reached the phones. It prints a table; the exit code is non-zero when a
 * fault lost or doubled an offer, or a process died by itself.
 *
 *   npm run faults               the full run (a few minutes)
 *   npm run faults -- --small    60 tasks over 400 volunteers, for a quick look
 *   npm run faults -- --only storm   the faults whose name contains the word
 */
import twilio from 'twilio';
import { createDb, type Db } from '../src/db/database';
import { normalizePhone } from '../src/domain/phone';
import { insertTask } from '../src/db/task.repo';
import { withAdmin } from '../test/support/db';
import { FakeTwilio } from '../test/support/fake-twilio';
import { PrivateRedis } from '../test/support/private-redis';
import { countOffers, type OfferCount } from './faults/count';
import { ServiceProcess } from './faults/service-process';
import { fmtMs, formatTable, printMachineInfo, printSection } from './report';
import { createBenchDatabase, forEachLimited, runIfMain, sleep, type BenchDatabase } from './setup';

const SMALL = process.argv.includes('--small');
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]?.toLowerCase() : undefined;
const TASKS = SMALL ? 60 : 334;
const VOLUNTEERS = SMALL ? 400 : 2_000;
const WAVE = 3;
const EXPECTED = TASKS * WAVE;
/** A fault that has not settled by then is reported as it stands. */
const SETTLE_TIMEOUT_MS = 240_000;
const API_TOKEN = 'faults-api-token-0123456789';
const SERVICE_NUMBER = '+4759440000';
const WEB_PORT = 3977;

/** Recovery settings: production's shape, with shorter periods so each fault settles in seconds, not minutes. */
const RECOVERY_ENV = {
  SWEEP_INTERVAL_SECONDS: '5',
  SWEEP_GRACE_SECONDS: '10',
  SMS_SEND_LEASE_SECONDS: '20',
  JOB_LOCK_SECONDS: '10',
};

interface Run {
  db: Db;
  database: BenchDatabase;
  fake: FakeTwilio;
  redis: PrivateRedis;
  web: ServiceProcess;
  worker: ServiceProcess;
  taskIds: string[];
  /** Phones that got an offer, for the JA stream. */
  notes: string[];
}

interface Fault {
  name: string;
  /** Strikes once the dispatch is under way (a third of the offers out). */
  strike(run: Run): Promise<void>;
  /** From the start of the dispatch (the Twilio storm). */
  before?(run: Run): void;
  /** After every offer is out (the JA stream). */
  after?(run: Run): Promise<void>;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULTS: Fault[] = [
  {
    name: 'worker kill -9, restarted',
    async strike(run) {
      await run.worker.kill9();
      await run.worker.start();
    },
  },
  {
    name: 'Redis FLUSHDB of the service\'s index',
    async strike(run) {
      await run.redis.flushDb();
    },
  },
  {
    name: 'Redis down 20 s (comes back empty)',
    async strike(run) {
      await run.redis.stop();
      await sleep(20_000);
      await run.redis.startServer();
    },
  },
  {
    name: 'Postgres backends terminated ×3',
    async strike(run) {
      for (let round = 0; round < 3; round++) {
        const killed = await withAdmin((c) => c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [run.database.name]));
        run.notes.push(`${killed.rowCount ?? 0} backends`);
        await sleep(3_000);
      }
    },
  },
  {
    name: 'Twilio storm (30% 500, 10% 429, 5% held 20 s)',
    before(run) {
      run.fake.setStorm({ fail500: 0.3, fail429: 0.1, hold: 0.05, holdMs: 20_000, random: mulberry32(42) });
    },
    async strike() {
      // The storm blows from the start of the dispatch to its end.
    },
  },
  {
    name: 'web kill -9 under 50 JA webhooks/s',
    async strike() {
      // Strikes in after(), in the middle of the replies.
    },
    async after(run) {
      await jaStream(run);
    },
  },
];

// ---- setup -------------------------------------------------------------------------------------

function serviceEnv(database: BenchDatabase, redis: PrivateRedis, fake: FakeTwilio): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(WEB_PORT),
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    PUBLIC_BASE_URL: `http://127.0.0.1:${WEB_PORT}`,
    API_TOKEN,
    METRICS_TOKEN: 'faults-metrics-token-0123456789',
    SESSION_SECRET: 'faults-session-secret-0123456789abcdef',
    SMS_TRANSPORT: 'twilio',
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_FROM_NUMBER: SERVICE_NUMBER,
    TWILIO_API_BASE_URL: fake.url,
    LOG_LEVEL: 'warn',
    QUIET_HOURS: 'off', // the run works whatever the hour
    URGENT_WITHIN_HOURS: '0',
    ...RECOVERY_ENV,
  };
}

async function seed(db: Db): Promise<string[]> {
  const phones = Array.from({ length: VOLUNTEERS }, (_, i) => `+4741${String(i).padStart(6, '0')}`);
  if (phones.some((p) => !normalizePhone(p, { requireMobile: true }).ok)) throw new Error('bad seed phone numbers');
  for (let i = 0; i < phones.length; i += 1_000) {
    await db.insertInto('volunteer').values(phones.slice(i, i + 1_000).map((phone, j) => ({ name: `Frivillig ${i + j + 1}`, phone, language: 'nb' }))).execute();
  }
  const startsAt = new Date(Date.now() + 3 * 24 * 3600 * 1000);
  const ids: string[] = [];
  for (let i = 0; i < TASKS; i++) {
    const task = await insertTask(db, { type: 'shopping', startsAt, durationMinutes: 60, area: 'Lørenskog sentrum', summary: `Handle dagligvarer (oppdrag ${i + 1}).`, details: 'Storgata 5. Ring på to ganger.', waveSize: WAVE });
    ids.push(task.id);
  }
  return ids;
}

async function webReady(): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${WEB_PORT}/readyz`);
  return res.status === 200;
}

async function prepare(fault: Fault, index: number): Promise<Run> {
  const database = await createBenchDatabase(`faults_${index}`);
  const redis = await PrivateRedis.start();
  const fake = await FakeTwilio.start();
  const db = createDb(database.url, { maxConnections: 2 });
  const taskIds = await seed(db);
  const env = serviceEnv(database, redis, fake);
  const worker: ServiceProcess = new ServiceProcess('worker', { ...env, LOG_LEVEL: 'info' }, () => Promise.resolve(/workers started/.test(worker.log)));
  const web = new ServiceProcess('web', env, webReady);
  await web.start();
  await worker.start();
  const run: Run = { db, database, fake, redis, web, worker, taskIds, notes: [] };
  fault.before?.(run);
  return run;
}

// ---- the run -----------------------------------------------------------------------------------

async function dispatchAll(run: Run): Promise<void> {
  await forEachLimited(run.taskIds, 10, async (id) => {
    // A dispatch the web process could not take (it is being killed, Postgres restarting) is tried again, as a coordinator would.
    for (let attempt = 0; attempt < 30; attempt++) {
      const res = await fetch(`http://127.0.0.1:${WEB_PORT}/api/tasks/${id}/dispatch`, { method: 'POST', headers: { authorization: `Bearer ${API_TOKEN}` } }).catch(() => undefined);
      if (res?.status === 202) return;
      await sleep(500);
    }
    throw new Error(`task ${id} could not be dispatched`);
  });
}

async function settled(run: Run, done: (c: OfferCount) => Promise<boolean>): Promise<{ count: OfferCount; ms: number }> {
  const start = Date.now();
  for (;;) {
    const count = await countOffers(run.db, run.fake, EXPECTED);
    if (await done(count)) return { count, ms: Date.now() - start };
    if (Date.now() - start > SETTLE_TIMEOUT_MS) return { count, ms: Number.NaN };
    await sleep(1_000);
  }
}

const allOpen = async (c: OfferCount) => c.reached >= c.expected && c.notOpen === 0;

/** Every offered volunteer answers JA, 50 a second, signed; the web process is killed a third of the way in. */
async function jaStream(run: Run): Promise<void> {
  const phones = (await run.db.selectFrom('offer').innerJoin('volunteer', 'volunteer.id', 'offer.volunteer_id').select('volunteer.phone').execute()).map((r) => r.phone);
  const url = `http://127.0.0.1:${WEB_PORT}/webhooks/twilio/sms`;
  const acked: string[] = [];
  const sends: Promise<void>[] = [];
  const killAt = Math.floor(phones.length / 3);
  for (let i = 0; i < phones.length; i++) {
    if (i === killAt) void run.web.kill9().then(() => run.web.start());
    const sid = `SM${i.toString(16).padStart(32, '0')}`;
    const params = { MessageSid: sid, SmsSid: sid, AccountSid: run.fake.accountSid, From: phones[i]!, To: SERVICE_NUMBER, Body: 'JA', NumMedia: '0', ApiVersion: '2010-04-01' };
    const signature = twilio.getExpectedTwilioSignature(run.fake.authToken, url, params);
    sends.push((async () => {
      // Like Twilio, a webhook that could not be delivered is tried again (same MessageSid).
      for (let attempt = 0; attempt < 40; attempt++) {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() }).catch(() => undefined);
        if (res?.status === 200) { acked.push(sid); return; }
        await sleep(500);
      }
    })());
    await sleep(20); // 50 a second
  }
  await Promise.all(sends);
  const stored = await run.db.selectFrom('message').select('twilio_sid').where('direction', '=', 'inbound').where('twilio_sid', 'in', acked.length ? acked : ['-']).execute();
  // Every reply handled, then the assignments counted.
  const start = Date.now();
  while ((await run.db.selectFrom('message').select('id').where('direction', '=', 'inbound').where('processed_at', 'is', null).execute()).length > 0 && Date.now() - start < SETTLE_TIMEOUT_MS) await sleep(1_000);
  const assignments = await run.db.selectFrom('assignment').select(['task_id']).where('status', '=', 'active').execute();
  const perTask = new Set(assignments.map((a) => a.task_id));
  run.notes.push(`${acked.length - stored.length} of ${acked.length} acked JA lost`, `${assignments.length} assignments for ${TASKS} tasks${perTask.size === assignments.length ? '' : ' (A TASK HAS TWO)'}`);
}

interface FaultResult { fault: string; count: OfferCount; crashes: number; settleMs: number; notes: string[]; ok: boolean }

async function runFault(fault: Fault, index: number): Promise<FaultResult> {
  printSection(fault.name);
  const run = await prepare(fault, index);
  try {
    const dispatching = dispatchAll(run);
    await run.fake.waitForMessages(Math.floor(EXPECTED / 3), 120_000);
    const struckAt = Date.now();
    await fault.strike(run);
    await dispatching;
    const { count, ms } = await settled(run, allOpen);
    run.fake.setStorm(undefined);
    if (fault.after) await fault.after(run);
    const final = fault.after ? await countOffers(run.db, run.fake, EXPECTED) : count;
    const crashes = run.web.crashes + run.worker.crashes;
    const lostJa = run.notes.some((n) => /^[1-9]\d* of \d+ acked JA lost/.test(n) || n.includes('TWO'));
    const ok = final.reached === EXPECTED && final.duplicates === 0 && crashes === 0 && !lostJa;
    console.log(`   settled ${Number.isNaN(ms) ? 'NOT within the time limit' : `${fmtMs(Date.now() - struckAt)} after the fault`}; ${run.notes.join('; ')}`);
    return { fault: fault.name, count: final, crashes, settleMs: ms, notes: run.notes, ok };
  } finally {
    await run.web.stop();
    await run.worker.stop();
    await run.fake.close();
    await run.redis.close();
    await run.db.destroy();
    await run.database.drop();
  }
}

async function main(): Promise<void> {
  await printMachineInfo();
  console.log(`\n${TASKS} tasks × wave ${WAVE} over ${VOLUNTEERS} volunteers = ${EXPECTED} offers per fault; web and worker as separate processes; recovery settings ${JSON.stringify(RECOVERY_ENV)}`);
  const results: FaultResult[] = [];
  for (const [i, fault] of FAULTS.entries()) {
    if (!ONLY || fault.name.toLowerCase().includes(ONLY)) results.push(await runFault(fault, i + 1));
  }

  printSection('Faults');
  console.log(formatTable(
    ['fault', 'offers reached', 'lost', 'duplicates', 'never opened', 'process crashes', 'notes'],
    results.map((r) => [r.fault, `${r.count.reached} of ${r.count.expected}`, r.count.expected - r.count.reached, r.count.duplicates, r.count.notOpen, r.crashes, r.notes.filter((n) => !n.endsWith('backends')).join('; ')]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
  ));
  const good = results.filter((r) => r.ok).length;
  console.log(`\n${good} of ${results.length} faults with 0 lost, 0 duplicates and no crash`);
  if (good !== results.length) process.exitCode = 1;
}

runIfMain(module, main);
