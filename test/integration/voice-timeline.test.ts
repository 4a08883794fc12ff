/**
 * Calls on the task page's timeline (issue 15): a call driven through the fake Twilio (placed, no
 * answer, the retry, answered by a person or a machine, each key) reads as plain Norwegian lines,
 * named by the volunteer as the SMS lines are, with no phone number and nothing said on the call.
 */
import { DateTime } from 'luxon';
import type { FakeCall } from '../support/fake-twilio-calls';
import { createTask, dispatch, getTask, startPlus } from '../support/flows';
import { uniqueMobile } from '../support/factories';
import { eventually, SERVICE_NUMBER, startHarness, type Harness } from '../support/harness';
import { logInWithFetch, type WebLogin } from '../support/web-login';
import { eraseVolunteer } from '../../src/services/erase-volunteer';
import { eraseOldMessageBodies } from '../../src/services/erase-old-message-bodies';

let h: Harness;
let coordinator: WebLogin;
let zone = 0;

beforeAll(async () => {
  h = await startHarness({ env: { CALL_RATE_PER_SECOND: '20' } });
  coordinator = await logInWithFetch(h, { email: 'tidslinje@example.no', role: 'coordinator' });
});

afterAll(async () => {
  await h.close();
});

interface Caller { id: string; phone: string; name: string }

async function setUp(names: string[], opts: { waveSize?: number; contactPreference?: string } = {}): Promise<{ taskId: string; volunteers: Caller[] }> {
  zone += 1;
  const area = `Tidssone ${zone}`;
  const volunteers: Caller[] = [];
  for (const name of names) {
    const res = await h.api('POST', '/api/volunteers', { name, phone: uniqueMobile(), contactPreference: opts.contactPreference ?? 'call', areas: [area] });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    volunteers.push(res.body);
  }
  const task = await createTask(h, { area, waveSize: opts.waveSize ?? names.length, startsAt: startPlus({ days: 40 + zone }) });
  await dispatch(h, task.id);
  return { taskId: task.id, volunteers };
}

async function callTo(phone: string, index = 0): Promise<FakeCall> {
  return eventually(async () => h.fake.voice.callsTo(phone)[index], 20_000, `call ${index + 1} to ${phone}`);
}

async function offerOpen(taskId: string, volunteerId: string): Promise<void> {
  await eventually(async () => (await getTask(h, taskId)).offers.some((o) => o.volunteer.id === volunteerId && o.status === 'open') || undefined, 20_000, 'the offer to open');
}

/** The task page as a coordinator sees it: the timeline's lines (time left out), oldest first, and the section's HTML. */
async function timelineOf(taskId: string): Promise<{ lines: string[]; html: string }> {
  const res = await fetch(`${h.baseUrl}/admin/tasks/${taskId}`, { headers: { cookie: coordinator.cookie } });
  expect(res.status).toBe(200);
  const page = await res.text();
  const html = /<ol class="timeline">([\s\S]*?)<\/ol>/.exec(page)?.[1] ?? '';
  const lines = [...html.matchAll(/<li>[\s\S]*?<\/time><br>([\s\S]*?)<\/li>/g)].map((m) => m[1]!
    .replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim());
  return { lines, html };
}

/** The lines that mention `name`, in order. */
const about = (lines: string[], name: string) => lines.filter((l) => l.includes(name));

