/**
 * Calls in to the service number (issue 15): the fake Twilio rings our «A call comes in» webhook
 * from a number and plays what it answers, signed like Twilio.
 */
import { createTask, dispatch, getTask, waitForOpenOffers, startPlus } from '../support/flows';
import { uniqueMobile } from '../support/factories';
import { eventually, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';

let h: Harness;
let zone = 0;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const incomingUrl = () => `${h.config.publicBaseUrl}/webhooks/twilio/voice/incoming`;
const ringIn = (from: string, keys: (string | null)[] = [], extra: { dialAnswered?: boolean; recordSeconds?: number } = {}) =>
  h.fake.voice.ringIn({ from, to: SERVICE_NUMBER, url: incomingUrl() }, { keys, ...extra });

/** SMS volunteers in an area of their own, and a task offered to the first `waveSize` of them. */
async function setUp(count: number, waveSize = count): Promise<{ taskId: string; volunteers: { id: string; phone: string }[] }> {
  zone += 1;
  const area = `Innsone ${zone}`;
  const volunteers: { id: string; phone: string }[] = [];
  for (let i = 0; i < count; i++) {
    const res = await h.api('POST', '/api/volunteers', { name: `Kari ${zone}-${i} Nordmann`, phone: uniqueMobile(), areas: [area] });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    volunteers.push(res.body);
  }
  const task = await createTask(h, { area, waveSize, startsAt: startPlus({ days: zone }) });
  await dispatch(h, task.id);
  await waitForOpenOffers(h, task.id, waveSize);
  return { taskId: task.id, volunteers };
}

describe('a volunteer rings in', () => {
  it('with a live offer: hears the offer menu and takes it with 1', async () => {
    const { taskId, volunteers: [kari] } = await setUp(1);
    const t = await ringIn(kari!.phone, ['1']);
    expect(t.said[0]).toMatch(/^Hei Kari, dette er Frivilligsentralen\. Kan du følge en person til legen/);
    expect(t.said[1]).toBe('Trykk 1 for ja, 2 for nei, 0 for å høre igjen.');
    expect(t.said[2]).toContain('Oppdraget er ditt');
    expect(t.requests.every((r) => r.status === 200)).toBe(true);
    const task = await getTask(h, taskId);
    expect(task).toMatchObject({ status: 'assigned', assignedVolunteer: { id: kari!.id } });
  });

  it('with a task ahead: hears when and where, 9 then 1 cancels it and the task goes out again', async () => {
    const { taskId, volunteers: [kari, ola] } = await setUp(2, 1);
    const first = (await getTask(h, taskId)).offers[0]!;
    const [taker, other] = first.volunteer.id === kari!.id ? [kari!, ola!] : [ola!, kari!];
    await h.sms(taker.phone, 'JA');
    await eventually(async () => ((await getTask(h, taskId)).status === 'assigned' ? true : undefined), 20_000, 'assigned');

    const t = await ringIn(taker.phone, ['9', '1']);
    expect(t.said[0]).toMatch(/Ditt neste oppdrag er \p{L}+dag \d+\. \p{L}+ klokken 10\.00, i Innsone \d+\. Trykk 9 for å avbryte det\./u);
    expect(t.said[1]).toBe('Vil du avbryte oppdraget? Trykk 1 for å bekrefte.');
    expect(t.said[2]).toBe('Oppdraget er avbrutt. Vi spør noen andre. Ha det bra!');
    const assignment = await h.deps.db.selectFrom('assignment').select(['status', 'cancelled_by']).where('task_id', '=', taskId).executeTakeFirstOrThrow();
    expect(assignment).toEqual({ status: 'cancelled', cancelled_by: 'volunteer' });
    await eventually(async () => {
      const task = await getTask(h, taskId);
      return task.offers.some((o) => o.volunteer.id === other.id && o.status === 'open') ? task : undefined;
    }, 20_000, 'the task offered to the other volunteer');
  });

  it('with a task ahead: any other key keeps it, and a repeated key action has one effect', async () => {
    const { taskId, volunteers: [kari] } = await setUp(1);
    await h.sms(kari!.phone, 'JA');
    await eventually(async () => ((await getTask(h, taskId)).status === 'assigned' ? true : undefined), 20_000, 'assigned');
    const t = await ringIn(kari!.phone, ['9', '2']);
    expect(t.said[2]).toBe('Oppdraget er fortsatt ditt. Ha det bra!');
    expect((await getTask(h, taskId)).status).toBe('assigned');
    // Twilio posting the confirming action again gets the same answer and changes nothing.
    const confirm = t.requests.find((r) => r.params.Digits === '2')!;
    const again = await h.webhook(confirm.url.slice(h.config.publicBaseUrl.length), confirm.params);
    expect(again.status).toBe(200);
    expect(again.text).toContain('Oppdraget er fortsatt ditt');
    expect((await getTask(h, taskId)).status).toBe('assigned');
  });
});

describe('the incoming webhook', () => {
  it('refuses a bad signature with 403', async () => {
    const res = await h.webhook('/webhooks/twilio/voice/incoming', { CallSid: `CA${'1'.repeat(32)}`, From: '+4791234567', To: SERVICE_NUMBER }, 'bad-signature');
    expect(res.status).toBe(403);
  });
});

