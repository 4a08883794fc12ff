import { Client } from 'pg';
import type Redis from 'ioredis';
import { inboundChannelFor } from '../../src/live/inbound-signal';
import { recordInboundBatch } from '../../src/services/record-inbound-batch';
import { handleWaitingInbound } from '../../src/services/handle-waiting-inbound';
import { sweep } from '../../src/services/sweep';
import { eventually, newMessageSid, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';

// Issue 14: inbound SMS that arrive together are stored with one INSERT and the inbound drains
// are woken with one signal; each webhook is still answered only after its own row is committed.

let h: Harness;
let admin: Client;
let subscriber: Redis;
/** Signals heard on the inbound channel. */
let signals: number;
beforeEach(async () => {
  h = await startHarness({ workers: false }); // the stored rows wait, unhandled, where the tests see them
  admin = new Client({ connectionString: h.env.DATABASE_URL });
  await admin.connect();
  signals = 0;
  subscriber = h.deps.redis.duplicate();
  subscriber.on('message', () => signals++);
  await subscriber.subscribe(inboundChannelFor(h.config.queuePrefix));
});
afterEach(async () => {
  subscriber.disconnect();
  await admin.end();
  await h.close();
});

const phone = (i: number) => `+4741${String(100_000 + i).padStart(6, '0')}`;

async function inboundRows(): Promise<{ id: string; twilio_sid: string | null; body: string | null }[]> {
  return h.deps.db.selectFrom('message').select(['id', 'twilio_sid', 'body']).where('direction', '=', 'inbound').orderBy('id').execute();
}

/** The ids of the stored messages not yet handled: the inbound drain's work (no worker runs). */
async function waitingIds(): Promise<string[]> {
  const rows = await h.deps.db.selectFrom('message').select('id').where('direction', '=', 'inbound').where('processed_at', 'is', null).execute();
  return rows.map((r) => r.id).sort();
}

async function signalled(): Promise<void> {
  await eventually(async () => signals > 0, 5_000, 'the inbound signal');
}

/** Holds every INSERT into message (SELECTs still run) until the returned function is called. */
async function holdInserts(): Promise<() => Promise<void>> {
  await admin.query('BEGIN');
  await admin.query('LOCK TABLE message IN SHARE ROW EXCLUSIVE MODE');
  return async () => { await admin.query('COMMIT'); };
}

/** Waits until `n` sessions wait for a lock on message: the webhooks' INSERTs have reached Postgres. */
async function waitForBlockedInserts(): Promise<void> {
  await eventually(async () => {
    const r = await admin.query<{ n: string }>("SELECT count(*) AS n FROM pg_locks WHERE relation = 'message'::regclass AND NOT granted");
    return Number(r.rows[0]!.n) > 0 ? true : undefined;
  }, 10_000, 'an INSERT blocked on the lock');
}

function send(from: string, body: string, sid = newMessageSid()) {
  const answered = { at: undefined as number | undefined };
  const response = h.sms(from, body, sid).then((r) => {
    answered.at = Date.now();
    return r;
  });
  return { sid, answered, response };
}

describe('the batched SMS webhook', () => {
  it('50 concurrent webhooks: no 200 before the rows are committed, then 50 rows waiting for the drain, 50 × 200', async () => {
    const release = await holdInserts();
    const sent = Array.from({ length: 50 }, (_, i) => send(phone(i), `JA ${i}`));
    await waitForBlockedInserts();
    await new Promise((r) => setTimeout(r, 300));
    expect(sent.filter((s) => s.answered.at !== undefined)).toHaveLength(0);
    expect(await inboundRows()).toHaveLength(0);

    await release();
    const responses = await Promise.all(sent.map((s) => s.response));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const rows = await inboundRows();
    expect(new Set(rows.map((r) => r.twilio_sid))).toEqual(new Set(sent.map((s) => s.sid)));
    expect(await waitingIds()).toEqual(rows.map((r) => r.id).sort());
    await signalled();
  });

  it('the same MessageSid twice in one batch, and again later: one row, handled once, every delivery 200', async () => {
    const release = await holdInserts();
    const sid = newMessageSid();
    const sent = [send(phone(1), 'JA', sid), send(phone(2), 'NEI'), send(phone(1), 'JA', sid)];
    await waitForBlockedInserts();
    await release();
    expect((await Promise.all(sent.map((s) => s.response))).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await h.sms(phone(1), 'JA', sid)).status).toBe(200); // a retry after the batch
    const rows = await inboundRows();
    expect(rows.map((r) => r.twilio_sid).sort()).toEqual([sid, sent[1]!.sid].sort());
    expect(await waitingIds()).toEqual(rows.map((r) => r.id).sort());
    expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 2, failedSenders: [] });
  });

  it('a repeated delivery in a batch finds the row stored before', async () => {
    const first = await h.sms(phone(1), 'JA');
    const [row] = await inboundRows();
    const outcomes = await recordInboundBatch(h.deps.ctx, [
      { messageSid: first.messageSid, from: phone(1), to: SERVICE_NUMBER, body: 'JA' },
      { messageSid: newMessageSid(), from: phone(2), to: SERVICE_NUMBER, body: 'NEI' },
    ]);
    expect(outcomes[0]).toEqual({ ok: true, value: { messageId: row!.id, duplicate: true } });
    expect(outcomes[1]).toMatchObject({ ok: true, value: { duplicate: false } });

    const twice = newMessageSid();
    const [a, b] = await recordInboundBatch(h.deps.ctx, [1, 2].map(() => ({ messageSid: twice, from: phone(3), to: SERVICE_NUMBER, body: 'JA' })));
    expect(a).toMatchObject({ ok: true, value: { duplicate: false } });
    expect(b).toEqual({ ok: true, value: { messageId: (a as { value: { messageId: string } }).value.messageId, duplicate: true } });
    expect(await inboundRows()).toHaveLength(3);
  });

  it('when the insert fails, every waiting webhook gets a 500 and nothing is stored or signalled', async () => {
    await admin.query(`CREATE FUNCTION refuse_inbound() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
    await admin.query('CREATE TRIGGER refuse_inbound BEFORE INSERT ON message FOR EACH ROW EXECUTE FUNCTION refuse_inbound()');
    const release = await holdInserts();
    const sent = Array.from({ length: 10 }, (_, i) => send(phone(i), 'JA'));
    await waitForBlockedInserts();
    await release();
    expect((await Promise.all(sent.map((s) => s.response))).map((r) => r.status)).toEqual(Array(10).fill(500));
    expect(await inboundRows()).toHaveLength(0);
    expect(signals).toBe(0);
  });

  it('one row Postgres refuses fails only its own webhook: the rest are stored one by one', async () => {
    await admin.query(`CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.body = 'BOOM' THEN RAISE EXCEPTION 'bad row'; END IF; RETURN NEW; END $$`);
    await admin.query('CREATE TRIGGER refuse_boom BEFORE INSERT ON message FOR EACH ROW EXECUTE FUNCTION refuse_boom()');
    const release = await holdInserts();
    const sent = Array.from({ length: 10 }, (_, i) => send(phone(i), i === 4 ? 'BOOM' : `JA ${i}`));
    await waitForBlockedInserts();
    await release();
    const statuses = (await Promise.all(sent.map((s) => s.response))).map((r) => r.status);
    expect(statuses).toEqual(sent.map((_, i) => (i === 4 ? 500 : 200)));
    const rows = await inboundRows();
    expect(rows.map((r) => r.body).sort()).toEqual(sent.flatMap((_, i) => (i === 4 ? [] : [`JA ${i}`])).sort());
    expect(await waitingIds()).toEqual(rows.map((r) => r.id).sort());
  });

  it('Redis away after the commit: the deliveries are acknowledged, a drain finds them anyway, and so does the sweeper', async () => {
    const batch = Array.from({ length: 5 }, (_, i) => ({ messageSid: newMessageSid(), from: phone(i), to: SERVICE_NUMBER, body: 'JA' }));
    const outcomes = await recordInboundBatch({ ...h.deps.ctx, inbound: { arrived: () => undefined } }, batch);
    expect(outcomes.every((o) => o.ok && !o.value.duplicate)).toBe(true);
    expect(signals).toBe(0);
    const stored = (await inboundRows()).map((r) => r.id).sort();
    expect(await waitingIds()).toEqual(stored);

    // No drain running either: the sweeper's handle-inbound-sms jobs are the last line.
    h.clock.advance((h.config.sweepGraceSeconds + 1) * 1000);
    const report = await sweep(h.deps.ctx);
    expect(report.inbound).toBe(5);
    const jobs = await h.deps.queues.byName.dispatch.getJobs(['waiting', 'prioritized', 'delayed', 'active']);
    expect(jobs.filter((j) => j.name === 'handle-inbound-sms').map((j) => String((j.data as { messageId: string }).messageId)).sort()).toEqual(stored);

    // A drain's timer finds them without any signal.
    expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 5, failedSenders: [] });
    expect(await waitingIds()).toEqual([]);
  });
});
