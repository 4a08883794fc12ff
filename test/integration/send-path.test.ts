import { startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch, outboundMessages } from '../support/flows';
import { expireOffers, WAVE_TIMER_STEP_MS } from '../../src/services/expire-offers';
import { fillTask } from '../../src/services/fill-task';
import { sendSms } from '../../src/services/send-sms';
import { sweep } from '../../src/services/sweep';

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
