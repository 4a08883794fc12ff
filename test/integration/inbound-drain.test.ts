import { sql } from 'kysely';
import { Client } from 'pg';
import { recordInboundSms } from '../../src/services/record-inbound-sms';
import { handleWaitingInbound, type InboundRoundLimits } from '../../src/services/handle-waiting-inbound';
import { handleInboundSmsOrSetAside, identifySenders } from '../../src/services/handle-inbound-sms';
import { insertRequester } from '../../src/db/requester.repo';
import { logInWithFetch } from '../support/web-login';
import { createTask, createVolunteers, dispatch, findVolunteerJson, getTask, waitForOpenOffers } from '../support/flows';
import { eventually, newMessageSid, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';

// Issue 14: inbound SMS are handled from Postgres in rounds (one transaction for many senders),
// with the same outcomes, order and throttles as one handle-inbound-sms job per message.

let h: Harness;
afterEach(async () => {
  await h.close();
});

const unknown = (i: number) => `+4741${String(200_000 + i).padStart(6, '0')}`;

async function store(from: string, body: string): Promise<string> {
  const { messageId } = await recordInboundSms(h.deps.ctx, { messageSid: newMessageSid(), from, to: SERVICE_NUMBER, body });
  return messageId!;
}

async function inbound() {
  return h.deps.db.selectFrom('message').select(['id', 'from_phone', 'body', 'classification', 'processed_at'])
    .where('direction', '=', 'inbound').orderBy('id').execute();
}

/** The operator's view of messages whose handling failed, from /metrics. */
async function failedMessagesMetric(): Promise<Record<string, number>> {
  const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
  return Object.fromEntries([...text.matchAll(/^svarja_inbound_handling_failed_messages\{state="(\w+)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

async function repliesTo(phone: string) {
  return h.deps.db.selectFrom('message').select(['kind', 'body']).where('direction', '=', 'outbound').where('to_phone', '=', phone).orderBy('id').execute();
}

describe('inbound rounds, no worker running', () => {
  beforeEach(async () => {
    h = await startHarness({ workers: false });
  });

  it("one round handles every waiting sender's messages in arrival order, as one job per message would", async () => {
    const [ana] = await createVolunteers(h, 1);
    await store(unknown(1), 'JA');
    await store(ana!.phone, 'STOPP');
    await store(unknown(2), 'Hei, hvem er dette?');
    await store(ana!.phone, 'START');
    await store(unknown(1), 'JA!');
    await store(unknown(1), 'Hallo?');

    expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 6, failedSenders: [] });
    const rows = await inbound();
    expect(rows.every((r) => r.processed_at !== null)).toBe(true);
    expect(rows.filter((r) => r.from_phone === ana!.phone).map((r) => r.classification)).toEqual(['stop', 'start']);
    // START was read after STOPP had opted her out, in the same transaction.
    expect((await findVolunteerJson(h, ana!.id)).optedOut).toBe(false);
    expect((await repliesTo(ana!.phone)).map((m) => m.body)).toEqual([expect.stringMatching(/Du er meldt av/), expect.stringMatching(/Velkommen tilbake/)]);
    // The auto-reply throttle (two an hour) counts the replies this round wrote before.
    expect((await repliesTo(unknown(1))).map((m) => m.kind)).toEqual(['unknown_sender', 'unknown_sender']);
    expect(await repliesTo(unknown(2))).toHaveLength(1);

    expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 0, failedSenders: [] });
  });

  it('one round tells requesters (one with two numbers), volunteers and unknown numbers apart', async () => {
    const [ana] = await createVolunteers(h, 1);
    const homeA = ['+4791000001', '+4791000002'];
    const homeB = ['+4791000003'];
    const a = await insertRequester(h.deps.db, { name: 'Solbakken', unitId: null, contactName: null, defaultPlace: null, phones: homeA }, new Date());
    const b = await insertRequester(h.deps.db, { name: 'Lia', unitId: null, contactName: null, defaultPlace: null, phones: homeB }, new Date());

    const senders = await identifySenders(h.deps.db, [...homeA, ...homeB, ana!.phone, unknown(9)]);
    const who = (phone: string) => {
      const s = senders.get(phone)!;
      return s.kind === 'requester' ? [s.kind, s.requester.id, s.requester.phones] : s.kind === 'volunteer' ? [s.kind, s.volunteer.id] : [s.kind];
    };
    expect(who(homeA[0]!)).toEqual(['requester', a, homeA]);
    expect(who(homeA[1]!)).toEqual(['requester', a, homeA]);
    expect(who(homeB[0]!)).toEqual(['requester', b, homeB]);
    expect(who(ana!.phone)).toEqual(['volunteer', ana!.id]);
    expect(who(unknown(9))).toEqual(['unknown']);
  });

  it('a reply is never dated before the message it answers, even when the message is stamped later than the round began', async () => {
    // A web process whose clock runs 5 s ahead of the worker's (or a message committed after a round read the clock).
    const ahead = { ...h.deps.ctx, now: () => new Date(h.clock.now().getTime() + 5_000) };
    const { messageId } = await recordInboundSms(ahead, { messageSid: newMessageSid(), from: unknown(7), to: SERVICE_NUMBER, body: 'Hei' });

    expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 1, failedSenders: [] });
    const message = await h.deps.db.selectFrom('message').select(['created_at', 'processed_at']).where('id', '=', messageId!).executeTakeFirstOrThrow();
    const [reply] = await h.deps.db.selectFrom('message').select('created_at').where('direction', '=', 'outbound').where('to_phone', '=', unknown(7)).execute();
    expect(reply!.created_at.getTime()).toBeGreaterThanOrEqual(message.created_at.getTime());
    expect(message.processed_at!.getTime()).toBeGreaterThanOrEqual(message.created_at.getTime());

    // The same through a handle-inbound-sms job.
    const second = await recordInboundSms(ahead, { messageSid: newMessageSid(), from: unknown(8), to: SERVICE_NUMBER, body: 'Hei' });
    expect(await handleInboundSmsOrSetAside(h.deps.ctx, second.messageId!)).toBe('unknown_sender');
    const row = await h.deps.db.selectFrom('message').select(['created_at', 'processed_at']).where('id', '=', second.messageId!).executeTakeFirstOrThrow();
    const [answer] = await h.deps.db.selectFrom('message').select('created_at').where('direction', '=', 'outbound').where('to_phone', '=', unknown(8)).execute();
    expect(answer!.created_at.getTime()).toBeGreaterThanOrEqual(row.created_at.getTime());
    expect(row.processed_at!.getTime()).toBeGreaterThanOrEqual(row.created_at.getTime());
  });

  it('rounds side by side never take the same sender: each message once, each sender in order', async () => {
    const senders = 30;
    const perSender = 6;
    for (let k = 0; k < perSender; k++) for (let i = 0; i < senders; i++) await store(unknown(i), `melding ${k}`);
    const limits: InboundRoundLimits = { maxSenders: 3, maxMessages: 5 };
    const roundsByLane = [0, 0, 0, 0];
    const unhandled = async () => (await inbound()).filter((r) => r.processed_at === null).length;
    await Promise.all(roundsByLane.map(async (_, lane) => {
      while ((await unhandled()) > 0) {
        const round = await handleWaitingInbound(h.deps.ctx, [], limits);
        expect(round.failedSenders).toEqual([]);
        if (round.handled > 0) roundsByLane[lane]!++;
      }
    }));

    expect(roundsByLane.filter((n) => n > 0).length).toBeGreaterThan(1);
    const rows = await inbound();
    for (let i = 0; i < senders; i++) {
      const mine = rows.filter((r) => r.from_phone === unknown(i));
      expect(mine.map((r) => r.body)).toEqual(Array.from({ length: perSender }, (_, k) => `melding ${k}`));
      const handledAt = mine.map((r) => r.processed_at!.getTime());
      expect(handledAt).toEqual([...handledAt].sort((a, b) => a - b));
      // Two senders' handlers at once would each have seen room under the throttle.
      expect(await repliesTo(unknown(i))).toHaveLength(2);
    }
  });

  it("a sender someone else is handling (a job, another round) is left alone, not waited for", async () => {
    const admin = new Client({ connectionString: h.env.DATABASE_URL });
    await admin.connect();
    try {
      await store(unknown(1), 'JA');
      await store(unknown(2), 'JA');
      // What handle-inbound-sms (lockSender) or a round holds while it handles the sender.
      await admin.query('BEGIN');
      await admin.query('SELECT pg_advisory_xact_lock(8315002, hashtext($1))', [unknown(1)]);
      expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 1, failedSenders: [] });
      expect((await inbound()).filter((r) => r.processed_at === null).map((r) => r.from_phone)).toEqual([unknown(1)]);
      await admin.query('COMMIT');
      expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 1, failedSenders: [] });
    } finally {
      await admin.end();
    }
  });

  it('a message that cannot be handled holds up only its own sender, who is then skipped', async () => {
    const admin = new Client({ connectionString: h.env.DATABASE_URL });
    await admin.connect();
    try {
      // A fault tied to one message: its outcome cannot be written.
      await admin.query("ALTER TABLE message ADD CONSTRAINT boom CHECK (NOT (body = 'BOOM' AND classification IS NOT NULL)) NOT VALID");
      await store(unknown(1), 'JA');
      await store(unknown(2), 'BOOM');
      await store(unknown(3), 'JA');
      await store(unknown(2), 'JA');

      expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 2, failedSenders: [unknown(2)] });
      const left = (await inbound()).filter((r) => r.processed_at === null);
      // The sender's later message waits behind the one that failed.
      expect(left.map((r) => [r.from_phone, r.body])).toEqual([[unknown(2), 'BOOM'], [unknown(2), 'JA']]);

      await store(unknown(4), 'JA');
      expect(await handleWaitingInbound(h.deps.ctx, [unknown(2)])).toEqual({ handled: 1, failedSenders: [] });
      expect((await inbound()).filter((r) => r.processed_at === null)).toHaveLength(2);

      expect(await failedMessagesMetric()).toEqual({ retrying: 1, set_aside: 0, recovered: 0 });

      await admin.query('ALTER TABLE message DROP CONSTRAINT boom');
      expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 2, failedSenders: [] });
      expect((await inbound()).every((r) => r.processed_at !== null)).toBe(true);
      expect(await failedMessagesMetric()).toEqual({ retrying: 0, set_aside: 0, recovered: 1 });
    } finally {
      await admin.query('ALTER TABLE message DROP CONSTRAINT IF EXISTS boom');
      await admin.end();
    }
  });
});

