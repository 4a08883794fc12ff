/**
 * Calls in to the service number (issue 15): the fake Twilio rings our «A call comes in» webhook
 * from a number and plays what it answers, signed like Twilio.
 */
import { createTask, dispatch, getTask, waitForOpenOffers, startPlus } from '../support/flows';
import { uniqueMobile } from '../support/factories';
import { registerHome } from '../support/requester';
import { logInWithFetch } from '../support/web-login';
import { FAKE_RECORDING_AUDIO } from '../support/fake-twilio-calls';
import { COORDINATOR, eventually, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';

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
  it('refuses a bad signature with 403, at both addresses', async () => {
    for (const path of ['/webhooks/twilio/voice', '/webhooks/twilio/voice/incoming']) {
      const res = await h.webhook(path, { CallSid: `CA${'1'.repeat(32)}`, From: '+4791234567', To: SERVICE_NUMBER }, 'bad-signature');
      expect(res.status).toBe(403);
    }
  });

  it('answers at POST /webhooks/twilio/voice (the address the issue names) as at /incoming', async () => {
    const { taskId, volunteers: [kari] } = await setUp(1);
    const t = await h.fake.voice.ringIn({ from: kari!.phone, to: SERVICE_NUMBER, url: `${h.config.publicBaseUrl}/webhooks/twilio/voice` }, { keys: ['1'] });
    expect(t.requests[0]).toMatchObject({ url: `${h.config.publicBaseUrl}/webhooks/twilio/voice`, status: 200 });
    expect(t.said[0]).toMatch(/^Hei Kari, dette er Frivilligsentralen\./);
    expect(t.said[2]).toContain('Oppdraget er ditt');
    expect((await getTask(h, taskId)).status).toBe('assigned');
  });
});


/** Moves the test clock to this instant (only forward: these tests run last, after the volunteers'). */
function clockTo(iso: string): void {
  const ms = new Date(iso).getTime() - h.clock.now().getTime();
  if (ms < 0) throw new Error(`the clock is past ${iso}`);
  h.clock.advance(ms);
}

async function voicemailsFrom(phone: string) {
  return h.deps.db.selectFrom('message').select(['id', 'from_phone', 'recording_seconds', 'needs_attention', 'classification', 'requester_id'])
    .where('kind', '=', 'voicemail').where('from_phone', '=', phone).execute();
}

describe('a requester or anyone else rings in', () => {
  let home: string;
  beforeAll(async () => {
    ({ home } = await registerHome(h, { name: 'Solbakken sykehjem' }));
  });

  it('in office hours: put through to COORDINATOR_PHONE; nobody answering → the voicemail', async () => {
    clockTo('2027-01-13T12:00:00+01:00'); // a Wednesday, man-fre 09-15
    const answered = await ringIn(home, [], { dialAnswered: true });
    expect(answered.dialled).toEqual([COORDINATOR]);
    expect(answered.recorded).toEqual([]);
    expect(await voicemailsFrom(home)).toEqual([]);

    const unanswered = await ringIn(home, [], { dialAnswered: false, recordSeconds: 17 });
    expect(unanswered.dialled).toEqual([COORDINATOR]);
    expect(unanswered.said.at(-1)).toMatch(/Legg igjen en beskjed etter pipetonen/);
    expect(unanswered.recorded).toHaveLength(1);
    expect(await voicemailsFrom(home)).toEqual([expect.objectContaining({ recording_seconds: 17, needs_attention: true, classification: 'voicemail' })]);
  });

  it('out of office hours: the voicemail lands in Innboks with the caller, the length and a player for coordinators only', async () => {
    clockTo('2027-01-13T18:00:00+01:00');
    const stranger = uniqueMobile();
    const t = await ringIn(stranger, [], { recordSeconds: 42 });
    expect(t.dialled).toEqual([]);
    expect(t.said[0]).toBe('Hei, du har ringt Frivilligsentralen. Vi kan ikke ta telefonen nå. Legg igjen en beskjed etter pipetonen, med navn og nummer, så ringer vi deg tilbake.');
    const record = t.requests.find((r) => r.params.RecordingSid && r.url.includes('/incoming/recording'))!;
    expect(record.status).toBe(204);
    const [item] = await voicemailsFrom(stranger);
    expect(item).toMatchObject({ from_phone: stranger, recording_seconds: 42, needs_attention: true });

    // The same recording callback again: still one item.
    const again = await h.webhook(record.url.slice(h.config.publicBaseUrl.length), record.params);
    expect(again.status).toBe(204);
    expect(await voicemailsFrom(stranger)).toHaveLength(1);

    const coordinator = await logInWithFetch(h, { email: 'talemelding@example.no', role: 'coordinator' });
    const page = await fetch(`${h.baseUrl}/admin/inbox`, { headers: { cookie: coordinator.cookie } });
    const html = await page.text();
    expect(html).toContain(`src="/admin/inbox/${item!.id}/recording"`);
    expect(html).toContain('Talemelding, 42 s.');
    const audio = await fetch(`${h.baseUrl}/admin/inbox/${item!.id}/recording`, { headers: { cookie: coordinator.cookie } });
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await audio.arrayBuffer())).toEqual(FAKE_RECORDING_AUDIO);
    // Twilio was asked with the account's credentials.
    expect(h.fake.requests.some((r) => r.path.endsWith('.mp3') && r.authorized && r.status === 200)).toBe(true);

    // Not logged in: no audio; an id that is no voicemail: 404.
    const anonymous = await fetch(`${h.baseUrl}/admin/inbox/${item!.id}/recording`, { redirect: 'manual' });
    expect(anonymous.status).not.toBe(200);
    expect(await anonymous.text()).not.toContain(FAKE_RECORDING_AUDIO.toString('latin1'));
    expect((await fetch(`${h.baseUrl}/admin/inbox/999999999/recording`, { headers: { cookie: coordinator.cookie } })).status).toBe(404);
    expect((await fetch(`${h.baseUrl}/admin/inbox/x/recording`, { headers: { cookie: coordinator.cookie } })).status).toBe(404);
  });

  it('on a Norwegian public holiday within office hours: the voicemail, no Dial', async () => {
    clockTo('2027-03-25T12:00:00+01:00'); // Skjærtorsdag, a Thursday
    const t = await ringIn(home, [], { recordSeconds: 5 });
    expect(t.dialled).toEqual([]);
    expect(t.recorded).toHaveLength(1);
    expect(await voicemailsFrom(home)).toHaveLength(2);
  });
});
