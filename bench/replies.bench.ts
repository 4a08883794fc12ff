/**
 * A burst of answers: 600 tasks × wave 3 are offered through the service (1,800 offer SMS at the
 * fake Twilio), then every offered volunteer answers JA through the signed webhook, evenly spaced
 * at 300 a second, in a seeded random order: one in three wins a task, the others hear it is
 * taken. Web (webhook-target.js) and worker (workers/main.js) run as processes of their own, as
 * the Procfile runs them. Measured: the webhook's latency, JA -> handled, the winner's JA -> the SMS
 * with the details, and any JA -> the outcome; with the checks that every task got exactly one
 * volunteer and every answering volunteer exactly one SMS after the offer.
 *
 *   npm run --silent build && node dist/bench/replies.bench.js
 * Smaller or harder runs: BENCH_REPLIES_TASKS, BENCH_REPLIES_RATE.
 */
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { createDeps, type Deps } from '../src/deps';
import { insertTask } from '../src/db/task.repo';
import { dispatchTask } from '../src/services/dispatch-task';
import { FakeTwilio, type FakeMessage } from '../test/support/fake-twilio';
import { checkMark, fmtMs, fmtNumber, formatTable, percentile, printMachineInfo, printSection, sortedAscending, type Cell } from './report';
import { createBenchDatabase, forEachLimited, obliterateQueues, runIfMain, sleep, uniqueQueuePrefix, waitUntil, type BenchDatabase } from './setup';
import { signInboundSms, SMS_WEBHOOK_PATH, type SignedBody, type SignedBodies } from './signed-bodies';
import { Rng } from './simulate/random';
import { firePaced, startTarget, summarize, targetEnv, type LoadRun, type LoadSummary, type Target } from './webhook-load';
import { startWorkerProcess, stopProcess } from './worker-process';

const TASKS = Number(process.env.BENCH_REPLIES_TASKS ?? 600);
const RATE = Number(process.env.BENCH_REPLIES_RATE ?? 300);
const WAVE_SIZE = 3;
const OFFERS = TASKS * WAVE_SIZE;
/** More volunteers than offers, so the fill chooses among them as it would in a real pool. */
const VOLUNTEERS = Math.ceil(OFFERS * 1.2);
const CONNECTIONS = 50;
const SEED = 20261204;
const OFFERS_TIMEOUT_MS = 120_000;
const SETTLE_TIMEOUT_MS = 120_000;
/** No new SMS at the fake for this long, with nothing left to handle or send: the burst is over. */
const QUIET_MS = 1_500;

export interface RepliesResult {
  answers: number;
  webhook: LoadSummary;
  handledP50Ms: number;
  handledP99Ms: number;
  /** The winner's JA -> the SMS with the task's details at the fake. */
  detailsP50Ms: number;
  detailsP95Ms: number;
  detailsP99Ms: number;
  checksOk: boolean;
}

interface Running {
  fake: FakeTwilio;
  database: BenchDatabase;
  deps: Deps;
  worker?: ChildProcess;
  target?: Target;
}

function benchEnv(database: BenchDatabase, fake: FakeTwilio): Record<string, string> {
  return {
    ...targetEnv(database.url, uniqueQueuePrefix('replies')),
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_API_BASE_URL: fake.url,
    // The bench measures the service, not Twilio's per-number limit, whatever the hour it runs at.
    SMS_SEND_RATE_PER_SECOND: '10000',
    QUIET_HOURS: 'off',
    URGENT_WITHIN_HOURS: '0',
  };
}

// ---- the offers --------------------------------------------------------------------------------

async function seed(deps: Deps): Promise<string[]> {
  for (let i = 0; i < VOLUNTEERS; i += 1_000) {
    const chunk = Array.from({ length: Math.min(1_000, VOLUNTEERS - i) }, (_, j) => ({
      name: `Frivillig ${i + j + 1}`, phone: `+4741${String(i + j).padStart(6, '0')}`, language: 'nb',
    }));
    await deps.db.insertInto('volunteer').values(chunk).execute();
  }
  const startsAt = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  const ids: string[] = [];
  for (let i = 0; i < TASKS; i++) {
    const task = await insertTask(deps.db, {
      type: 'shopping', startsAt, durationMinutes: 60, area: 'Lørenskog sentrum',
      summary: `Handle dagligvarer (oppdrag ${i + 1}).`, details: 'Storgata 5, 2. etasje.', waveSize: WAVE_SIZE,
    });
    ids.push(task.id);
  }
  await sql`ANALYZE`.execute(deps.db);
  return ids;
}

