import { sql } from 'kysely';
import { eventually, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch } from '../support/flows';
import { withAdmin } from '../support/db';
import { PrivateRedis } from '../support/private-redis';
import { WorkerProcesses, waitForOutput, type WorkerProcess } from '../support/worker-process';

jest.setTimeout(120_000);

/**
 * Faults in the middle of a dispatch, with the worker role in a process of its own (as in the
 * Procfile) and the web side in this one. Every test ends with the same promise: each offer reached
 * its volunteer exactly once and is open, and no process died.
 */

const VOLUNTEERS = 18;
const TASKS = 6; // × wave 3 = 18 offers: each volunteer gets exactly one (one live offer each)

let h: Harness;
let redis: PrivateRedis;
const workers = new WorkerProcesses(() => h.env);

beforeEach(async () => {
  redis = await PrivateRedis.start();
  h = await startHarness({
    workers: false,
    env: {
      REDIS_URL: redis.url,
      // Slow sends, so a fault lands mid-dispatch; short leases, locks and sweeps, so recovery takes seconds.
      SMS_SEND_RATE_PER_SECOND: '3',
      SMS_SEND_LEASE_SECONDS: '3',
      JOB_LOCK_SECONDS: '2',
      SWEEP_INTERVAL_SECONDS: '2',
      SWEEP_GRACE_SECONDS: '2',
      WORKER_CONCURRENCY: '3',
    },
  });
});

afterEach(async () => {
  workers.killAll();
  await h.close().catch(() => undefined); // the private Redis may be the one that is down
  await redis.close();
});

async function startDispatch(): Promise<void> {
  await createVolunteers(h, VOLUNTEERS);
  const tasks = [];
  for (let i = 0; i < TASKS; i++) tasks.push(await createTask(h, { waveSize: 3 }));
  for (const t of tasks) await dispatch(h, t.id);
}

/** Every offer's SMS reached the fake Twilio exactly once, and every offer is open. */
async function expectEveryOfferOpenAndSentOnce(timeoutMs = 90_000): Promise<void> {
  const offers = await eventually(async () => {
    const rows = await h.deps.db.selectFrom('offer').innerJoin('volunteer', 'volunteer.id', 'offer.volunteer_id')
      .select(['offer.id', 'offer.status', 'offer.expires_at', 'volunteer.phone']).execute();
    return rows.length === VOLUNTEERS && rows.every((o) => o.status === 'open') ? rows : undefined;
  }, timeoutMs, `all ${VOLUNTEERS} offers open`);
  // Time for a duplicate send to show up, had there been one.
  await new Promise((r) => setTimeout(r, 1_000));
  const phones = new Set(offers.map((o) => o.phone));
  const offerSms = h.fake.messages.filter((m) => phones.has(m.to));
  const perPhone = new Map<string, number>();
  for (const m of offerSms) perPhone.set(m.to, (perPhone.get(m.to) ?? 0) + 1);
  expect(offerSms).toHaveLength(VOLUNTEERS);
  for (const o of offers) {
    expect(perPhone.get(o.phone ?? '')).toBe(1);
    expect(o.expires_at).not.toBeNull();
  }
}

function expectAlive(...processes: WorkerProcess[]): void {
  for (const p of processes) expect({ exitCode: p.child.exitCode, signal: p.child.signalCode }).toEqual({ exitCode: null, signal: null });
}

