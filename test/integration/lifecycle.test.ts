import { DateTime } from 'luxon';
import { listOpenFollowUps } from '../../src/db/follow-up.repo';
import { askCheckIn, closeCheckIn } from '../../src/services/check-in';
import { fillTask } from '../../src/services/fill-task';
import { sendSms } from '../../src/services/send-sms';
import { alertDeadline } from '../../src/services/deadline-alert';
import { sendReminder } from '../../src/services/send-reminder';
import { createTask, createVolunteers, dispatch, getTask, letTimePass, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { COORDINATOR, eventually, startHarness, type Harness } from '../support/harness';

jest.setTimeout(90_000);

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const HOUR = 3600_000;

/** An ISO time `hours` from the harness clock's now, as the API takes it. */
function hoursFromNow(hours: number): string {
  return new Date(h.clock.now().getTime() + hours * HOUR).toISOString();
}

async function assignmentOf(taskId: string) {
  return h.deps.db.selectFrom('assignment').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
}

async function waitForStatus(taskId: string, status: string) {
  return eventually(async () => {
    const t = await getTask(h, taskId);
    return t.status === status ? t : undefined;
  }, 20_000, `task ${taskId} to be ${status}`);
}

describe('after JA: cancellation by the volunteer (AVBRYT) and by the coordinator', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('AVBRYT: confirmed to the volunteer, the coordinator told, the task dispatched again to someone else, timers do nothing', async () => {
    const [ada, bo, cy] = await createVolunteers(h, 3);
    const task = await createTask(h, { waveSize: 1, startsAt: hoursFromNow(48) });
    await dispatch(h, task.id);
    const [offer] = await waitForOpenOffers(h, task.id, 1);
    const first = [ada, bo, cy].find((v) => v!.id === offer!.volunteer.id)!;
    await h.sms(first.phone, 'JA');
    await waitForStatus(task.id, 'assigned');

    await h.sms(first.phone, 'AVBRYT');
    const again = await eventually(async () => {
      const t = await getTask(h, task.id);
      return t.status === 'searching' && t.offers.some((o) => o.status === 'open') ? t : undefined;
    }, 20_000, 'the task back in dispatch with a new open offer');
    expect(again.offers.filter((o) => o.status === 'open').map((o) => o.volunteer.id)).not.toContain(first.id);
    await waitForQuiet(h);

    const [assignment] = await assignmentOf(task.id);
    expect(assignment).toMatchObject({ status: 'cancelled', cancelled_by: 'volunteer' });
    const confirm = await outboundMessages(h, { kind: 'cancel_confirmed', to: first.phone });
    expect(confirm).toHaveLength(1);
    const told = await outboundMessages(h, { kind: 'volunteer_cancelled_coordinator', to: COORDINATOR });
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(first.name);
    // The reminders and the check-in of the cancelled assignment find nothing to do.
    h.clock.advance(47 * HOUR);
    await expect(sendReminder(h.deps.ctx, assignment!.id, 'two_hours_before')).resolves.toBe('not_active');
    await expect(askCheckIn(h.deps.ctx, assignment!.id)).resolves.toBe('not_active');
    expect(await outboundMessages(h, { kind: 'reminder_two_hours' })).toHaveLength(0);

    // A second AVBRYT has nothing left to cancel, and says so.
    await h.sms(first.phone, 'avbryt');
    await waitForQuiet(h);
    expect(await outboundMessages(h, { kind: 'cancel_nothing_to_cancel', to: first.phone })).toHaveLength(1);
  });

  it('a coordinator\'s cancel tells the assigned volunteer, and the reminder timer that fires later does nothing', async () => {
    const [ada] = await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1, startsAt: hoursFromNow(30) });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    await h.sms(ada!.phone, 'ja');
    await waitForStatus(task.id, 'assigned');
    expect((await h.api('POST', `/api/tasks/${task.id}/cancel`)).status).toBe(200);
    await waitForQuiet(h);
    expect(await outboundMessages(h, { kind: 'task_cancelled', to: ada!.phone })).toHaveLength(1);
    const [assignment] = await assignmentOf(task.id);
    expect(assignment).toMatchObject({ status: 'cancelled', cancelled_by: 'coordinator' });
    await letTimePass(h, 29 * HOUR); // every delayed timer due by then runs, through the workers
    await waitForQuiet(h);
    expect(await outboundMessages(h, { kind: 'reminder_day_before' })).toHaveLength(0);
    expect(await outboundMessages(h, { kind: 'reminder_two_hours' })).toHaveLength(0);
  });
});