async function countOpenOffers(deps: Deps): Promise<number> {
  const row = await deps.db.selectFrom('offer').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Dispatches every task through the service and waits until each offer is open and at the fake. */
async function offerAll(r: Running, taskIds: readonly string[]): Promise<void> {
  await forEachLimited(taskIds, 10, async (id) => {
    const result = await dispatchTask(r.deps.ctx, id);
    if (!result.ok) throw new Error(`task ${id} could not be dispatched: ${JSON.stringify(result)}`);
  });
  const ready = await waitUntil(async () => r.fake.messages.length >= OFFERS && (await countOpenOffers(r.deps)) === OFFERS, OFFERS_TIMEOUT_MS, 200);
  if (!ready) throw new Error(`only ${r.fake.messages.length} of ${OFFERS} offers reached the fake within ${OFFERS_TIMEOUT_MS / 1000} s`);
}

// ---- the answers -------------------------------------------------------------------------------

/** Every offered volunteer's JA, signed for the target, in a seeded random order. */
class AnswerBodies implements SignedBodies {
  private readonly bodies: SignedBody[];
  private taken = 0;

  constructor(phones: readonly string[], fake: FakeTwilio, url: string) {
    this.bodies = new Rng(SEED).shuffle(phones).map((from, i) => signInboundSms(fake.authToken, url, {
      messageSid: `SM${i.toString(16).padStart(32, '0')}`, from, text: 'JA', accountSid: fake.accountSid,
    }));
  }

  next(): SignedBody {
    const body = this.bodies[this.taken++];
    if (!body) throw new Error('more answers asked for than there are offers');
    return body;
  }
}

async function offeredPhones(deps: Deps): Promise<string[]> {
  const rows = await deps.db.selectFrom('offer').innerJoin('volunteer', 'volunteer.id', 'offer.volunteer_id').select('volunteer.phone').orderBy('offer.id').execute();
  return rows.flatMap((row) => (row.phone === null ? [] : [row.phone]));
}

async function backlog(deps: Deps): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM message
    WHERE (direction = 'inbound' AND processed_at IS NULL) OR (direction = 'outbound' AND status IN ('queued', 'sending'))`.execute(deps.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Until nothing is left to handle or send and the fake has been quiet for a while. */
async function waitForQuiet(r: Running): Promise<boolean> {
  let last = r.fake.messages.length;
  let quietSince = Date.now();
  return waitUntil(async () => {
    if (r.fake.messages.length !== last) {
      last = r.fake.messages.length;
      quietSince = Date.now();
    }
    return Date.now() - quietSince >= QUIET_MS && (await backlog(r.deps)) === 0;
  }, SETTLE_TIMEOUT_MS, 250);
}

// ---- analysis ----------------------------------------------------------------------------------

interface Answer { sid: string; phone: string; createdAtMs: number; processedAtMs: number | null }

async function loadAnswers(deps: Deps, acked: readonly string[]): Promise<Answer[]> {
  if (acked.length === 0) return [];
  const rows = await deps.db.selectFrom('message').select(['twilio_sid', 'from_phone', 'created_at', 'processed_at'])
    .where('direction', '=', 'inbound').where('twilio_sid', 'in', acked).execute();
  return rows.map((row) => ({ sid: row.twilio_sid!, phone: row.from_phone, createdAtMs: row.created_at.getTime(), processedAtMs: row.processed_at?.getTime() ?? null }));
}

/** Wall-clock time at which the fake received a message. */
function arrivedAtMs(m: FakeMessage): number {
  return performance.timeOrigin + m.receivedAtMs;
}

/**
 * What each answering volunteer received after their offer: exactly one SMS is right (the winner's
 * details, or the "taken" notice, which may cross their JA and then answers it: no second reply).
 */
function answersByPhone(replies: readonly FakeMessage[]): Map<string, FakeMessage[]> {
  const byPhone = new Map<string, FakeMessage[]>();
  for (const m of replies) {
    const got = byPhone.get(m.to) ?? [];
    got.push(m);
    byPhone.set(m.to, got);
  }
  return byPhone;
}

/** Per winner: their JA's row written -> the SMS with the task's details at the fake. */
function winnerLatencies(answers: readonly Answer[], winners: ReadonlySet<string>, byPhone: ReadonlyMap<string, FakeMessage[]>): number[] {
  return answers.flatMap((a) => {
    const details = winners.has(a.phone) ? byPhone.get(a.phone)?.[0] : undefined;
    return details ? [arrivedAtMs(details) - a.createdAtMs] : [];
  });
}

/**
 * Per "assigned" SMS, the send path's share: its row written (in the JA's round) -> claimed by a
 * send (the round's commit, the queue), and claimed -> at the fake (the provider call).
 */
async function detailsSendLatencies(deps: Deps, byPhone: ReadonlyMap<string, FakeMessage[]>): Promise<{ toClaim: number[]; claimToFake: number[] }> {
  const rows = await deps.db.selectFrom('message').select(['to_phone', 'created_at', 'claimed_at'])
    .where('direction', '=', 'outbound').where('kind', '=', 'assigned').execute();
  const out = { toClaim: [] as number[], claimToFake: [] as number[] };
  for (const row of rows) {
    const details = byPhone.get(row.to_phone)?.[0];
    if (!details || !row.claimed_at) continue;
    out.toClaim.push(row.claimed_at.getTime() - row.created_at.getTime());
    out.claimToFake.push(arrivedAtMs(details) - row.claimed_at.getTime());
  }
  return out;
}

/** Per answer: JA -> the volunteer knows the outcome (0 when the "taken" notice was there first). */
function outcomeLatencies(answers: readonly Answer[], byPhone: ReadonlyMap<string, FakeMessage[]>): number[] {
  return answers.flatMap((a) => {
    const first = byPhone.get(a.phone)?.[0];
    return first ? [Math.max(0, arrivedAtMs(first) - a.createdAtMs)] : [];
  });
}

interface DbState {
  activeAssignments: number;
  tasksWithOneAssignment: number;
  offersByStatus: Record<string, number>;
  assignedSms: number;
  outboundRows: number;
  inboundRows: number;
  winners: Set<string>;
}

async function readDbState(deps: Deps): Promise<DbState> {
  const perTask = await sql<{ n: string; tasks: string }>`
    SELECT count(*) AS n, count(DISTINCT task_id) AS tasks FROM assignment WHERE status = 'active'`.execute(deps.db);
  const offers = await sql<{ status: string; n: string }>`SELECT status, count(*) AS n FROM offer GROUP BY status`.execute(deps.db);
  const messages = await sql<{ direction: string; kind: string; n: string }>`SELECT direction, kind, count(*) AS n FROM message GROUP BY direction, kind`.execute(deps.db);
  const count = (pick: (m: { direction: string; kind: string }) => boolean) => messages.rows.filter(pick).reduce((s, m) => s + Number(m.n), 0);
  return {
    activeAssignments: Number(perTask.rows[0]?.n ?? 0),
    tasksWithOneAssignment: Number(perTask.rows[0]?.tasks ?? 0),
    offersByStatus: Object.fromEntries(offers.rows.map((o) => [o.status, Number(o.n)])),
    assignedSms: count((m) => m.direction === 'outbound' && m.kind === 'assigned'),
    outboundRows: count((m) => m.direction === 'outbound'),
    inboundRows: count((m) => m.direction === 'inbound'),
    winners: new Set((await deps.db.selectFrom('assignment').innerJoin('volunteer', 'volunteer.id', 'assignment.volunteer_id')
      .select('volunteer.phone').where('assignment.status', '=', 'active').execute()).flatMap((row) => (row.phone === null ? [] : [row.phone]))),
  };
}

interface Check { label: string; value: string; ok: boolean }

function buildChecks(run: LoadRun, acked: readonly string[], answers: readonly Answer[], byPhone: ReadonlyMap<string, FakeMessage[]>, state: DbState, fake: FakeTwilio): Check[] {
  const sameTwice = new Map<string, number>();
  for (const m of fake.messages) sameTwice.set(`${m.to}\n${m.body}`, (sameTwice.get(`${m.to}\n${m.body}`) ?? 0) + 1);
  const doubled = [...sameTwice.values()].filter((n) => n > 1).length;
  const answeredOnce = answers.filter((a) => byPhone.get(a.phone)?.length === 1).length;
  const answering = new Set(answers.map((a) => a.phone));
  const toStrangers = [...byPhone.keys()].filter((phone) => !answering.has(phone)).length;
  const handled = answers.filter((a) => a.processedAtMs !== null).length;
  const accepted = state.offersByStatus.accepted ?? 0;
  const open = state.offersByStatus.open ?? 0;
  const badRequests = fake.requests.filter((r) => r.status !== 201).length;
  return [
    { label: 'JA webhooks answered 200', value: `${fmtNumber(run.ok)} of ${fmtNumber(OFFERS)}`, ok: run.ok === OFFERS && acked.length === OFFERS },
    { label: 'JA stored (rows for the acknowledged MessageSids)', value: `${fmtNumber(answers.length)} of ${fmtNumber(acked.length)}`, ok: answers.length === acked.length },
    { label: 'inbound rows in all', value: fmtNumber(state.inboundRows), ok: state.inboundRows === OFFERS },
    { label: 'JA handled', value: `${fmtNumber(handled)} of ${fmtNumber(answers.length)}`, ok: handled === answers.length },
    { label: 'tasks with exactly one active assignment', value: `${fmtNumber(state.tasksWithOneAssignment)} of ${fmtNumber(TASKS)} (${fmtNumber(state.activeAssignments)} assignments)`, ok: state.tasksWithOneAssignment === TASKS && state.activeAssignments === TASKS },
    { label: 'offers accepted / still open', value: `${fmtNumber(accepted)} / ${fmtNumber(open)}`, ok: accepted === TASKS && open === 0 },
    { label: '"assigned" SMS with the details', value: fmtNumber(state.assignedSms), ok: state.assignedSms === TASKS },
    { label: 'answering volunteers sent exactly one SMS after their offer', value: `${fmtNumber(answeredOnce)} of ${fmtNumber(answers.length)}`, ok: answeredOnce === OFFERS },
    { label: 'numbers sent an SMS after the offers that did not answer', value: fmtNumber(toStrangers), ok: toStrangers === 0 },
    { label: 'outbound rows / SMS at the fake', value: `${fmtNumber(state.outboundRows)} / ${fmtNumber(fake.messages.length)}`, ok: state.outboundRows === fake.messages.length },
    { label: 'the same SMS to the same number twice (fake)', value: fmtNumber(doubled), ok: doubled === 0 },
    { label: 'fake Twilio requests not answered 201', value: fmtNumber(badRequests), ok: badRequests === 0 },
  ];
}

function latencyRow(label: string, values: readonly number[]): Cell[] {
  const s = sortedAscending(values);
  return [label, fmtMs(percentile(s, 50)), fmtMs(percentile(s, 95)), fmtMs(percentile(s, 99)), fmtMs(s[s.length - 1] ?? Number.NaN)];
}

// ---- the run -----------------------------------------------------------------------------------

async function measure(r: Running): Promise<RepliesResult> {
  const taskIds = await seed(r.deps);
  console.log(`  offering ${fmtNumber(TASKS)} tasks × ${WAVE_SIZE} to ${fmtNumber(VOLUNTEERS)} volunteers …`);
  await offerAll(r, taskIds);
  const offersAtFake = r.fake.messages.length;
  const target = r.target!;
  const bodies = new AnswerBodies(await offeredPhones(r.deps), r.fake, `http://127.0.0.1:${target.port}${SMS_WEBHOOK_PATH}`);
  console.log(`  ${fmtNumber(OFFERS)} JA at ${fmtNumber(RATE)} a second over ${CONNECTIONS} connections, then until all is answered …`);
  const acked: string[] = [];
  const run = await firePaced(target.port, bodies, { seconds: OFFERS / RATE, rate: RATE, connections: CONNECTIONS }, acked);
  const quiet = await waitForQuiet(r);
  if (!quiet) console.log(`!! still handling or sending after ${SETTLE_TIMEOUT_MS / 1000} s`);

  const answers = await loadAnswers(r.deps, acked);
  const byPhone = answersByPhone(r.fake.messages.slice(offersAtFake));
  const state = await readDbState(r.deps);
  // Whether a backlog built up: the first and the last tenth of the answers, by arrival.
  const byArrival = [...answers].sort((x, y) => x.createdAtMs - y.createdAtMs);
  const tenth = Math.max(1, Math.floor(byArrival.length / 10));
  const handledOf = (part: readonly Answer[]) => part.flatMap((a) => (a.processedAtMs === null ? [] : [a.processedAtMs - a.createdAtMs]));
  const handled = handledOf(answers);
  const toDetails = winnerLatencies(answers, state.winners, byPhone);
  const toOutcome = outcomeLatencies(answers, byPhone);
  const checks = buildChecks(run, acked, answers, byPhone, state, r.fake);
  const sendShare = await detailsSendLatencies(r.deps, byPhone);

  const webhook = summarize(run);
  console.log(`\n${fmtNumber(OFFERS)} JA (${fmtNumber(TASKS)} tasks × ${WAVE_SIZE}), ${fmtNumber(RATE)} a second evenly spaced; web and worker in processes of their own`);
  console.log(formatTable(['latency', 'p50', 'p95', 'p99', 'max'], [
    latencyRow('webhook (from when each request was due)', run.latenciesMs),
    latencyRow('JA -> handled (processed_at - created_at)', handled),
    latencyRow('  the first tenth to arrive', handledOf(byArrival.slice(0, tenth))),
    latencyRow('  the last tenth to arrive', handledOf(byArrival.slice(-tenth))),
    latencyRow('winner\'s JA -> the details SMS at the fake', toDetails),
    latencyRow('  its row written -> claimed by a send', sendShare.toClaim),
    latencyRow('  claimed -> at the fake', sendShare.claimToFake),
    latencyRow('any JA -> the outcome at the fake (0: "taken" came first)', toOutcome),
  ]));
  console.log(formatTable(['check', 'value', 'result'], checks.map((c) => [c.label, c.value, checkMark(c.ok)])));
  const h = sortedAscending(handled);
  const d = sortedAscending(toDetails);
  return {
    answers: acked.length, webhook,
    handledP50Ms: percentile(h, 50), handledP99Ms: percentile(h, 99),
    detailsP50Ms: percentile(d, 50), detailsP95Ms: percentile(d, 95), detailsP99Ms: percentile(d, 99),
    checksOk: quiet && checks.every((c) => c.ok),
  };
}

export async function runRepliesBench(): Promise<RepliesResult> {
  printSection(`Bench: a burst of JA (${fmtNumber(OFFERS)} answers to ${fmtNumber(TASKS)} tasks)`);
  const fake = await FakeTwilio.start();
  const database = await createBenchDatabase('replies');
  const env = benchEnv(database, fake);
  const r: Running = { fake, database, deps: createDeps(loadConfig(env)) };
  try {
    r.worker = await startWorkerProcess(env);
    r.target = await startTarget('svarja', env);
    return await measure(r);
  } finally {
    await r.target?.stop().catch((err: unknown) => console.error('could not stop the web process:', err));
    if (r.worker) await stopProcess(r.worker);
    await sleep(100);
    await obliterateQueues(r.deps.queues).catch((err: unknown) => console.error('could not remove the bench queues:', err));
    await r.deps.close();
    await fake.close();
    await database.drop();
  }
}

runIfMain(module, async () => {
  await printMachineInfo();
  await runRepliesBench();
});
