import { COORDINATOR, SERVICE_NUMBER, eventually, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, DEFAULT_START, dispatch, getTask, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('dispatch through the real twilio client', () => {
  it('sends one offer per volunteer in the wave with the right To, From, Body and StatusCallback', async () => {
    const volunteers = await createVolunteers(h, 4);
    const task = await createTask(h, { waveSize: 3, summary: 'Følge til fastlegen og hjem igjen.' });
    await dispatch(h, task.id);

    const sent = await h.fake.waitForMessages(3);
    await waitForOpenOffers(h, task.id, 3);
    const offers = await outboundMessages(h, { kind: 'offer' });
    expect(offers).toHaveLength(3);
    for (const m of sent) {
      const row = offers.find((o) => o.to_phone === m.to)!;
      expect(row).toBeDefined();
      expect(m.from).toBe(SERVICE_NUMBER);
      expect(m.statusCallback).toBe(`${h.baseUrl}/webhooks/twilio/status?m=${row.id}`);
      expect(m.body).toBe(row.body);
      expect(m.body).toContain(`Følge ${DEFAULT_START.setLocale('nb').toFormat("ccc d. MMM 'kl.' HH:mm")} (1 t 30 min), Lørenskog sentrum`);
      expect(m.body).toContain('Følge til fastlegen og hjem igjen.');
      expect(m.body).toContain('Svar JA eller NEI');
      // Privacy: the offer never carries the details (name, address).
      expect(m.body).not.toContain('Per Olsen');
      expect(m.body).not.toContain('Kirkeveien');
      expect(row.twilio_sid).toBe(m.sid);
    }
    // Least recently assigned first, ties by id: the first three registered.
    expect(sent.map((m) => m.to).sort()).toEqual(volunteers.slice(0, 3).map((v) => v.phone).sort());
    const view = await getTask(h, task.id);
    expect(view.status).toBe('searching');
    for (const o of view.offers) expect(Date.parse(o.expiresAt!) - Date.parse(o.sentAt!)).toBe(30 * 60_000);
  });

  it('a signed JA assigns the task and sends the details only to the winner', async () => {
    const [ana, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 2 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 2);

    const res = await h.sms(ana!.phone, 'Ja takk!');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Response>');

    const view = await eventually(async () => {
      const t = await getTask(h, task.id);
      return t.status === 'assigned' ? t : undefined;
    });
    expect(view.assignedVolunteer).toEqual({ id: ana!.id, name: ana!.name, phone: ana!.phone });
    expect(view.offers.find((o) => o.volunteer.id === ana!.id)!.status).toBe('accepted');
    expect(view.offers.find((o) => o.volunteer.id === ben!.id)).toMatchObject({ status: 'withdrawn', closeReason: 'taken' });

    await h.fake.waitForMessages(4);
    const toAna = h.fake.messagesTo(ana!.phone).map((m) => m.body);
    const toBen = h.fake.messagesTo(ben!.phone).map((m) => m.body);
    expect(toAna[1]).toMatch(/^Takk! Oppdraget er ditt: .*Per Olsen, Kirkeveien 12/);
    expect(toAna[1]).toContain(`Ring ${COORDINATOR}`);
    expect(toBen).toHaveLength(2);
    expect(toBen[1]).toMatch(/allerede tatt av en annen frivillig/);
    expect(toBen.join(' ')).not.toContain('Per Olsen');
    const assignments = await h.deps.db.selectFrom('assignment').selectAll().execute();
    expect(assignments).toEqual([expect.objectContaining({ task_id: task.id, volunteer_id: ana!.id, source: 'sms', status: 'active' })]);
  });

  it('a timed-out wave is followed by the next wave; an early timer does nothing', async () => {
    const volunteers = await createVolunteers(h, 5);
    const task = await createTask(h, { waveSize: 2, offerTimeoutMinutes: 30 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 2);
    const dispatchQueue = h.deps.queues.byName.dispatch;

    // The timer firing before the deadline (promoted now) must not expire anything.
    for (const job of await dispatchQueue.getDelayed()) await job.promote();
    await eventually(async () => (await dispatchQueue.getJobCounts('delayed', 'wait', 'active')).delayed === 0 || undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect((await getTask(h, task.id)).offers.map((o) => o.status)).toEqual(['open', 'open']);

    // Half an hour later: the timers already fired early, so the sweeper expires the wave and the next goes out.
    h.clock.advance(31 * 60_000);
    await h.deps.queues.enqueue([{ name: 'sweep', data: {} }]);
    const next = await eventually(async () => {
      const t = await getTask(h, task.id);
      return t.offers.length === 4 && t.offers.filter((o) => o.status === 'open').length === 2 ? t : undefined;
    });
    expect(next.offers.slice(0, 2).map((o) => [o.status, o.closeReason])).toEqual([['expired', 'timeout'], ['expired', 'timeout']]);
    expect(next.offers.slice(2).map((o) => o.wave)).toEqual([2, 2]);
    expect(next.offers.slice(2).map((o) => o.volunteer.id)).toEqual([volunteers[2]!.id, volunteers[3]!.id]);
    await h.fake.waitForMessages(4);
  });

  it('when everyone says NEI the task is unfilled and the coordinator gets an SMS', async () => {
    const volunteers = await createVolunteers(h, 3);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    for (const v of volunteers) {
      await eventually(async () => (h.fake.messagesTo(v.phone).length === 1 ? true : undefined), 10_000, `offer to ${v.name}`);
      await waitForOpenOffers(h, task.id, 1);
      expect((await h.sms(v.phone, 'Nei, dessverre')).status).toBe(200);
    }
    const view = await eventually(async () => {
      const t = await getTask(h, task.id);
      return t.status === 'unfilled' ? t : undefined;
    });
    expect(view.offers.map((o) => o.status)).toEqual(['declined', 'declined', 'declined']);
    const alert = await eventually(async () => h.fake.messagesTo(COORDINATOR)[0]);
    expect(alert.body).toMatch(new RegExp(`Oppdrag #${task.id} .* fikk ingen frivillig etter 3 tilbud`));
    await waitForQuiet(h);
    for (const v of volunteers) {
      expect(h.fake.messagesTo(v.phone).map((m) => m.body)[1]).toBe('Takk for svar! Vi spør noen andre.');
    }
  });

  it('a paused volunteer, and one who does not do this kind of task, are not asked', async () => {
    const [paused, shopper, escort] = await createVolunteers(h, 3);
    await h.deps.db.updateTable('volunteer').set({ paused_until: '2099-01-01' }).where('id', '=', paused!.id).execute();
    await h.deps.db.updateTable('volunteer').set({ task_types: ['shopping'] }).where('id', '=', shopper!.id).execute();
    const task = await createTask(h, { type: 'escort', waveSize: 3 });
    await dispatch(h, task.id);
    const offers = await waitForOpenOffers(h, task.id, 1);
    await waitForQuiet(h);
    expect(offers.map((o) => o.volunteer.id)).toEqual([escort!.id]);
    expect((await getTask(h, task.id)).offers).toHaveLength(1);
  });

  it('the next candidate gets the offer as soon as one says NEI', async () => {
    const [ana, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    await h.sms(ana!.phone, 'NEI');
    await eventually(async () => h.fake.messagesTo(ben!.phone)[0]);
    await h.sms(ben!.phone, '1');
    await eventually(async () => ((await getTask(h, task.id)).assignedVolunteer?.id === ben!.id ? true : undefined));
  });
});
