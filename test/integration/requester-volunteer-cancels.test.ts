import { eventually, startHarness, type Harness } from '../support/harness';
import { createVolunteers, DEFAULT_START, getTask, outboundMessages, waitForOpenOffers } from '../support/flows';
import { registerHome, smsTo } from '../support/requester';
import { uniqueMobile } from '../support/factories';

/**
 * Issue 11: the nursing home that ordered a task by SMS hears when its volunteer cancels: who comes
 * instead (same doorstep word), or that nobody else was found and a coordinator takes over.
 * Through signed webhooks, the workers and the fake Twilio.
 */
let h: Harness;
let home: string;
beforeEach(async () => {
  h = await startHarness();
  ({ home } = await registerHome(h));
});
afterEach(async () => {
  await h.close();
});

const day = `torsdag ${DEFAULT_START.day}.${DEFAULT_START.month}`;
const dayText = DEFAULT_START.setLocale('nb').toFormat('ccc d. MMM');

const toHome = (kind: string, count = 1) => smsTo(h, home, kind, count);

/** Orders a task by SMS and lets the volunteer who gets the first offer say JA; returns the task, its reference and that volunteer. */
async function orderAndAssign(volunteers: { id: string; phone: string }[]) {
  await h.sms(home, `Trenger følge til legen ${day} kl 14:30, Lørenskog legesenter`);
  await toHome('requester_summary');
  await h.sms(home, 'OK');
  const task = await eventually(() => h.deps.db.selectFrom('task').selectAll().where('requester_id', 'is not', null).executeTakeFirst(), 20_000, 'the task');
  const [offer] = await waitForOpenOffers(h, task.id, 1);
  const first = volunteers.find((v) => v.id === offer!.volunteer.id)!;
  await h.sms(first.phone, 'JA');
  await toHome('requester_assigned');
  return { task, ref: task.request_ref!, first };
}

describe('the volunteer of a task a nursing home ordered cancels', () => {
  it('a new volunteer says JA: the home is told who comes instead, with the same doorstep word', async () => {
    const { task, ref, first } = await orderAndAssign(await createVolunteers(h, 1));
    // Registered after the first offer went out, so the re-dispatch has someone not yet asked.
    const second = (await h.api('POST', '/api/volunteers', { name: 'Ola Hansen', phone: uniqueMobile() })).body as { id: string; phone: string };

    await h.sms(first.phone, 'AVBRYT');
    await eventually(async () => (await outboundMessages(h, { to: first.phone, kind: 'cancel_confirmed' }))[0], 20_000, 'the cancel confirmation');
    const offers = await waitForOpenOffers(h, task.id, 1);
    expect(offers.map((o) => o.volunteer.id)).toEqual([second.id]);
    await h.sms(second.phone, 'JA');

    expect(await toHome('requester_replaced')).toBe(
      `${ref}: Den frivillige kunne ikke likevel. Nå kommer Ola i stedet (følge ${dayText} kl. 14:30, Lørenskog legesenter). Dørordet er det samme: ${task.doorstep_word}.`);
    expect((await getTask(h, task.id)).status).toBe('assigned');
    // One text to the home per event: the first confirmation is not sent again.
    expect(await outboundMessages(h, { to: home, kind: 'requester_assigned' })).toHaveLength(1);
  });

  it('nobody else is found: the home is told a coordinator takes over (and the coordinator is told)', async () => {
    const volunteers = await createVolunteers(h, 1);
    const { task, ref, first } = await orderAndAssign(volunteers);

    await h.sms(first.phone, 'AVBRYT');
    expect(await toHome('requester_unfilled_after_cancel')).toBe(
      `${ref}: Den frivillige kunne ikke likevel, og vi fant ingen ny til følge ${dayText} kl. 14:30, Lørenskog legesenter. En koordinator er varslet og tar kontakt.`);
    expect((await getTask(h, task.id)).status).toBe('unfilled');
    await eventually(async () => (await outboundMessages(h, { kind: 'coordinator_unfilled' }))[0], 20_000, 'the coordinator alert');
    expect(await outboundMessages(h, { to: home, kind: 'requester_unfilled' })).toHaveLength(0);
  });
});
