import { eventually, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, findVolunteerJson, dispatch, getTask, outboundMessages, waitForOpenOffers } from '../support/flows';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('outbound SMS failures', () => {
  it('Twilio 500 then success: the SMS is sent exactly once', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    h.fake.failNext(1, 500);
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    const creates = h.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));
    expect(creates.map((r) => r.status)).toEqual([500, 201]);
    expect(h.fake.messagesTo(ana!.phone)).toHaveLength(1);
    const [row] = await outboundMessages(h, { kind: 'offer' });
    expect(row).toMatchObject({ status: 'sent', attempts: 2, twilio_sid: h.fake.messages[0]!.sid });
  });

  it('Twilio 429 (rate limited) is retried and sent once', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    h.fake.failNext(2, 429, 20429);
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1, 15_000);
    expect(h.fake.messagesTo(ana!.phone)).toHaveLength(1);
  });

  it('a permanent error (21211 invalid number) closes that offer and moves to the next volunteer', async () => {
    const [ana, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 1 });
    h.fake.failNext(1, 400, 21211, "The 'To' number is not a valid phone number.");
    await dispatch(h, task.id);
    await eventually(async () => h.fake.messagesTo(ben!.phone)[0]);
    const view = await waitForOpenOffers(h, task.id, 1);
    expect(view[0]!.volunteer.id).toBe(ben!.id);
    const full = await getTask(h, task.id);
    expect(full.offers[0]).toMatchObject({ status: 'failed', closeReason: 'sms_21211', volunteer: { id: ana!.id } });
    const [failed] = await outboundMessages(h, { to: ana!.phone });
    expect(failed).toMatchObject({ status: 'failed', error_code: '21211', attempts: 1 });
  });

  it('an undelivered status callback closes the offer and moves to the next volunteer', async () => {
    const [ana, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    const [first] = h.fake.messagesTo(ana!.phone);
    expect(await h.fake.sendStatusCallback(first!.sid, 'undelivered', 30005)).toBe(204);
    await eventually(async () => h.fake.messagesTo(ben!.phone)[0]);
    // The fake has the SMS a moment before our row records it as sent: wait for the offer to open.
    const [open] = await waitForOpenOffers(h, task.id, 1);
    expect(open!.volunteer.id).toBe(ben!.id);
    const full = await getTask(h, task.id);
    expect(full.offers.map((o) => [o.volunteer.id, o.status])).toEqual([[ana!.id, 'failed'], [ben!.id, 'open']]);
  });

  it('error 21610 (the number replied STOP at the carrier) opts the volunteer out', async () => {
    const [ana, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 1 });
    h.fake.failNext(1, 400, 21610, 'Attempt to send to unsubscribed recipient');
    await dispatch(h, task.id);
    await eventually(async () => h.fake.messagesTo(ben!.phone)[0]);
    expect((await findVolunteerJson(h, ana!.id)).optedOut).toBe(true);
    expect((await findVolunteerJson(h, ben!.id)).optedOut).toBe(false);
  });
});