describe('Redis loses everything in the middle of a dispatch', () => {
  it('FLUSHALL: the watchdog re-creates the sweeper, which re-derives every lost job; nothing is sent twice', async () => {
    const worker = await workers.start();
    await startDispatch();
    await h.fake.waitForMessages(4, 30_000);
    await redis.flushAll();
    await expectEveryOfferOpenAndSentOnce();
    await waitForOutput(worker, /job schedules were missing from Redis; re-created them/, 10_000);
    expect(await h.deps.queues.byName.maintenance.getJobScheduler('sweep')).toBeDefined();
    expectAlive(worker);
  });

  it('Redis down and back empty: webhooks are still stored and acknowledged, workers resume, nothing lost or doubled', async () => {
    const worker = await workers.start();
    await startDispatch();
    await h.fake.waitForMessages(4, 30_000);
    await redis.stop();

    // The web side keeps its promise while Redis is away: stored first, then 200, in bounded time.
    const started = Date.now();
    const reply = await h.sms('+4790000001', 'Hei, hvem er dette?');
    expect(reply.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    const stored = await h.deps.db.selectFrom('message').select(['id', 'processed_at']).where('twilio_sid', '=', reply.messageSid).executeTakeFirst();
    expect(stored).toMatchObject({ processed_at: null });
    const ready = await fetch(`${h.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: unknown }).checks).toMatchObject({ database: 'ok', redis: expect.stringContaining('did not answer') });

    await new Promise((r) => setTimeout(r, 3_000));
    await redis.startServer(); // empty, as a Redis without persistence comes back
    await expectEveryOfferOpenAndSentOnce();
    // The message that came in while Redis was away was handled once Redis was back.
    await eventually(async () => (await h.deps.db.selectFrom('message').select('processed_at').where('id', '=', stored!.id).executeTakeFirst())?.processed_at, 30_000, 'the inbound sms handled');
    await eventually(async () => h.fake.messagesTo('+4790000001').length === 1, 20_000, 'the answer to the unknown sender');
    await waitForOutput(worker, /sweeping at once/, 10_000);
    expect((await fetch(`${h.baseUrl}/readyz`)).status).toBe(200);
    expectAlive(worker);
  });
});

describe('Postgres connections die in the middle of a dispatch', () => {
  it('backends terminated three times: jobs fail and retry, no process exits, every offer goes out once', async () => {
    const worker = await workers.start();
    await startDispatch();
    const dbName = new URL(h.env.DATABASE_URL!).pathname.slice(1);
    for (let round = 1; round <= 3; round++) {
      await h.fake.waitForMessages(3 * round, 60_000);
      const killed = await withAdmin((c) => c.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]));
      expect(killed.rowCount).toBeGreaterThan(0);
    }
    await expectEveryOfferOpenAndSentOnce();
    expectAlive(worker);
    await waitForOutput(worker, /a database connection failed/, 10_000);
  });
});

describe('a crash right after Twilio took an offer SMS', () => {
  it('the delivered callback opens the offer; the retried send neither sends again nor leaves it pending', async () => {
    await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    const first = await workers.start();
    h.fake.hangNext(1); // Twilio creates the message, but its 201 never reaches the sender
    await dispatch(h, task.id);
    const [sms] = await h.fake.waitForMessages(1, 20_000);
    first.child.kill('SIGKILL');
    await first.exited;

    const offer = await h.deps.db.selectFrom('offer').selectAll().where('task_id', '=', task.id).executeTakeFirstOrThrow();
    expect(offer.status).toBe('pending');
    expect(await h.fake.sendStatusCallback(sms!.sid, 'delivered')).toBe(204);
    const opened = await h.deps.db.selectFrom('offer').selectAll().where('id', '=', offer.id).executeTakeFirstOrThrow();
    expect(opened.status).toBe('open');
    expect(opened.expires_at!.getTime() - opened.sent_at!.getTime()).toBe(30 * 60_000);

    const second = await workers.start();
    // The lost send job is re-derived; the message is at Twilio already, so it only confirms the offer.
    await eventually(async () => (await h.deps.db.selectFrom('sweeper_count').select('n').where('counter', '=', 'runs').executeTakeFirst()) ? true : undefined, 20_000);
    await new Promise((r) => setTimeout(r, 5_000)); // past the lease and a sweep or two
    expect(h.fake.messages).toHaveLength(1);
    const message = await h.deps.db.selectFrom('message').selectAll().where('offer_id', '=', offer.id).executeTakeFirstOrThrow();
    expect(message).toMatchObject({ status: 'delivered', twilio_sid: sms!.sid });
    expect(message.sent_at).not.toBeNull();
    expect((await h.deps.db.selectFrom('offer').select('status').where('id', '=', offer.id).executeTakeFirstOrThrow()).status).toBe('open');
    // Its expiry timer exists: the answer window will end.
    const jobs = await h.deps.queues.byName.dispatch.getDelayed();
    expect(jobs.map((j) => j.name)).toContain('expire-offers'); // one timer per task and deadline step (issue 14)
    expectAlive(second);
  });

  it('with the callback lost too, the sweeper finds an offer whose SMS the provider has and opens it', async () => {
    await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    const worker = await workers.start();
    await dispatch(h, task.id);
    const offer = await eventually(() => h.deps.db.selectFrom('offer').selectAll().where('task_id', '=', task.id).where('status', '=', 'open').executeTakeFirst(), 20_000);
    // What a crash between Twilio's 201 and our commit, followed by an older callback handler, left behind.
    await sql`UPDATE offer SET status = 'pending', sent_at = NULL, expires_at = NULL WHERE id = ${offer.id}`.execute(h.deps.db);
    await sql`UPDATE message SET updated_at = now() - interval '1 minute' WHERE offer_id = ${offer.id}`.execute(h.deps.db);

    await eventually(async () => (await h.deps.db.selectFrom('offer').select('status').where('id', '=', offer.id).executeTakeFirstOrThrow()).status === 'open', 20_000, 'the sweeper to open the offer');
    expect(h.fake.messages).toHaveLength(1);
    // Logged just after the commit that opened it.
    await waitForOutput(worker, /offer opened for an sms the provider already had/, 10_000);
    const counted = await h.deps.db.selectFrom('sweeper_count').select('n').where('counter', '=', 'send-sms').executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBeGreaterThanOrEqual(1);
  });
});
