import { eventually, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, DEFAULT_START, dispatch, getTask, findVolunteerJson, letTimePass, outboundMessages, waitForOpenOffers, waitForQuiet } from '../support/flows';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function lastInbound() {
  return h.deps.db.selectFrom('message').selectAll().where('direction', '=', 'inbound').orderBy('id', 'desc').executeTakeFirstOrThrow();
}

describe('volunteer replies', () => {
  it('an unclear reply gets a hint, is kept for a coordinator, and is never guessed', async () => {
    const [ana] = await createVolunteers(h, 1);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    await h.sms(ana!.phone, 'Ja, men bare etter kl 12');
    await waitForQuiet(h);
    expect(await lastInbound()).toMatchObject({ classification: 'unclear', needs_attention: true, volunteer_id: ana!.id });
    expect((await getTask(h, task.id)).offers[0]!.status).toBe('open');
    const hints = await outboundMessages(h, { kind: 'hint_offer' });
    expect(hints).toHaveLength(1);
    expect(hints[0]!.body).toMatch(/Svar JA for å ta oppdraget eller NEI/);
  });

  it('STOPP opts out (confirmed), withdraws the live offer and asks the next; START opts back in', async () => {
    const [ana, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    await h.sms(ana!.phone, 'STOPP');
    await eventually(async () => h.fake.messagesTo(ben!.phone)[0]);
    const view = await getTask(h, task.id);
    expect(view.offers[0]).toMatchObject({ status: 'withdrawn', closeReason: 'opted_out' });
    await waitForQuiet(h);
    expect(h.fake.messagesTo(ana!.phone).at(-1)!.body).toMatch(/Du er meldt av/);

    // Opted out: never offered again, even when nobody else is left.
    await h.sms(ben!.phone, 'nei');
    await eventually(async () => ((await getTask(h, task.id)).status === 'unfilled' ? true : undefined));
    expect(h.fake.messagesTo(ana!.phone).filter((m) => m.body.startsWith('Svarja: Kan du hjelpe?'))).toHaveLength(1);

    await h.sms(ana!.phone, 'START');
    await waitForQuiet(h);
    expect(h.fake.messagesTo(ana!.phone).at(-1)!.body).toMatch(/Velkommen tilbake/);
    expect((await findVolunteerJson(h, ana!.id)).optedOut).toBe(false);
  });

  it('a late JA on an expired offer takes the task if it is still open', async () => {
    const [ana, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    await letTimePass(h, 31 * 60_000);
    await eventually(async () => h.fake.messagesTo(ben!.phone)[0]);
    await h.sms(ana!.phone, 'ja');
    const view = await eventually(async () => {
      const t = await getTask(h, task.id);
      return t.status === 'assigned' ? t : undefined;
    });
    expect(view.assignedVolunteer!.id).toBe(ana!.id);
    expect(view.offers.map((o) => o.status)).toEqual(['accepted', 'withdrawn']);
  });

  it("one sender's messages are handled in the order they arrived", async () => {
    const [ana] = await createVolunteers(h, 1);
    await h.stopWorkers(); // both are stored before either is handled
    await h.sms(ana!.phone, 'STOPP');
    await h.sms(ana!.phone, 'START');
    await h.startWorkers();
    await waitForQuiet(h);
    expect((await findVolunteerJson(h, ana!.id)).optedOut).toBe(false);
    expect((await outboundMessages(h, { to: ana!.phone })).map((m) => m.kind)).toEqual(['opted_out', 'opted_in']);
  });

  it('a JA with no offer at all gets a short explanation', async () => {
    const [ana] = await createVolunteers(h, 1);
    await h.sms(ana!.phone, 'JA');
    await waitForQuiet(h);
    expect(h.fake.messagesTo(ana!.phone).map((m) => m.body)).toEqual(['Du har ingen åpne tilbud nå. Vi sender en SMS når noen trenger hjelp.']);
  });

  it('an English-speaking volunteer gets English texts and may answer YES', async () => {
    const [ana] = await createVolunteers(h, 1, 'en');
    const task = await createTask(h, { waveSize: 1 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 1);
    expect(h.fake.messagesTo(ana!.phone)[0]!.body).toMatch(new RegExp(`^Svarja: Can you help\\? Escort ${DEFAULT_START.setLocale('en-GB').toFormat("ccc d LLL 'at' HH:mm")} .* Reply YES or NO within 30 min\\.$`));
    await h.sms(ana!.phone, 'Yes please');
    await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined));
    await waitForQuiet(h);
    expect(h.fake.messagesTo(ana!.phone)[1]!.body).toMatch(/^Thank you! The task is yours/);
  });

  it('the simulator transport records outbound SMS and takes replies through the same pipeline', async () => {
    const sim = await startHarness({ env: { SMS_TRANSPORT: 'simulator' } });
    try {
      const [ana] = await createVolunteers(sim, 1);
      const task = await createTask(sim, { waveSize: 1 });
      await dispatch(sim, task.id);
      await waitForOpenOffers(sim, task.id, 1);
      const res = await sim.api('POST', '/api/simulator/inbound', { from: ana!.phone, body: 'JA' });
      expect(res.status).toBe(202);
      await eventually(async () => ((await getTask(sim, task.id)).status === 'assigned' ? true : undefined));
      await waitForQuiet(sim);
      const inbox = (await sim.api('GET', `/api/simulator/messages?phone=${encodeURIComponent(ana!.phone)}`)).body.messages;
      expect(inbox.map((m: { direction: string; kind: string }) => [m.direction, m.kind])).toEqual([['outbound', 'offer'], ['inbound', 'reply'], ['outbound', 'assigned']]);
      expect(sim.fake.messages).toHaveLength(0); // nothing went to Twilio
    } finally {
      await sim.close();
    }
  });
});

describe("Twilio's own opt-out handling", () => {
  it('a message Twilio marks OptOutType=STOP opts out whatever its words', async () => {
    const [ana] = await createVolunteers(h, 1);
    const sid = 'SM' + 'c'.repeat(32);
    const params = { MessageSid: sid, AccountSid: h.fake.accountSid, From: ana!.phone, To: '+4759440000', Body: 'CANCEL', OptOutType: 'STOP' };
    expect((await h.webhook('/webhooks/twilio/sms', params)).status).toBe(200);
    await waitForQuiet(h);
    expect((await findVolunteerJson(h, ana!.id)).optedOut).toBe(true);
  });
});