describe('reminders, check-in and the fill-by alert', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('the day before at 18:00 and 2 hours before, each once and with the details; then "Gikk det bra?" and 1 closes it with the hours', async () => {
    const [ada] = await createVolunteers(h, 1);
    const startsAt = DateTime.fromJSDate(h.clock.now(), { zone: 'Europe/Oslo' }).plus({ days: 2 }).set({ hour: 11, minute: 0, second: 0, millisecond: 0 });
    const task = await createTask(h, { waveSize: 1, startsAt: startsAt.toISO(), durationMinutes: 90 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    await h.sms(ada!.phone, 'JA');
    await waitForStatus(task.id, 'assigned');
    await waitForQuiet(h);
    const [assignment] = await assignmentOf(task.id);

    // Scheduled as delayed jobs at the right instants (BullMQ stamps a job a millisecond or so after we compute its delay).
    const delayed = await h.deps.queues.byName.dispatch.getDelayed();
    const expectRunsAt = (name: string, kind: string | undefined, at: DateTime) => {
      const runs = delayed
        .filter((j) => j.name === name && j.data.assignmentId === assignment!.id && (!kind || j.data.kind === kind))
        .map((j) => j.timestamp + (j.opts.delay ?? 0));
      expect(runs).toHaveLength(1);
      expect(Math.abs(runs[0]! - at.toMillis())).toBeLessThan(1000);
    };
    expectRunsAt('send-reminder', 'day_before', startsAt.minus({ days: 1 }).set({ hour: 18 }));
    expectRunsAt('send-reminder', 'two_hours_before', startsAt.minus({ hours: 2 }));
    expectRunsAt('ask-check-in', undefined, startsAt.plus({ minutes: 120 }));

    // Time passes to the evening before: the delayed job runs through the worker.
    await letTimePass(h, startsAt.minus({ days: 1 }).set({ hour: 18 }).toMillis() - h.clock.now().getTime() + 1000);
    await eventually(async () => ((await outboundMessages(h, { kind: 'reminder_day_before' })).length === 1 ? true : undefined), 20_000, 'the day-before reminder');
    await expect(sendReminder(h.deps.ctx, assignment!.id, 'day_before')).resolves.toBe('already_sent');
    const [evening] = await outboundMessages(h, { kind: 'reminder_day_before' });
    expect(evening!.body).toContain('Kirkeveien 12'); // the details, to the assigned volunteer only
    await expect(sendReminder(h.deps.ctx, assignment!.id, 'two_hours_before')).resolves.toBe('not_due');

    await letTimePass(h, startsAt.minus({ hours: 2 }).toMillis() - h.clock.now().getTime() + 1000);
    await eventually(async () => ((await outboundMessages(h, { kind: 'reminder_two_hours' })).length === 1 ? true : undefined), 20_000, 'the two-hours reminder');

    await letTimePass(h, startsAt.plus({ minutes: 121 }).toMillis() - h.clock.now().getTime());
    await eventually(async () => ((await outboundMessages(h, { kind: 'check_in_question' })).length === 1 ? true : undefined), 20_000, 'the check-in question');
    await waitForQuiet(h);
    await h.sms(ada!.phone, '1');
    await waitForQuiet(h);
    const [done] = await assignmentOf(task.id);
    expect(done).toMatchObject({ status: 'done', check_in: 'ok', hours: '1.50' });
    expect(await outboundMessages(h, { kind: 'check_in_thanks_ok', to: ada!.phone })).toHaveLength(1);
    expect(await outboundMessages(h, { kind: 'reminder_day_before' })).toHaveLength(1);
    expect(await outboundMessages(h, { kind: 'reminder_two_hours' })).toHaveLength(1);
  });

  it('2 puts a follow-up in front of the task\'s own unit only; no answer in two days does too', async () => {
    const [ada, bo] = await createVolunteers(h, 2);
    const unit = await h.deps.db.insertInto('unit').values({ name: 'Frivilligsentralen' }).returning('id').executeTakeFirstOrThrow();
    const other = await h.deps.db.insertInto('unit').values({ name: 'Helse og omsorg' }).returning('id').executeTakeFirstOrThrow();
    const tasks = [];
    for (const v of [ada!, bo!]) {
      const task = await createTask(h, { waveSize: 1, startsAt: hoursFromNow(-3), durationMinutes: 60, unitId: unit.id });
      await h.deps.db.updateTable('task').set({ status: 'assigned', assigned_volunteer_id: v.id }).where('id', '=', task.id).execute();
      await h.deps.db.insertInto('assignment').values({ task_id: task.id, volunteer_id: v.id, offer_id: null, source: 'manual' }).execute();
      tasks.push(task);
    }
    const [a, b] = [(await assignmentOf(tasks[0]!.id))[0]!, (await assignmentOf(tasks[1]!.id))[0]!];
    await expect(askCheckIn(h.deps.ctx, a.id)).resolves.toBe('asked');
    await expect(askCheckIn(h.deps.ctx, a.id)).resolves.toBe('already_asked');
    await expect(askCheckIn(h.deps.ctx, b.id)).resolves.toBe('asked');
    await h.sms(ada!.phone, '2');
    await waitForQuiet(h);
    expect((await assignmentOf(tasks[0]!.id))[0]).toMatchObject({ status: 'done', check_in: 'follow_up' });

    h.clock.advance(49 * HOUR);
    await expect(closeCheckIn(h.deps.ctx, b.id)).resolves.toBe('closed');
    const mine = await listOpenFollowUps(h.deps.db, unit.id);
    expect(mine.map((f) => [f.assignmentId, f.checkIn])).toEqual([[a.id, 'follow_up'], [b.id, 'no_answer']]);
    expect(await listOpenFollowUps(h.deps.db, other.id)).toEqual([]);

    // A task with no unit (made with the service's API token) is the admins'.
    const loose = await createTask(h, { waveSize: 1, startsAt: hoursFromNow(-3), durationMinutes: 60 });
    await h.deps.db.insertInto('assignment').values({ task_id: loose.id, volunteer_id: bo!.id, offer_id: null, source: 'manual', status: 'done', check_in: 'follow_up' }).execute();
    expect((await listOpenFollowUps(h.deps.db, null, true)).map((f) => f.taskId)).toEqual([loose.id]);
    expect((await listOpenFollowUps(h.deps.db, unit.id, true)).map((f) => f.taskId)).toEqual([tasks[0]!.id, tasks[1]!.id, loose.id]);
    expect((await listOpenFollowUps(h.deps.db, unit.id)).map((f) => f.taskId)).toEqual([tasks[0]!.id, tasks[1]!.id]);
  });

  it('a task nobody has taken as its fill-by deadline nears: the coordinator is alerted once', async () => {
    await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1, startsAt: hoursFromNow(3) }); // fill-by: 2 hours before the start
    await dispatch(h, task.id);
    await eventually(async () => ((await outboundMessages(h, { kind: 'coordinator_deadline_alert' })).length === 1 ? true : undefined), 20_000, 'the alert');
    await expect(alertDeadline(h.deps.ctx, task.id)).resolves.toBe('not_needed');
    await waitForQuiet(h);
    const alerts = await outboundMessages(h, { kind: 'coordinator_deadline_alert' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to_phone).toBe(COORDINATOR);
  });
});

