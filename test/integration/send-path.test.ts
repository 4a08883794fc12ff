import { startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch, outboundMessages } from '../support/flows';
import { expireOffers, WAVE_TIMER_STEP_MS } from '../../src/services/expire-offers';
import { fillTask } from '../../src/services/fill-task';
import { sql } from 'kysely';
import { RetryableSendError, sendSms, sendSmsBatch } from '../../src/services/send-sms';
import { sweep } from '../../src/services/sweep';
import { runUseCase } from '../../src/services/effects';

jest.setTimeout(60_000);

/** The lean send path (issue 14): a wave's offers share one expiry timer. */
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ workers: false });
});
afterEach(async () => {
  await h.close();
});

/** Moves the test clock to `at` (back or forth): what each send reads as now. */
function pinClock(at: number): void {
  h.clock.advance(at - h.clock.now().getTime());
}

/** A task with a wave of `wave` offers filled, their SMS queued but not sent (no workers run). */
async function queuedWave(wave: number): Promise<{ taskId: string; messageIds: string[] }> {
  await createVolunteers(h, wave);
  const task = await createTask(h, { waveSize: wave });
  await dispatch(h, task.id);
  await fillTask(h.deps.ctx, task.id);
  const messages = await outboundMessages(h, { kind: 'offer' });
  expect(messages).toHaveLength(wave);
  return { taskId: task.id, messageIds: messages.map((m) => m.id) };
}

async function offersOf(taskId: string) {
  return h.deps.db.selectFrom('offer').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
}

async function expiryTimers() {
  return (await h.deps.queues.byName.dispatch.getJobs(['delayed', 'waiting'])).filter((j) => j.name === 'expire-offer' || j.name === 'expire-offers');
}

/** Sends a wave's SMS one after another, each at the start of the same timer step (as a wave sent within moments). */
async function sendWave(messageIds: string[]): Promise<void> {
  const stepStart = Math.ceil((Date.now() + 1_000) / WAVE_TIMER_STEP_MS) * WAVE_TIMER_STEP_MS;
  for (const id of messageIds) {
    pinClock(stepStart + 100);
    expect(await sendSms(h.deps.ctx, id, false)).toBe('sent');
  }
}

describe('the offers of a wave', () => {
  it('a wave of three offers gets one expiry timer, which expires all three and sends the next wave', async () => {
    await createVolunteers(h, 3); // the next wave's volunteers
    const { taskId, messageIds } = await queuedWave(3);
    await sendWave(messageIds);
    const timers = await expiryTimers();
    expect(timers.map((j) => j.name)).toEqual(['expire-offers']);
    expect(timers[0]!.data).toMatchObject({ taskId });
    const at = new Date(timers[0]!.data.at as number);
    const offers = await offersOf(taskId);
    for (const o of offers) expect(o.expires_at!.getTime()).toBeLessThanOrEqual(at.getTime());

    expect(await expireOffers(h.deps.ctx, taskId, at)).toBe('not_due'); // fired early: nothing happens
    pinClock(at.getTime());
    expect(await expireOffers(h.deps.ctx, taskId, at)).toBe('expired');
    const after = await offersOf(taskId);
    expect(after.slice(0, 3).map((o) => o.status)).toEqual(['expired', 'expired', 'expired']);
    expect(after.slice(3).map((o) => o.status)).toEqual(['pending', 'pending', 'pending']);
    expect(await expireOffers(h.deps.ctx, taskId, at)).toBe('not_open'); // a repeated job does nothing
  });

  it('Redis flushed: the sweeper restores the wave timer as one job, once the deadline has passed', async () => {
    const { taskId, messageIds } = await queuedWave(3);
    await sendWave(messageIds);
    for (const q of Object.values(h.deps.queues.byName)) await q.obliterate({ force: true });

    expect(await sweep(h.deps.ctx)).toMatchObject({ expiries: 0 }); // not due yet: nothing to re-derive
    const [first] = await offersOf(taskId);
    pinClock(first!.expires_at!.getTime() + WAVE_TIMER_STEP_MS + (h.config.sweepGraceSeconds + 1) * 1000);
    expect(await sweep(h.deps.ctx)).toMatchObject({ expiries: 1 });
    const timers = await expiryTimers();
    expect(timers.map((j) => [j.name, j.data.taskId, j.opts.delay ?? 0])).toEqual([['expire-offers', taskId, 0]]); // due: runs now
    expect(await sweep(h.deps.ctx)).toMatchObject({ expiries: 0 }); // its job is there now

    expect(await expireOffers(h.deps.ctx, taskId, new Date(timers[0]!.data.at as number))).toBe('expired');
    expect((await offersOf(taskId)).map((o) => o.status)).toEqual(['expired', 'expired', 'expired']);
  });
});