describe('calls on the task timeline', () => {
  it('no answer, the retry 10 minutes later, then a person: silence, 0 and 1, each a line', async () => {
    const { taskId, volunteers: [kari] } = await setUp(['Kari Tidslinje']);
    const first = await callTo(kari!.phone);
    await offerOpen(taskId, kari!.id);
    await h.fake.voice.endUnanswered(first.sid, 'no-answer');
    const retryAt = (await h.deps.db.selectFrom('call').select('call_after').where('to_phone', '=', kari!.phone).where('status', '=', 'queued').executeTakeFirstOrThrow()).call_after!;

    let { lines } = await timelineOf(taskId);
    const clock = DateTime.fromJSDate(retryAt, { zone: 'Europe/Oslo' }).toFormat('HH:mm');
    expect(about(lines, 'Kari Tidslinje')).toEqual([
      'Ringte Kari Tidslinje med tilbudet',
      'Kari Tidslinje tok ikke telefonen',
      `Nytt forsøk: Kari Tidslinje blir ringt opp igjen kl. ${clock}`,
    ]);

    h.clock.advance(10 * 60_000);
    for (const job of await h.deps.queues.byName.voice.getDelayed()) await job.promote();
    const second = await callTo(kari!.phone, 1);
    const transcript = await h.fake.voice.playCall(second.sid, { keys: [null, '0', '1'] });
    expect(transcript.said.some((s) => s.startsWith('Tusen takk!'))).toBe(true);

    ({ lines } = await timelineOf(taskId));
    // The details SMS is on its way (its status line changes as it goes): not part of this check.
    expect(about(lines, 'Kari Tidslinje').filter((l) => !l.startsWith('Bekreftelse med detaljene'))).toEqual([
      'Ringte Kari Tidslinje med tilbudet',
      'Kari Tidslinje tok ikke telefonen',
      `Nytt forsøk: Kari Tidslinje blir ringt opp igjen kl. ${clock}`,
      'Ringte Kari Tidslinje med tilbudet igjen (forsøk 2)',
      'Kari Tidslinje tok telefonen selv',
      'Ingen tast fra Kari Tidslinje; tilbudet ble lest opp igjen',
      'Kari Tidslinje trykket 0 (hør tilbudet igjen)',
      'Kari Tidslinje trykket 1 (ja)',
      'Kari Tidslinje takket ja',
      expect.stringMatching(/^Samtalen med Kari Tidslinje er avsluttet \((\d+ s|\d+ min( \d+ s)?)\)$/),
    ]);
  });

  it('a machine: the line says so, and the SMS offer it caused follows', async () => {
    const { taskId, volunteers: [mona] } = await setUp(['Mona Maskin']);
    await h.fake.voice.playCall((await callTo(mona!.phone)).sid, { answeredBy: 'machine_end_beep' });
    await eventually(async () => h.fake.messagesTo(mona!.phone)[0], 20_000, 'the SMS offer');
    const { lines, html } = await timelineOf(taskId);
    const mine = about(lines, 'Mona Maskin');
    expect(mine.slice(0, 2)).toEqual(['Ringte Mona Maskin med tilbudet', 'En telefonsvarer tok samtalen til Mona Maskin og fikk en kort beskjed uten detaljer']);
    expect(mine).toContainEqual(expect.stringMatching(/^Tilbud på SMS til Mona Maskin \(en telefonsvarer tok samtalen\) \(/));
    expect(mine).not.toContain('Mona Maskin tok telefonen selv');
    // Never a number, never the details.
    expect(html).not.toContain(mona!.phone);
    expect(html).not.toContain(mona!.phone.slice(3));
    expect(html).not.toMatch(/Kirkeveien|Per Olsen/);
  });

  it('2 is «nei», silence twice ends the call and the offer waits, busy and failed read plainly', async () => {
    const { taskId, volunteers } = await setUp(['Nils Nei', 'Stine Stille', 'Odd Opptatt', 'Frida Feil']);
    const [nils, stine, odd, frida] = volunteers as [Caller, Caller, Caller, Caller];
    await h.fake.voice.playCall((await callTo(nils.phone)).sid, { keys: ['2'] });
    await h.fake.voice.playCall((await callTo(stine.phone)).sid, { keys: [null, null] });
    await offerOpen(taskId, odd.id);
    await h.fake.voice.endUnanswered((await callTo(odd.phone)).sid, 'busy');
    await offerOpen(taskId, frida.id);
    await h.fake.voice.endUnanswered((await callTo(frida.phone)).sid, 'failed');

    const { lines, html } = await timelineOf(taskId);
    expect(about(lines, 'Nils Nei')).toEqual(expect.arrayContaining(['Nils Nei tok telefonen selv', 'Nils Nei trykket 2 (nei)', 'Nils Nei takket nei']));
    expect(about(lines, 'Stine Stille')).toEqual(expect.arrayContaining([
      'Ingen tast fra Stine Stille; tilbudet ble lest opp igjen',
      'Ingen tast fra Stine Stille; samtalen ble avsluttet, og tilbudet venter på svar',
    ]));
    expect(about(lines, 'Odd Opptatt')).toContain('Det var opptatt hos Odd Opptatt');
    expect(about(lines, 'Odd Opptatt').some((l) => l.startsWith('Nytt forsøk: Odd Opptatt blir ringt opp igjen kl. '))).toBe(true);
    expect(about(lines, 'Frida Feil')).toContain('Oppringningen til Frida Feil kom ikke fram');
    expect(html).toContain('<span class="error-text">Oppringningen til Frida Feil kom ikke fram</span>');
  });

  it('a volunteer who rings in with a live offer: the call and the key are on the timeline', async () => {
    const { taskId, volunteers: [ivar] } = await setUp(['Ivar Innringer'], { contactPreference: 'sms' });
    await offerOpen(taskId, ivar!.id);
    await h.fake.voice.ringIn({ from: ivar!.phone, to: SERVICE_NUMBER, url: `${h.config.publicBaseUrl}/webhooks/twilio/voice` }, { keys: ['1'] });
    const { lines } = await timelineOf(taskId);
    expect(about(lines, 'Ivar Innringer')).toEqual(expect.arrayContaining(['Ivar Innringer ringte tjenesten og hørte tilbudet', 'Ivar Innringer trykket 1 (ja)', 'Ivar Innringer takket ja']));
  });

  it('what a call kept (the number, the answers greeting by name) goes with erasure and with retention', async () => {
    const { taskId, volunteers: [ella, olav] } = await setUp(['Ella Sletting', 'Olav Beholder']);
    await h.fake.voice.playCall((await callTo(ella!.phone)).sid, { keys: ['2'] });
    await h.fake.voice.playCall((await callTo(olav!.phone)).sid, { keys: [null, null] });
    const callsOf = (volunteerId: string) => h.deps.db.selectFrom('call as c').innerJoin('call_event as e', 'e.call_id', 'c.id')
      .select(['c.to_phone', 'e.key', 'e.twiml']).where('c.volunteer_id', '=', volunteerId).where('e.key', 'like', 'gather:%').execute();
    expect((await callsOf(ella!.id)).every((r) => r.to_phone === ella!.phone && r.twiml?.includes('<Say'))).toBe(true);

    expect(await eraseVolunteer(h.deps.ctx, { kind: 'service' }, ella!.id)).toEqual({ ok: true });
    const erased = await callsOf(ella!.id);
    expect(erased.length).toBeGreaterThan(0);
    expect(erased.every((r) => r.to_phone === '' && r.twiml === null)).toBe(true);
    // The timeline still says what happened, by the erased name.
    expect(about((await timelineOf(taskId)).lines, 'Slettet frivillig')).toContain('Slettet frivillig trykket 2 (nei)');
    // Olav's call is untouched until retention's limit has passed.
    expect((await callsOf(olav!.id)).every((r) => r.twiml !== null)).toBe(true);
    const later = new Date(h.clock.now().getTime() + (h.deps.ctx.settings.retentionDays + 1) * 24 * 3600 * 1000);
    await eraseOldMessageBodies({ ...h.deps.ctx, now: () => later });
    expect((await callsOf(olav!.id)).every((r) => r.twiml === null && r.to_phone === olav!.phone)).toBe(true);
  });
});