describe('a message whose handling keeps failing', () => {
  let admin: Client;
  beforeEach(async () => {
    h = await startHarness({ workers: false });
    admin = new Client({ connectionString: h.env.DATABASE_URL });
    await admin.connect();
    // A fault tied to one message: whatever the handler makes of it cannot be written (setting it aside can).
    await admin.query("ALTER TABLE message ADD CONSTRAINT boom CHECK (NOT (body = 'BOOM' AND classification IS NOT NULL AND classification <> 'handling_failed')) NOT VALID");
  });
  afterEach(async () => {
    await admin.query('ALTER TABLE message DROP CONSTRAINT IF EXISTS boom');
    await admin.end();
  });

  const failuresOf = async (id: string) => (await h.deps.db.selectFrom('message').select(['handling_failures', 'processed_at', 'classification', 'needs_attention', 'volunteer_id'])
    .where('id', '=', id).executeTakeFirstOrThrow());
  const minutes = (n: number) => n * 60_000;

  it('is set aside for a coordinator after 5 failures over 10 minutes, and the sender\'s later messages go on', async () => {
    const [ola] = await createVolunteers(h, 1);
    const boom = await store(ola!.phone, 'BOOM');
    const later = await store(ola!.phone, 'Hei, hvem er dette?');
    await store(unknown(1), 'JA');

    // Each round fails the message once (its sender's later message is not tried, so not counted twice).
    expect(await handleWaitingInbound(h.deps.ctx, [])).toEqual({ handled: 1, failedSenders: [ola!.phone] });
    for (let round = 2; round <= 6; round++) {
      h.clock.advance(minutes(round === 6 ? 6 : 1)); // rounds 2-5 within 4 minutes, round 6 at 10 minutes
      const result = await handleWaitingInbound(h.deps.ctx, []);
      if (round < 6) {
        expect(result).toEqual({ handled: 0, failedSenders: [ola!.phone] });
        expect((await failuresOf(boom)).handling_failures).toBe(round);
        expect((await failuresOf(boom)).processed_at).toBeNull();
        expect(await failedMessagesMetric()).toEqual({ retrying: 1, set_aside: 0, recovered: 0 });
      } else {
        // Five failures were not enough before ten minutes had passed; now it is set aside, and the
        // later message is handled in the same round.
        expect(result).toEqual({ handled: 2, failedSenders: [] });
      }
    }

    expect(await failuresOf(boom)).toMatchObject({ handling_failures: 6, classification: 'handling_failed', needs_attention: true, volunteer_id: ola!.id });
    expect((await failuresOf(boom)).processed_at).not.toBeNull();
    expect(await failuresOf(later)).toMatchObject({ handling_failures: 0, classification: 'help_question' });
    expect(await failedMessagesMetric()).toEqual({ retrying: 0, set_aside: 1, recovered: 0 });
    const coordinator = await logInWithFetch(h, { email: 'innboks@example.no', role: 'coordinator' });
    const html = await (await fetch(`${h.baseUrl}/admin/inbox`, { headers: { cookie: coordinator.cookie } })).text();
    expect(html).toContain('Kunne ikke behandles automatisk');
    expect(html).toContain(ola!.name);
  });

  it('a job for a later message counts the failure against the earlier one that failed', async () => {
    const boom = await store(unknown(2), 'BOOM');
    const later = await store(unknown(2), 'JA');

    await expect(handleInboundSmsOrSetAside(h.deps.ctx, later)).rejects.toMatchObject({ name: 'InboundHandlingError', messageId: boom });
    expect((await failuresOf(boom)).handling_failures).toBe(1);
    expect((await failuresOf(later)).handling_failures).toBe(0);
    for (let i = 0; i < 3; i++) await expect(handleInboundSmsOrSetAside(h.deps.ctx, later)).rejects.toThrow(/could not be handled/);

    h.clock.advance(minutes(10));
    expect(await handleInboundSmsOrSetAside(h.deps.ctx, later)).toBe('unknown_sender');
    expect(await failuresOf(boom)).toMatchObject({ handling_failures: 5, classification: 'handling_failed' });
    expect((await failuresOf(later)).processed_at).not.toBeNull();
  });
});

