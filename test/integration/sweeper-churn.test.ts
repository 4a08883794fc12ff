import { DateTime } from 'luxon';
import { eventually, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch, getTask, outboundMessages, startPlus, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { sweep, type SweepReport } from '../../src/services/sweep';

jest.setTimeout(90_000);

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** The sweeper's counter of re-derived jobs, as /metrics reports it (summed over job names). */
async function rederivedTotal(): Promise<number> {
  const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
  return [...text.matchAll(/^svarja_sweeper_rederived_jobs_total\{job="[^"]+"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

/** Runs the sweeper `times` times, half a minute of test clock apart, as its schedule would. */
async function sweepRepeatedly(times: number): Promise<number> {
  let enqueued = 0;
  for (let i = 0; i < times; i++) {
    h.clock.advance(30_000);
    const report: SweepReport = await sweep(h.deps.ctx);
    enqueued += Object.values(report).reduce((n, v) => n + v, 0);
  }
  return enqueued;
}

describe('the sweeper re-derives only work that is really missing', () => {
  it('a task sent out in quiet hours, short of its wave, is not re-filled every sweep', async () => {
    const oslo = DateTime.now().setZone('Europe/Oslo');
    h = await startHarness({ env: { QUIET_HOURS: `${oslo.minus({ hours: 1 }).toFormat('HH:mm')}-${oslo.plus({ hours: 2 }).toFormat('HH:mm')}` } });
    await createVolunteers(h, 2);
    h.clock.advance(60_000); // they registered a while before the dispatch
    const task = await createTask(h, { waveSize: 3 }); // two fit: the wave stays one short
    await dispatch(h, task.id);
    await eventually(async () => ((await outboundMessages(h, { kind: 'offer' })).length === 2 ? true : undefined), 20_000, 'two held offers');
    await waitForFillToSettle(task.id);
    const before = await rederivedTotal();

    expect(await sweepRepeatedly(10)).toBe(0);
    expect(await rederivedTotal()).toBe(before);
    // The held offers still wait for the morning, each with its delayed send job.
    expect((await getTask(h, task.id)).offers.map((o) => o.status)).toEqual(['pending', 'pending']);
    expect(await h.deps.queues.byName.sms.getDelayedCount()).toBe(2);
  });

  it('a task waiting for volunteers busy with another offer is filled again only when one of them is free', async () => {
    h = await startHarness();
    const [ada, bo] = await createVolunteers(h, 2);
    h.clock.advance(60_000);
    const first = await createTask(h, { waveSize: 2 });
    await dispatch(h, first.id);
    await waitForOpenOffers(h, first.id, 2);
    const second = await createTask(h, { waveSize: 1, startsAt: startPlus({ days: 1 }) });
    await dispatch(h, second.id);
    await waitForQuiet(h);
    await waitForFillToSettle(second.id);
    const before = await rederivedTotal();

    expect(await sweepRepeatedly(6)).toBe(0);
    expect(await rederivedTotal()).toBe(before);
    expect((await getTask(h, second.id)).offers).toHaveLength(0);

    await h.sms(bo!.phone, 'NEI'); // Bo is free again: now the sweeper has real work
    await waitForQuiet(h);
    h.clock.advance(60_000);
    // The second task, and the first once more (the change came just before its own last fill).
    expect((await sweep(h.deps.ctx)).searchingTasks).toBeGreaterThanOrEqual(1);
    const [offer] = await waitForOpenOffers(h, second.id, 1);
    expect(offer!.volunteer.id).toBe(bo!.id);
    expect(ada!.id).not.toBe(bo!.id);
    await waitForQuiet(h);
    await waitForFillToSettle(first.id);
    expect(await sweepRepeatedly(4)).toBe(0); // and then quiet again
  });

  it('a job still waiting in Redis counts as present; only one Redis lost is enqueued again', async () => {
    h = await startHarness({ workers: false });
    await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id); // its fill-task job waits: no worker runs
    h.clock.advance(60_000);
    expect(await sweep(h.deps.ctx)).toMatchObject({ searchingTasks: 0 });
    expect(await rederivedTotal()).toBe(0);

    await h.deps.queues.byName.dispatch.obliterate({ force: true });
    expect(await sweep(h.deps.ctx)).toMatchObject({ searchingTasks: 1 });
    expect(await rederivedTotal()).toBe(1);
  });
});

/** Waits until no fill of this task (its own, or the batch) is waiting, delayed or running. */
async function waitForFillToSettle(taskId: string): Promise<void> {
  await eventually(async () => {
    const jobs = await h.deps.queues.byName.dispatch.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    return jobs.some((j) => j.name === 'fill-searching-tasks' || (j.name === 'fill-task' && j.data.taskId === taskId)) ? undefined : true;
  }, 20_000, `the fill of task ${taskId} to finish`);
}
