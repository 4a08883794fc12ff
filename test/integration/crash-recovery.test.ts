import { eventually, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch, getTask, outboundMessages } from '../support/flows';
import { sweep } from '../../src/services/sweep';
import { WorkerProcesses } from '../support/worker-process';

jest.setTimeout(90_000);

let h: Harness;
const workers = new WorkerProcesses(() => h.env);
beforeEach(async () => {
  // Short job locks and send leases, so recovery from a killed worker takes seconds, not minutes.
  h = await startHarness({ workers: false, env: { JOB_LOCK_SECONDS: '2', SMS_SEND_LEASE_SECONDS: '3', WORKER_CONCURRENCY: '3' } });
});
afterEach(async () => {
  workers.killAll();
  await h.close();
});

async function offerRows() {
  return h.deps.db.selectFrom('offer').innerJoin('volunteer', 'volunteer.id', 'offer.volunteer_id')
    .select(['offer.id', 'offer.status', 'offer.task_id', 'volunteer.phone']).execute();
}

describe('a worker killed in the middle of a dispatch', () => {
  it('every offer is sent exactly once after a restart, even one Twilio accepted just before the kill', async () => {
    await createVolunteers(h, 15);
    const tasks = [];
    for (let i = 0; i < 5; i++) tasks.push(await createTask(h, { waveSize: 3 }));
    h.fake.setLatency(100);

    const first = await workers.start();
    for (const t of tasks) await dispatch(h, t.id);
    await h.fake.waitForMessages(4, 20_000);
    // The next send reaches Twilio, which creates the message but never answers: then the kill.
    const before = h.fake.messages.length;
    h.fake.hangNext(1);
    await h.fake.waitForMessages(before + 1, 20_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const sentBeforeKill = h.fake.messages.length;
    expect(sentBeforeKill).toBeLessThan(15);

    const second = await workers.start();
    await eventually(async () => {
      const offers = await offerRows();
      return offers.length === 15 && offers.every((o) => o.status === 'open') ? offers : undefined;
    }, 60_000, 'all 15 offers open after the restart');

    const offers = await offerRows();
    const perPhone = new Map<string, number>();
    for (const m of h.fake.messages) perPhone.set(m.to, (perPhone.get(m.to) ?? 0) + 1);
    expect(h.fake.messages).toHaveLength(15);
    for (const o of offers) expect(perPhone.get(o.phone ?? '')).toBe(1);
    const rows = await outboundMessages(h, { kind: 'offer' });
    expect(rows.every((r) => r.status === 'sent' && r.twilio_sid)).toBe(true);
    expect(new Set(rows.map((r) => r.twilio_sid))).toEqual(new Set(h.fake.messages.map((m) => m.sid)));
    for (const t of tasks) expect((await getTask(h, t.id)).status).toBe('searching');
    // The message Twilio accepted before the kill was found there, not sent again.
    expect(second.output()).toContain('sms found at the provider after an interrupted attempt');
  });

  it('work whose jobs were lost from Redis is re-derived from Postgres by the sweeper', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id); // enqueued, but no worker is running
    // Redis loses everything (say, a failover without persistence).
    for (const q of Object.values(h.deps.queues.byName)) await q.obliterate({ force: true });
    h.clock.advance(60_000); // past the sweeper's grace period
    expect(await sweep(h.deps.ctx)).toMatchObject({ searchingTasks: 1 });
    await workers.start();
    const [sms] = await h.fake.waitForMessages(1, 20_000);
    expect(sms!.to).toBe(ana!.phone);
    await h.sms(ana!.phone, 'ja');
    await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined), 20_000);
  });
});