describe('a burst of JA across many tasks', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('lanes side by side: every task gets exactly one volunteer, and rounds never deadlock on task locks', async () => {
    const tasks = 12;
    const volunteers = await createVolunteers(h, tasks * 3);
    const ids: string[] = [];
    for (let i = 0; i < tasks; i++) {
      const task = await createTask(h, { waveSize: 3 });
      await dispatch(h, task.id);
      await waitForOpenOffers(h, task.id, 3);
      ids.push(task.id);
    }
    await h.stopWorkers(); // the lanes below are the only handlers
    const offered = await h.deps.db.selectFrom('offer as o').innerJoin('volunteer as v', 'v.id', 'o.volunteer_id')
      .select(['v.phone', 'o.task_id']).where('o.status', '=', 'open').orderBy('o.id').execute();
    expect(offered).toHaveLength(tasks * 3);
    // Replies in the order that makes two rounds meet the same tasks in opposite orders: for each
    // six tasks, their first volunteers in task order, then their second ones in reverse.
    const nth = (taskId: string, n: number) => offered.filter((o) => o.task_id === taskId)[n]!.phone!;
    for (let start = 0; start < tasks; start += 6) {
      const six = ids.slice(start, start + 6);
      for (const t of six) await store(nth(t, 0), 'JA');
      for (const t of [...six].reverse()) await store(nth(t, 1), 'JA');
    }
    for (const t of ids) await store(nth(t, 2), 'JA');
    const deadlocks = async () => Number((await sql<{ n: string }>`SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()`.execute(h.deps.db)).rows[0]!.n);
    const before = await deadlocks();
    const limits: InboundRoundLimits = { maxSenders: 6, maxMessages: 6 };
    const unhandled = async () => (await inbound()).filter((r) => r.processed_at === null).length;
    await Promise.all([0, 1, 2, 3].map(async () => {
      while ((await unhandled()) > 0) await handleWaitingInbound(h.deps.ctx, [], limits);
    }));

    const assigned = await h.deps.db.selectFrom('assignment').select('task_id').where('task_id', 'in', ids).execute();
    expect(assigned.map((a) => a.task_id).sort()).toEqual([...ids].sort());
    expect(volunteers.length).toBe(tasks * 3);
    expect(await deadlocks()).toBe(before);
  });
});

describe('the inbound drain in a worker', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('a JA through the webhook assigns the task with no handle-inbound-sms job', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    expect((await h.sms(ana!.phone, 'JA')).status).toBe(200);
    const view = await eventually(async () => {
      const t = await getTask(h, task.id);
      return t.status === 'assigned' ? t : undefined;
    });
    expect(view.assignedVolunteer!.id).toBe(ana!.id);
    const jobs = await h.deps.queues.byName.dispatch.getJobs(['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed']);
    expect(jobs.filter((j) => j.name === 'handle-inbound-sms')).toEqual([]);
  });
});
