import { eventually, startHarness, type Harness } from '../support/harness';
import { buildTask, buildVolunteers } from '../support/factories';
import { createTask, createVolunteers, dispatch, getTask, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { WORKER_CONCURRENCY: '16' } });
});
afterEach(async () => {
  await h.close();
});

describe('many tasks filling at once', () => {
  it('a hundred tasks dispatched together each get a full wave, and nobody gets two offers', async () => {
    await buildVolunteers(h.deps.db, 400);
    const tasks = [];
    for (let i = 0; i < 100; i++) tasks.push(await buildTask(h.deps.db, { waveSize: 3 }));
    await Promise.all(tasks.map((t) => dispatch(h, t.id)));
    await h.fake.waitForMessages(300, 110_000);
    await waitForQuiet(h);
    const offers = await h.deps.db.selectFrom('offer').select(['task_id', 'volunteer_id', 'status']).execute();
    const perTask = new Map<string, number>();
    for (const o of offers) perTask.set(o.task_id, (perTask.get(o.task_id) ?? 0) + 1);
    expect(tasks.map((t) => perTask.get(t.id))).toEqual(Array(100).fill(3));
    expect(new Set(offers.map((o) => o.volunteer_id)).size).toBe(300);
    const statuses = await h.deps.db.selectFrom('task').select('status').where('id', 'in', tasks.map((t) => t.id)).execute();
    expect(statuses.every((s) => s.status === 'searching')).toBe(true);
    expect(await outboundMessages(h, { kind: 'coordinator_unfilled' })).toHaveLength(0);
    // Correctness, not speed: the batched fills run one after another, and on a loaded machine a
    // hundred of them take longer than jest's 30 s default. Speed is measured by `npm run bench`.
  }, 120_000);
});

describe('exactly one volunteer gets a task', () => {
  it('ten volunteers answering JA at the same instant: one assignment, nine "taken" replies', async () => {
    const volunteers = await createVolunteers(h, 10);
    const task = await createTask(h, { waveSize: 10 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 10);

    const responses = await Promise.all(volunteers.map((v) => h.sms(v.phone, 'JA')));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined));
    await waitForQuiet(h);

    const view = await getTask(h, task.id);
    const assignments = await h.deps.db.selectFrom('assignment').selectAll().execute();
    expect(assignments).toHaveLength(1);
    expect(assignments[0]!.volunteer_id).toBe(view.assignedVolunteer!.id);
    expect(view.offers.filter((o) => o.status === 'accepted')).toHaveLength(1);
    expect(view.offers.filter((o) => o.status === 'withdrawn')).toHaveLength(9);

    const taken = await outboundMessages(h, { kind: 'offer_taken' });
    const assigned = await outboundMessages(h, { kind: 'assigned' });
    expect(assigned.map((m) => m.to_phone)).toEqual([view.assignedVolunteer!.phone]);
    expect(taken).toHaveLength(9);
    expect(new Set(taken.map((m) => m.to_phone)).size).toBe(9);
    expect(taken.map((m) => m.to_phone)).not.toContain(view.assignedVolunteer!.phone);
    // Everything reached Twilio exactly once: 10 offers, 9 taken, 1 details.
    await h.fake.waitForMessages(20);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.messages).toHaveLength(20);
  });
});