describe('urgent tasks', () => {
  it('a task starting within URGENT_WITHIN_HOURS goes out in a bigger wave with a shorter answer time', async () => {
    h = await startHarness({ env: { URGENT_WITHIN_HOURS: '24', URGENT_WAVE_SIZE: '4', URGENT_OFFER_TIMEOUT_MINUTES: '10' } });
    await createVolunteers(h, 6);
    const soon = await createTask(h, { waveSize: 2, offerTimeoutMinutes: 30, startsAt: hoursFromNow(5) });
    const later = await createTask(h, { waveSize: 2, offerTimeoutMinutes: 30, startsAt: hoursFromNow(72) });
    await dispatch(h, soon.id);
    const offers = await waitForOpenOffers(h, soon.id, 4);
    expect(offers).toHaveLength(4);
    const task = await getTask(h, soon.id);
    expect(task).toMatchObject({ urgent: true, waveSize: 4, offerTimeoutMinutes: 10 });
    const sentAt = new Date(offers[0]!.sentAt!).getTime();
    expect(new Date(offers[0]!.expiresAt!).getTime() - sentAt).toBe(10 * 60_000);
    expect(await outboundMessages(h, { kind: 'offer' })).toHaveLength(4);
    expect((await outboundMessages(h, { kind: 'offer' }))[0]!.body).toContain('10 min');

    await dispatch(h, later.id);
    await waitForOpenOffers(h, later.id, 2);
    expect(await getTask(h, later.id)).toMatchObject({ urgent: false, waveSize: 2, offerTimeoutMinutes: 30 });
  });
});

