import { createTask, createVolunteers, dispatch, getTask, outboundMessages } from '../support/flows';
import { eventually, startHarness, type Harness } from '../support/harness';
import { WorkerProcesses } from '../support/worker-process';

jest.setTimeout(120_000);

let h: Harness;
const workers = new WorkerProcesses(() => h.env);
beforeEach(async () => {
  h = await startHarness({ workers: false, env: { WORKER_CONCURRENCY: '3', SMS_SEND_LEASE_SECONDS: '5', JOB_LOCK_SECONDS: '3' } });
});
afterEach(async () => {
  workers.killAll();
  await h.close();
});

describe('SIGTERM while jobs are in flight', () => {
  it('the worker finishes what it started and exits 0; after a restart every offer is sent exactly once', async () => {
    await createVolunteers(h, 30);
    const tasks = [];
    for (let i = 0; i < 10; i++) tasks.push(await createTask(h, { waveSize: 3 }));
    h.fake.setLatency(300); // each send takes a while, so some are mid-request when the signal comes

    const first = await workers.start();
    for (const t of tasks) await dispatch(h, t.id);
    await h.fake.waitForMessages(5, 20_000);
    // The signal comes while Twilio holds at least one request: a send is in flight.
    await eventually(async () => (h.fake.awaitingAnswer() > 0 ? true : undefined), 10_000, 'a send in flight');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('shutting down');
    const sentBeforeRestart = h.fake.messages.length;
    expect(sentBeforeRestart).toBeLessThan(30);

    // Nothing was left half-done: no SMS claimed but unfinished, every one Twilio took is recorded as sent.
    const afterStop = await outboundMessages(h, { kind: 'offer' });
    expect(afterStop.filter((m) => m.status === 'sending')).toEqual([]);
    expect(afterStop.filter((m) => m.status === 'sent')).toHaveLength(sentBeforeRestart);

    const second = await workers.start();
    const offers = await eventually(async () => {
      const rows = await h.deps.db.selectFrom('offer').innerJoin('volunteer', 'volunteer.id', 'offer.volunteer_id')
        .select(['offer.status', 'volunteer.phone']).execute();
      return rows.length === 30 && rows.every((o) => o.status === 'open') ? rows : undefined;
    }, 60_000, 'all 30 offers open after the restart');

    expect(h.fake.messages).toHaveLength(30);
    const perPhone = new Map<string, number>();
    for (const m of h.fake.messages) perPhone.set(m.to, (perPhone.get(m.to) ?? 0) + 1);
    for (const o of offers) expect(perPhone.get(o.phone ?? '')).toBe(1);
    const rows = await outboundMessages(h, { kind: 'offer' });
    expect(new Set(rows.map((r) => r.twilio_sid))).toEqual(new Set(h.fake.messages.map((m) => m.sid)));
    for (const t of tasks) expect((await getTask(h, t.id)).status).toBe('searching');
    // A clean stop needs no recovery: nothing had to be looked up at Twilio after the restart.
    expect(second.output()).not.toContain('after an interrupted attempt');
  });
});