describe('a batch of sends (the jobs a worker started together)', () => {
  it('is claimed and recorded together: each SMS leaves once, each offer opens, one timer for the wave; a message asked for twice in one batch leaves once', async () => {
    const { taskId, messageIds } = await queuedWave(5);
    const outcomes = await sendSmsBatch(h.deps.ctx, [...messageIds, messageIds[0]!].map((messageId) => ({ messageId, isLastAttempt: false })));

    expect(outcomes.slice(0, 5)).toEqual(messageIds.map(() => ({ ok: true, value: 'sent' })));
    const twice = outcomes[5]!;
    expect(twice.ok ? twice.value : (twice.error as RetryableSendError).code).toBe('in_flight'); // its job comes back later and finds it sent
    expect(h.fake.messages).toHaveLength(5);
    expect(new Set(h.fake.messages.map((m) => m.to)).size).toBe(5);
    const rows = await outboundMessages(h, { kind: 'offer' });
    expect(rows.every((m) => m.status === 'sent' && m.twilio_sid !== null && m.attempts === 1)).toBe(true);
    expect((await offersOf(taskId)).map((o) => o.status)).toEqual(['open', 'open', 'open', 'open', 'open']);
    expect((await expiryTimers()).map((j) => j.name)).toEqual(['expire-offers']);
    expect(await sendSms(h.deps.ctx, messageIds[0]!, false)).toBe('skipped'); // the repeated job
  });

  it("one number's SMS go one after another in the order written, other numbers' side by side", async () => {
    const [ana, bo, cy, di] = ['+4741000001', '+4741000002', '+4741000003', '+4741000004'];
    const messageIds = await runUseCase(h.deps.ctx, (trx, effects) => effects.smsMany(trx, [
      ...['1', '2', '3'].map((n) => ({ to: ana!, body: `Ana ${n}`, kind: 'coordinator_reply' })),
      ...[bo!, cy!, di!].map((to) => ({ to, body: 'Hei', kind: 'coordinator_reply' })),
    ]));
    h.fake.setLatency(150);
    // Asked for newest first, as jobs may start in any order.
    const batch = sendSmsBatch(h.deps.ctx, [...messageIds].reverse().map((messageId) => ({ messageId, isLastAttempt: false })));
    let mostInFlight = 0;
    while (h.fake.messages.length < 6) {
      mostInFlight = Math.max(mostInFlight, h.fake.awaitingAnswer());
      await new Promise((r) => setTimeout(r, 5));
    }
    const outcomes = await batch;

    expect(outcomes.every((o) => o.ok && o.value === 'sent')).toBe(true);
    expect(h.fake.messagesTo(ana!).map((m) => m.body)).toEqual(['Ana 1', 'Ana 2', 'Ana 3']);
    expect(mostInFlight).toBe(4); // Ana's first and the other three numbers' at once; Ana's next two waited
  });

  it("an SMS that waited behind its number's slow one for half the lease is released for later, not sent late", async () => {
    const to = '+4741000009';
    const messageIds = await runUseCase(h.deps.ctx, (trx, effects) => effects.smsMany(trx, ['1', '2'].map((n) => ({ to, body: `Melding ${n}`, kind: 'coordinator_reply' }))));
    h.fake.setLatency(300);
    const batch = sendSmsBatch(h.deps.ctx, messageIds.map((messageId) => ({ messageId, isLastAttempt: false })));
    while (h.fake.awaitingAnswer() === 0) await new Promise((r) => setTimeout(r, 5));
    h.clock.advance((h.config.smsSendLeaseSeconds * 1000) / 2); // the first answer takes half the lease
    const [first, second] = await batch;

    expect(first).toEqual({ ok: true, value: 'sent' });
    expect(second!.ok ? second!.value : (second!.error as RetryableSendError).code).toBe('queued_behind');
    expect((await outboundMessages(h, { to })).map((m) => m.status)).toEqual(['sent', 'queued']);
    expect(h.fake.messagesTo(to)).toHaveLength(1);
    h.fake.setLatency(0);
    expect(await sendSms(h.deps.ctx, messageIds[1]!, false)).toBe('sent'); // its job's retry
    expect(h.fake.messagesTo(to).map((m) => m.body)).toEqual(['Melding 1', 'Melding 2']);
  });

  it('a record that fails fails the jobs of the batch; their retries find the SMS at the provider and send nothing twice', async () => {
    const { taskId, messageIds } = await queuedWave(3);
    // The statement that records the batch opens the offers: make that impossible for now.
    await sql`ALTER TABLE offer ADD CONSTRAINT test_no_open CHECK (status <> 'open') NOT VALID`.execute(h.deps.db);
    const outcomes = await sendSmsBatch(h.deps.ctx, messageIds.map((messageId) => ({ messageId, isLastAttempt: false })));
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, false]);
    expect(h.fake.messages).toHaveLength(3); // they did leave
    const unrecorded = await outboundMessages(h, { kind: 'offer' });
    expect(unrecorded.map((m) => [m.status, m.twilio_sid])).toEqual([['sending', null], ['sending', null], ['sending', null]]); // one statement: all or nothing
    expect((await offersOf(taskId)).map((o) => o.status)).toEqual(['pending', 'pending', 'pending']);

    await sql`ALTER TABLE offer DROP CONSTRAINT test_no_open`.execute(h.deps.db);
    for (const id of messageIds) await expect(sendSms(h.deps.ctx, id, false)).rejects.toMatchObject({ code: 'in_flight' }); // the lease holds
    h.clock.advance((h.config.smsSendLeaseSeconds + 1) * 1000);
    const retried = await sendSmsBatch(h.deps.ctx, messageIds.map((messageId) => ({ messageId, isLastAttempt: false })));
    expect(retried).toEqual(messageIds.map(() => ({ ok: true, value: 'reconciled' })));
    expect(h.fake.messages).toHaveLength(3);
    expect((await outboundMessages(h, { kind: 'offer' })).map((m) => m.twilio_sid)).toEqual(h.fake.messages.map((m) => m.sid));
    expect((await offersOf(taskId)).map((o) => o.status)).toEqual(['open', 'open', 'open']);
  });
});