describe('volunteer keywords by SMS', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it.each([
    ['PAUSE 14', 'paused_confirmed'],
    ['ferie 3.1', 'holiday_confirmed'],
    ['MAKS 2', 'max_per_week_confirmed'],
    ['HJELP', 'help'],
    ['OPPDRAG', 'my_tasks'],
    ['PAUSE', 'usage_pause'],
    ['CANCEL', 'cancel_nothing_to_cancel'],
  ])('%s is answered with %s', async (text, kind) => {
    const [ada] = await createVolunteers(h, 1);
    await h.sms(ada!.phone, text);
    await waitForQuiet(h);
    expect((await outboundMessages(h, { to: ada!.phone })).map((m) => m.kind)).toEqual([kind]);
  });

  it('PAUSE 14 and MAKS 2 change what matching sees; MAKS 0 removes the limit', async () => {
    const [ada] = await createVolunteers(h, 1);
    await h.sms(ada!.phone, 'pause 14');
    await h.sms(ada!.phone, 'maks 2');
    await waitForQuiet(h);
    const today = DateTime.fromJSDate(h.clock.now(), { zone: 'Europe/Oslo' });
    let row = await h.deps.db.selectFrom('volunteer').selectAll().where('id', '=', ada!.id).executeTakeFirstOrThrow();
    expect(row.paused_until).toBe(today.plus({ days: 13 }).toISODate());
    expect(row.max_tasks_per_week).toBe(2);
    await h.sms(ada!.phone, 'MAKS 0');
    await waitForQuiet(h);
    row = await h.deps.db.selectFrom('volunteer').selectAll().where('id', '=', ada!.id).executeTakeFirstOrThrow();
    expect(row.max_tasks_per_week).toBeNull();
    const audit = await h.deps.db.selectFrom('audit_event').select(['action', 'actor']).where('subject_id', '=', ada!.id).where('actor', '=', 'sms').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['volunteer_paused_by_sms', 'volunteer_weekly_limit_by_sms', 'volunteer_weekly_limit_by_sms']);
  });
});

