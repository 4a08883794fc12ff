import { Client } from 'pg';
import { fillSearchingTasks } from '../../src/services/fill-searching-tasks';
import { startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch, outboundMessages } from '../support/flows';

jest.setTimeout(60_000);

/** Batched fills (issue 14), run by hand here: no workers, so each step is the test's. */
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ workers: false });
});
afterEach(async () => {
  await h.close();
});

async function fillJobs() {
  return (await h.deps.queues.byName.dispatch.getJobs(['waiting', 'delayed'])).filter((j) => j.name === 'fill-searching-tasks');
}

async function offersOf(taskId: string) {
  return h.deps.db.selectFrom('offer').select(['volunteer_id', 'wave', 'status']).where('task_id', '=', taskId).execute();
}

it('one batch fills several tasks: a volunteer each, one offer SMS per offer, each task\'s wave recorded', async () => {
  await createVolunteers(h, 6);
  const tasks = [await createTask(h, { waveSize: 2 }), await createTask(h, { waveSize: 1 }), await createTask(h, { waveSize: 3 })];
  for (const task of tasks) await dispatch(h, task.id);

  expect(await fillSearchingTasks(h.deps.ctx)).toBe(3);

  const offers = await Promise.all(tasks.map((t) => offersOf(t.id)));
  expect(offers.map((o) => o.length)).toEqual([2, 1, 3]);
  const volunteers = offers.flat().map((o) => o.volunteer_id);
  expect(new Set(volunteers).size).toBe(6); // nobody asked twice across the batch
  expect(offers.flat().every((o) => o.wave === 1 && o.status === 'pending')).toBe(true);
  const sms = await outboundMessages(h, { kind: 'offer' });
  expect(sms.map((m) => m.volunteer_id).sort()).toEqual([...volunteers].sort());
  expect(sms.every((m) => m.status === 'queued')).toBe(true);
  const sendJobs = await h.deps.queues.byName.sms.getJobs(['waiting']);
  expect(sendJobs.map((j) => j.data.messageId).sort()).toEqual(sms.map((m) => m.id).sort());
  const rows = await h.deps.db.selectFrom('task').select(['waves_sent', 'fill_requested_at']).where('id', 'in', tasks.map((t) => t.id)).execute();
  expect(rows).toEqual(tasks.map(() => ({ waves_sent: 1, fill_requested_at: null })));
});

it('a task another transaction holds is skipped, and the job comes back for it shortly instead of leaving it to the sweeper', async () => {
  await createVolunteers(h, 2);
  const task = await createTask(h, { waveSize: 1 });
  await dispatch(h, task.id);
  await h.deps.queues.byName.dispatch.obliterate({ force: true }); // the dispatch's own job: gone
  expect(await fillJobs()).toHaveLength(0);

  const holder = new Client({ connectionString: h.env.DATABASE_URL });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM task WHERE id = $1 FOR UPDATE', [task.id]);
    expect(await fillSearchingTasks(h.deps.ctx)).toBe(0);
    const again = await fillJobs();
    expect(again).toHaveLength(1);
    expect(again[0]!.opts.delay).toBeGreaterThan(0);
    expect(again[0]!.opts.delay).toBeLessThanOrEqual(1_000);
    await holder.query('COMMIT');
  } finally {
    await holder.end();
  }

  // What that job does once it runs: the task is filled, and nothing is left to come back for.
  await h.deps.queues.byName.dispatch.obliterate({ force: true });
  expect(await fillSearchingTasks(h.deps.ctx)).toBe(1);
  expect(await offersOf(task.id)).toHaveLength(1);
  expect(await fillJobs()).toHaveLength(0);
});
