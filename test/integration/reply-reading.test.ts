import { listInboxMessages } from '../../src/db/inbox.repo';
import { timelineLine } from '../../src/http/views/tasks/timeline-text';
import { getTaskLiveView } from '../../src/services/get-task-view';
import { createTask, createVolunteers, dispatch, findVolunteerJson, getTask, outboundMessages, startPlus, waitForOpenOffers, waitForQuiet } from '../support/flows';
import { eventually, startHarness, type Harness } from '../support/harness';

/** Issue 12: free-text replies read in their context, end to end through signed webhooks. */

jest.setTimeout(90_000);

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { CENTRE_NAME: 'Lørenskog frivilligsentral', CENTRE_PHONE: '+47 67 93 40 00' } });
});
afterEach(async () => {
  await h.close();
});

async function lastInbound() {
  return h.deps.db.selectFrom('message').selectAll().where('direction', '=', 'inbound').orderBy('id', 'desc').executeTakeFirstOrThrow();
}

async function offerTo(volunteer: { id: string }, overrides: Record<string, unknown> = {}) {
  const task = await createTask(h, { waveSize: 1, ...overrides });
  await dispatch(h, task.id);
  const [offer] = await waitForOpenOffers(h, task.id, 1);
  expect(offer!.volunteer.id).toBe(volunteer.id);
  return task;
}

async function acceptedBy(volunteer: { id: string; phone: string }, overrides: Record<string, unknown> = {}) {
  const task = await offerTo(volunteer, overrides);
  await h.sms(volunteer.phone, 'JA');
  await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined));
  await waitForQuiet(h);
  return task;
}

describe('with a live offer', () => {
  it('a reason with a regret declines it, and the reading is stored and shown on the timeline', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await offerTo(ana!);
    await h.sms(ana!.phone, 'Er på hytta hele helga, dessverre');
    await eventually(async () => ((await getTask(h, task.id)).offers[0]!.status === 'declined' ? true : undefined));
    await waitForQuiet(h);
    expect(await lastInbound()).toMatchObject({ classification: 'no', needs_attention: false, reading: { intent: 'decline', context: 'offer' } });
    expect((await lastInbound()).reading!.evidence).toContain('reason:«på hytta»');
    expect(await outboundMessages(h, { kind: 'declined_thanks', to: ana!.phone })).toHaveLength(1);
    const live = await getTaskLiveView(h.deps.db, task.id);
    const lines = live!.timeline.map((e) => timelineLine(e).text);
    expect(lines).toContainEqual(expect.stringMatching(/^Svar fra .*: «Er på hytta hele helga, dessverre» – tolket som nei \(hadde et åpent tilbud\).*\[grunn «på hytta»/));
  });

  it('a yes with a condition is never taken: the offer stays open and a person reads it', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await offerTo(ana!);
    await h.sms(ana!.phone, 'ja hvis jeg får skyss');
    await waitForQuiet(h);
    expect((await getTask(h, task.id)).offers[0]!.status).toBe('open');
    expect(await lastInbound()).toMatchObject({ classification: 'unclear', needs_attention: true, reading: { intent: 'unclear' } });
  });

  it('a yes with a question accepts, and the question lands in Innboks on the task', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await offerTo(ana!);
    await h.sms(ana!.phone, 'Gjerne! Skal jeg ta med handlenett?');
    await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined));
    await waitForQuiet(h);
    const inbox = await listInboxMessages(h.deps.db, { all: true });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ taskId: task.id, volunteerId: ana!.id, reading: { intent: 'accept_with_question', question: 'skal jeg ta med handlenett?' } });
    expect(await outboundMessages(h, { kind: 'assigned', to: ana!.phone })).toHaveLength(1);
  });

  it('a free-text opt-out opts out exactly as STOPP, with the same confirmation', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await offerTo(ana!);
    await h.sms(ana!.phone, 'Vil ikke ha flere slike meldinger, fjern meg fra lista');
    await eventually(async () => ((await findVolunteerJson(h, ana!.id)).optedOut ? true : undefined));
    await waitForQuiet(h);
    expect((await getTask(h, task.id)).offers[0]).toMatchObject({ status: 'withdrawn', closeReason: 'opted_out' });
    const confirmations = await outboundMessages(h, { kind: 'opted_out', to: ana!.phone });
    expect(confirmations.map((m) => m.body)).toEqual(['Du er meldt av og får ingen flere tilbud fra Svarja. Send START for å melde deg på igjen.']);
  });
});

describe('with an accepted task ahead and no live offer', () => {
  it('«rekker det ikke likevel» gives back the only task, as AVBRYT', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await acceptedBy(ana!);
    await h.sms(ana!.phone, 'Rekker det ikke likevel, beklager');
    await eventually(async () => ((await getTask(h, task.id)).status !== 'assigned' ? true : undefined));
    await waitForQuiet(h);
    const [assignment] = await h.deps.db.selectFrom('assignment').selectAll().where('task_id', '=', task.id).execute();
    expect(assignment).toMatchObject({ status: 'cancelled', cancelled_by: 'volunteer' });
    expect(await outboundMessages(h, { kind: 'cancel_confirmed', to: ana!.phone })).toHaveLength(1);
    expect(await lastInbound()).toMatchObject({ classification: 'withdraw', needs_attention: false, reading: { intent: 'withdraw', context: 'accepted' } });
  });

  it('with two tasks ahead it asks which, and a named day gives back that one', async () => {
    const [ana] = await createVolunteers(h, 1);
    const thursday = await acceptedBy(ana!);
    const friday = await acceptedBy(ana!, { startsAt: startPlus({ days: 1 }) });
    await h.sms(ana!.phone, 'Må melde forfall');
    await waitForQuiet(h);
    const asked = await outboundMessages(h, { kind: 'withdraw_which', to: ana!.phone });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body).toMatch(/^Hvilket oppdrag kan du ikke ta\? følge tor\. .*; følge fre\. /);
    expect((await getTask(h, thursday.id)).status).toBe('assigned');
    expect((await getTask(h, friday.id)).status).toBe('assigned');
    expect(await lastInbound()).toMatchObject({ needs_attention: true, reading: { intent: 'withdraw' } });

    await h.sms(ana!.phone, 'Kan ikke på fredag likevel');
    await eventually(async () => ((await getTask(h, friday.id)).status !== 'assigned' ? true : undefined));
    await waitForQuiet(h);
    expect((await getTask(h, thursday.id)).status).toBe('assigned');
  });
});

describe('with nothing open', () => {
  it('a no in words goes to Innboks; a question about who writes gets the help text naming the centre', async () => {
    const [ana] = await createVolunteers(h, 1);
    await h.sms(ana!.phone, 'Kan ikke i dag, er på ferie');
    await waitForQuiet(h);
    expect(await lastInbound()).toMatchObject({ classification: 'unclear', needs_attention: true, reading: { intent: 'unclear', context: 'none' } });

    await h.sms(ana!.phone, 'Hva er dette for noe?');
    await waitForQuiet(h);
    const help = await outboundMessages(h, { kind: 'help_who', to: ana!.phone });
    expect(help.map((m) => m.body)).toEqual([
      'Hei! Meldingen er fra Lørenskog frivilligsentral (tlf. +47 67 93 40 00). Vi spør frivillige om hjelp til eldre. ' +
      'Svar JA for å ta oppdraget, NEI om du ikke kan, STOPP om du ikke vil ha flere meldinger.',
    ]);
    expect(await lastInbound()).toMatchObject({ classification: 'help_question', needs_attention: false });
  });
});