describe('quiet hours', () => {
  it('an offer made at night waits for the morning; a reply to a volunteer goes at once', async () => {
    // A quiet window around the current Oslo time, whatever time the tests run.
    const oslo = DateTime.now().setZone('Europe/Oslo');
    const window = `${oslo.minus({ hours: 1 }).toFormat('HH:mm')}-${oslo.plus({ hours: 2 }).toFormat('HH:mm')}`;
    h = await startHarness({ env: { QUIET_HOURS: window } });
    const [ada] = await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    const offer = await eventually(async () => (await outboundMessages(h, { kind: 'offer' }))[0], 20_000, 'the offer row');
    const morning = oslo.plus({ hours: 2 }).set({ second: 0, millisecond: 0 });
    expect(offer.status).toBe('queued');
    expect(offer.send_after?.toISOString()).toBe(morning.toJSDate().toISOString());
    // The row commits before its job is enqueued (jobs go to Redis after the commit).
    const jobs = await eventually(async () => {
      const delayed = (await h.deps.queues.byName.sms.getDelayed()).filter((j) => j.data.messageId === offer.id);
      return delayed.length > 0 ? delayed : undefined;
    }, 5_000, 'the offer\'s delayed send job');
    expect(jobs).toHaveLength(1);

    await h.sms(ada!.phone, 'HJELP');
    await eventually(async () => (h.fake.messagesTo(ada!.phone).length === 1 ? true : undefined), 20_000, 'the help reply');
    expect(h.fake.messagesTo(ada!.phone)[0]!.body).not.toContain('Kan du hjelpe');
    expect((await getTask(h, task.id)).offers[0]!.status).toBe('pending');
  });

  it('a task cancelled at night takes its held offers with it: nobody gets an offer or a notice about one', async () => {
    const oslo = DateTime.now().setZone('Europe/Oslo');
    h = await startHarness({ env: { QUIET_HOURS: `${oslo.minus({ hours: 1 }).toFormat('HH:mm')}-${oslo.plus({ hours: 2 }).toFormat('HH:mm')}` } });
    await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 2 });
    await dispatch(h, task.id);
    await eventually(async () => ((await outboundMessages(h, { kind: 'offer' })).length === 2 ? true : undefined), 20_000, 'two held offers');
    expect((await h.api('POST', `/api/tasks/${task.id}/cancel`)).status).toBe(200);
    await eventually(async () => {
      const offers = await outboundMessages(h, { kind: 'offer' });
      return offers.every((m) => m.status === 'cancelled') ? true : undefined;
    }, 20_000, 'the held offers cancelled');
    expect(await outboundMessages(h, { kind: 'offer_withdrawn' })).toHaveLength(0);
    expect((await getTask(h, task.id)).offers.map((o) => o.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(h.fake.messages).toHaveLength(0);
  });
});

describe('offers for a task that has begun', () => {
  it('an offer SMS that waited until after the start is cancelled unsent, and the task goes unfilled', async () => {
    h = await startHarness({ workers: false });
    await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1, startsAt: hoursFromNow(1) });
    await dispatch(h, task.id);
    await fillTask(h.deps.ctx, task.id);
    const [offer] = await outboundMessages(h, { kind: 'offer' });
    h.clock.advance(2 * HOUR); // the send queue was stuck until after the start
    await expect(sendSms(h.deps.ctx, offer!.id, false)).resolves.toBe('skipped');
    expect((await outboundMessages(h, { kind: 'offer' }))[0]!.status).toBe('cancelled');
    const after = await getTask(h, task.id);
    expect(after.status).toBe('unfilled');
    expect(after.offers.map((o) => [o.status, o.closeReason])).toEqual([['withdrawn', 'too_late']]);
    expect(h.fake.messages).toHaveLength(0);
  });

  it('a task dispatched after its start asks nobody and is unfilled at once', async () => {
    h = await startHarness();
    await createVolunteers(h, 2);
    const task = await createTask(h, { startsAt: hoursFromNow(-1) });
    await dispatch(h, task.id);
    await waitForStatus(task.id, 'unfilled');
    await waitForQuiet(h);
    expect(await outboundMessages(h, { kind: 'offer' })).toHaveLength(0);
    expect(await outboundMessages(h, { kind: 'coordinator_unfilled' })).toHaveLength(1);
  });
});
