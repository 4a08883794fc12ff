import type { Actor } from '../../src/domain/access';
import { findOrCreateUnit } from '../../src/db/coordinator.repo';
import type { Volunteer } from '../../src/db/volunteer.repo';
import { assignManually } from '../../src/services/assign-manually';
import { coordinatorActor } from '../../src/services/authenticate-coordinator';
import { createCoordinator } from '../../src/services/create-coordinator';
import { createTask } from '../../src/services/create-task';
import { dispatchTask } from '../../src/services/dispatch-task';
import { fillTask } from '../../src/services/fill-task';
import { getTaskLiveView, getTaskView } from '../../src/services/get-task-view';
import { handleInboundSms } from '../../src/services/handle-inbound-sms';
import { recordInboundSms } from '../../src/services/record-inbound-sms';
import { sendSms } from '../../src/services/send-sms';
import { stopDispatch } from '../../src/services/stop-dispatch';
import { buildVolunteers } from '../support/factories';
import { newMessageSid, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';

/**
 * The coordinator's task services against real Postgres. Workers are off: the tests run the
 * job handlers themselves, so "at the same moment" really means two transactions racing.
 */
let h: Harness;
let kari: Actor;

beforeAll(async () => {
  h = await startHarness({ workers: false });
  const unit = await findOrCreateUnit(h.deps.db, 'Frivilligsentralen');
  const created = await createCoordinator(h.deps.ctx, 'cli', { email: 'kari@example.no', name: 'Kari', password: 'riktig-passord-123', role: 'coordinator', unitId: unit.id });
  if (!created.ok) throw new Error(created.message);
  kari = coordinatorActor(created.coordinator);
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  // Each test starts with nobody holding a live offer.
  await h.deps.db.updateTable('offer').set({ status: 'withdrawn' }).where('status', 'in', ['pending', 'open']).execute();
});

async function newTask(waveSize: number): Promise<string> {
  const result = await createTask(h.deps.ctx, kari, {
    type: 'escort', startsAt: new Date(Date.now() + 86_400_000), durationMinutes: 60, area: 'Lørenskog', summary: 'Følge til lege.', details: 'Per Olsen, Kirkeveien 12.', waveSize,
  });
  if (!result.ok) throw new Error(result.error);
  return result.task.id;
}

/** Dispatches and runs the fill-task job: the task has `waveSize` live (pending) offers. */
async function dispatched(waveSize: number): Promise<string> {
  const id = await newTask(waveSize);
  expect((await dispatchTask(h.deps.ctx, id)).ok).toBe(true);
  await fillTask(h.deps.ctx, id);
  return id;
}

/** As dispatched(), and the offer SMS have left (through the fake Twilio): the offers are open. */
async function dispatchedAndSent(waveSize: number): Promise<string> {
  const id = await dispatched(waveSize);
  for (const m of await messagesOf(id, 'offer')) await sendSms(h.deps.ctx, m.id, false);
  return id;
}

async function messagesOf(taskId: string, kind: string) {
  return h.deps.db.selectFrom('message').selectAll().where('task_id', '=', taskId).where('kind', '=', kind).orderBy('id').execute();
}

async function auditActions(taskId: string): Promise<string[]> {
  const rows = await h.deps.db.selectFrom('audit_event').select('action').where('subject_type', '=', 'task').where('subject_id', '=', taskId).orderBy('id').execute();
  return rows.map((r) => r.action);
}

/** A JA stored as the webhook stores it; returns the message id for handleInboundSms. */
async function inboundJa(v: Pick<Volunteer, 'phone'>): Promise<string> {
  const r = await recordInboundSms(h.deps.ctx, { messageSid: newMessageSid(), from: v.phone, to: SERVICE_NUMBER, body: 'JA' });
  return r.messageId!;
}

describe('creating a task', () => {
  it('belongs to the coordinator’s unit by default and is audit-logged', async () => {
    const id = await newTask(1);
    const task = await getTaskView(h.deps.db, id);
    expect(task).toMatchObject({ unitId: kari.kind === 'coordinator' ? kari.unitId : null, unitName: 'Frivilligsentralen', createdBy: kari.kind === 'coordinator' ? kari.id : null });
    expect(await auditActions(id)).toEqual(['task_created']);
  });

  it('refuses a unit that does not exist', async () => {
    const r = await createTask(h.deps.ctx, kari, { type: 'visit', startsAt: new Date(), durationMinutes: 60, area: 'x', summary: 'x', details: 'x', unitId: '999999' });
    expect(r).toEqual({ ok: false, error: 'unknown_unit' });
  });
});

describe('stopping a dispatch', () => {
  it('withdraws the live offers with a notice to each volunteer and puts the task back to new', async () => {
    await buildVolunteers(h.deps.db, 3);
    const id = await dispatchedAndSent(2);
    const offered = (await getTaskView(h.deps.db, id))!.offers;
    expect(offered.map((o) => o.status)).toEqual(['open', 'open']);

    const r = await stopDispatch(h.deps.ctx, kari, id);
    expect(r).toMatchObject({ ok: true, withdrawn: 2, task: { status: 'new' } });
    const view = (await getTaskView(h.deps.db, id))!;
    expect(view.offers.map((o) => [o.status, o.closeReason])).toEqual([['withdrawn', 'stopped'], ['withdrawn', 'stopped']]);
    const notices = await messagesOf(id, 'offer_withdrawn');
    expect(notices.map((m) => m.to_phone).sort()).toEqual(offered.map((o) => o.volunteer.phone).sort());
    expect(notices[0]!.body).toContain('trengs ikke lenger');
    expect(await auditActions(id)).toEqual(['task_created', 'task_dispatch_stopped']);

    expect(await stopDispatch(h.deps.ctx, kari, id)).toEqual({ ok: false, error: 'not_stoppable', status: 'new' });
    // Sent out again, it asks someone new: nobody gets the same task twice.
    expect((await dispatchTask(h.deps.ctx, id)).ok).toBe(true);
    await fillTask(h.deps.ctx, id);
    const again = (await getTaskView(h.deps.db, id))!.offers.filter((o) => o.status === 'pending');
    expect(again.map((o) => o.volunteer.id)).not.toContain(offered[0]!.volunteer.id);
  });

  it('offers whose SMS has not left yet are cancelled unsent, with no notice about them', async () => {
    await buildVolunteers(h.deps.db, 2);
    const id = await dispatched(2);
    const r = await stopDispatch(h.deps.ctx, kari, id);
    expect(r).toMatchObject({ ok: true, withdrawn: 2 });
    expect((await messagesOf(id, 'offer')).map((m) => m.status)).toEqual(['cancelled', 'cancelled']);
    expect(await messagesOf(id, 'offer_withdrawn')).toEqual([]);
  });

  it('the timeline shows who stopped it and the withdrawn offers, newest last', async () => {
    await buildVolunteers(h.deps.db, 1);
    const id = await dispatchedAndSent(1);
    await stopDispatch(h.deps.ctx, kari, id);
    const { timeline } = (await getTaskLiveView(h.deps.db, id))!;
    const kinds = timeline.map((e) => (e.kind === 'action' ? e.action : e.kind));
    expect(kinds).toEqual(['task_created', 'sms_out', 'task_dispatch_stopped', 'offer_closed', 'sms_out']);
    for (let i = 1; i < timeline.length; i++) expect(timeline[i]!.at.getTime()).toBeGreaterThanOrEqual(timeline[i - 1]!.at.getTime());
  });
});

describe('manual assignment', () => {
  it('uses the volunteer’s live offer for the task and withdraws the others with a "taken" notice', async () => {
    await buildVolunteers(h.deps.db, 2);
    const id = await dispatchedAndSent(2);
    const [first, second] = (await getTaskView(h.deps.db, id))!.offers;
    const r = await assignManually(h.deps.ctx, kari, id, second!.volunteer.id);
    expect(r).toMatchObject({ ok: true, task: { status: 'assigned', assignedVolunteerId: second!.volunteer.id } });
    const view = (await getTaskView(h.deps.db, id))!;
    expect(view.offers.map((o) => o.status)).toEqual(['withdrawn', 'accepted']);
    const assignment = await h.deps.db.selectFrom('assignment').selectAll().where('task_id', '=', id).executeTakeFirstOrThrow();
    expect(assignment).toMatchObject({ source: 'manual', offer_id: second!.id, volunteer_id: second!.volunteer.id });
    expect((await messagesOf(id, 'offer_taken')).map((m) => m.to_phone)).toEqual([first!.volunteer.phone]);
    expect((await messagesOf(id, 'assigned')).map((m) => m.to_phone)).toEqual([second!.volunteer.phone]);
    expect(await auditActions(id)).toEqual(['task_created', 'task_assigned_manually']);
  });

  it('works before anything was sent, and a second manual assignment is refused', async () => {
    const [ana, ben] = await buildVolunteers(h.deps.db, 2);
    const id = await newTask(1);
    expect(await assignManually(h.deps.ctx, kari, id, ana!.id)).toMatchObject({ ok: true, task: { status: 'assigned' } });
    expect(await assignManually(h.deps.ctx, kari, id, ben!.id)).toEqual({ ok: false, error: 'not_assignable', status: 'assigned' });
    const assignments = await h.deps.db.selectFrom('assignment').selectAll().where('task_id', '=', id).execute();
    expect(assignments.map((a) => a.volunteer_id)).toEqual([ana!.id]);
  });

  it('refuses a volunteer who has opted out, and an unknown task or volunteer', async () => {
    const [ola] = await buildVolunteers(h.deps.db, 1);
    await h.deps.db.updateTable('volunteer').set({ opted_out_at: new Date() }).where('id', '=', ola!.id).execute();
    const id = await newTask(1);
    expect(await assignManually(h.deps.ctx, kari, id, ola!.id)).toEqual({ ok: false, error: 'volunteer_opted_out' });
    expect(await assignManually(h.deps.ctx, kari, id, '999999')).toEqual({ ok: false, error: 'volunteer_not_found' });
    expect(await assignManually(h.deps.ctx, kari, '999999', ola!.id)).toEqual({ ok: false, error: 'not_found' });
    expect((await getTaskView(h.deps.db, id))!.status).toBe('new');
  });

  it('is refused to a coordinator of another unit: the details never reach a phone they chose', async () => {
    const otherUnit = await findOrCreateUnit(h.deps.db, 'Enhet B');
    const made = await createCoordinator(h.deps.ctx, 'cli', { email: 'hanne@example.no', name: 'Hanne', password: 'riktig-passord-123', role: 'coordinator', unitId: otherUnit.id });
    if (!made.ok) throw new Error(made.message);
    // B registers a "volunteer" with B's own phone and assigns it Kari's task.
    const [hannesPhone] = await buildVolunteers(h.deps.db, 1);
    const id = await newTask(1);
    expect(await assignManually(h.deps.ctx, coordinatorActor(made.coordinator), id, hannesPhone!.id)).toEqual({ ok: false, error: 'forbidden' });
    expect((await getTaskView(h.deps.db, id))!.status).toBe('new');
    expect(await h.deps.db.selectFrom('message').select('id').where('task_id', '=', id).execute()).toEqual([]);
    expect(await auditActions(id)).toEqual(['task_created']);
  });

  it('against a simultaneous SMS JA: exactly one volunteer gets the task, every time', async () => {
    for (let round = 0; round < 8; round++) {
      await h.deps.db.updateTable('offer').set({ status: 'withdrawn' }).where('status', 'in', ['pending', 'open']).execute();
      await buildVolunteers(h.deps.db, 2);
      const id = await dispatched(2);
      // Both were offered the task: one answers JA by SMS while the other says yes on the phone.
      const [smsVolunteer, phoneVolunteer] = (await getTaskView(h.deps.db, id))!.offers.map((o) => o.volunteer);
      const messageId = await inboundJa(smsVolunteer!);
      const [manual, sms] = await Promise.all([
        assignManually(h.deps.ctx, kari, id, phoneVolunteer!.id),
        handleInboundSms(h.deps.ctx, messageId),
      ]);

      const assignments = await h.deps.db.selectFrom('assignment').selectAll().where('task_id', '=', id).execute();
      expect(assignments).toHaveLength(1);
      const view = (await getTaskView(h.deps.db, id))!;
      expect(view.status).toBe('assigned');
      expect(view.assignedVolunteerId).toBe(assignments[0]!.volunteer_id);
      expect(await messagesOf(id, 'assigned')).toHaveLength(1);
      if (manual.ok) {
        expect(assignments[0]).toMatchObject({ source: 'manual', volunteer_id: phoneVolunteer!.id });
        expect(sms).not.toBe('accept'); // its offer was withdrawn before the JA was read
      } else {
        expect(manual).toEqual({ ok: false, error: 'not_assignable', status: 'assigned' });
        expect(assignments[0]).toMatchObject({ source: 'sms', volunteer_id: smsVolunteer!.id });
      }
    }
  });
});
