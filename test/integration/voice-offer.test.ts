/**
 * Offers by call (issue 15), end to end: real Postgres, Redis, workers and twilio client; the fake
 * Twilio places the call, fetches its TwiML from our webhook with a valid signature and plays it
 * with the keys the scenario presses.
 */
import type { FakeCall } from '../support/fake-twilio-calls';
import { parseTwiml, findAll } from '../support/fake-twilio-twiml';
import { createTask, dispatch, getTask, startPlus } from '../support/flows';
import { uniqueMobile } from '../support/factories';
import { eventually, startHarness, type Harness } from '../support/harness';
import { sweep } from '../../src/services/sweep';

let h: Harness;
let zone = 0;

beforeAll(async () => {
  // A short lease, so the call whose answer never comes is taken over within seconds; a rate high
  // enough that ten calls go out at once.
  h = await startHarness({ env: { CALL_RATE_PER_SECOND: '20', SMS_SEND_LEASE_SECONDS: '4' } });
});

afterAll(async () => {
  await h.close();
});

interface Caller { id: string; phone: string; name: string }

/** Volunteers who want calls, in an area of their own so no other test's volunteers are asked. */
async function setUp(count: number, opts: { waveSize?: number; phones?: string[] } = {}): Promise<{ taskId: string; volunteers: Caller[]; area: string }> {
  zone += 1;
  const area = `Sone ${zone}`;
  const volunteers: Caller[] = [];
  for (let i = 0; i < count; i++) {
    const phone = opts.phones?.[i] ?? uniqueMobile();
    const res = await h.api('POST', '/api/volunteers', { name: `Kari ${zone}-${i} Nordmann`, phone, contactPreference: 'call', areas: [area] });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    volunteers.push(res.body);
  }
  const task = await createTask(h, { area, waveSize: opts.waveSize ?? count, startsAt: startPlus({ days: zone }) });
  await dispatch(h, task.id);
  return { taskId: task.id, volunteers, area };
}

async function callTo(phone: string): Promise<FakeCall> {
  return eventually(async () => h.fake.voice.callsTo(phone)[0], 20_000, `a call to ${phone}`);
}

async function offerOf(taskId: string, volunteerId: string) {
  const task = await getTask(h, taskId);
  return task.offers.find((o) => o.volunteer.id === volunteerId);
}

describe('an offer by call', () => {
  it('a person who presses 1 gets the task: the offer is read without details, then the details, and an SMS', async () => {
    const { taskId, volunteers: [kari] } = await setUp(1);
    const call = await callTo(kari!.phone);
    expect(h.fake.voice.calls.filter((c) => c.to === kari!.phone)).toHaveLength(1);
    expect(call).toMatchObject({ from: '+4759440000', machineDetection: 'Enable', asyncAmd: true, statusCallbackEvents: ['initiated', 'ringing', 'answered', 'completed'] });
    // No SMS offer for someone who wants calls.
    expect(h.fake.messagesTo(kari!.phone)).toEqual([]);

    const transcript = await h.fake.voice.playCall(call.sid, { keys: ['1'] });
    const [offer, keys, accepted] = transcript.said;
    expect(offer).toMatch(/^Hei Kari, dette er Frivilligsentralen\. Kan du følge en person til legen \p{L}+dag \d+\. \p{L}+ klokken 10\.00, i Sone \d+\? Følge en eldre mann til legen\.$/u);
    expect(keys).toBe('Trykk 1 for ja, 2 for nei, 0 for å høre igjen.');
    expect(offer).not.toMatch(/Per Olsen|Kirkeveien|dr\. Berg/);
    expect(accepted).toContain('Per Olsen, Kirkeveien 12. Legetime kl. 10:30 hos dr. Berg.');
    expect(accepted).toContain('Du får dette på SMS også.');
    expect(transcript.requests.every((r) => r.status === 200 || r.status === 204)).toBe(true);

    const task = await getTask(h, taskId);
    expect(task).toMatchObject({ status: 'assigned', assignedVolunteer: { id: kari!.id } });
    const assignment = await h.deps.db.selectFrom('assignment').select('source').where('task_id', '=', taskId).executeTakeFirstOrThrow();
    expect(assignment.source).toBe('call');
    const sms = await eventually(async () => h.fake.messagesTo(kari!.phone)[0], 20_000, 'the details by SMS');
    expect(sms.body).toContain('Kirkeveien 12');
  });

  it('speaks slowly (prosody 90 %) in the Norwegian voice, one key at a time', async () => {
    const { volunteers: [kari] } = await setUp(1);
    const call = await callTo(kari!.phone);
    const first = await h.fake.voice.postRaw(call, call.url!, {});
    const doc = parseTwiml(first.text);
    const gather = findAll(doc, 'Gather')[0]!;
    expect(gather.attrs).toMatchObject({ input: 'dtmf', numDigits: '1', actionOnEmptyResult: 'true' });
    const says = findAll(gather, 'Say');
    expect(says.map((s) => s.attrs)).toEqual(says.map(() => ({ language: 'nb-NO', voice: 'Polly.Ida-Neural' })));
    expect(first.text).toContain('<prosody rate="90%">');
  });

  it('2 declines, and the next volunteer is called', async () => {
    const { taskId, volunteers: [ola, per] } = await setUp(2, { waveSize: 1 });
    const firstOffer = await eventually(async () => (await getTask(h, taskId)).offers[0], 20_000, 'the first offer');
    const [first, second] = firstOffer.volunteer.id === ola!.id ? [ola!, per!] : [per!, ola!];
    const transcript = await h.fake.voice.playCall((await callTo(first.phone)).sid, { keys: ['2'] });
    expect(transcript.said.at(-1)).toBe('Takk for svar! Vi spør noen andre. Ha det bra!');
    expect((await offerOf(taskId, first.id))?.status).toBe('declined');
    await callTo(second.phone);
  });

  it('silence twice: the menu is heard twice, the call ends, and the offer keeps waiting', async () => {
    const { taskId, volunteers: [kari] } = await setUp(1);
    const call = await callTo(kari!.phone);
    await eventually(async () => (await offerOf(taskId, kari!.id))?.status === 'open', 20_000, 'the offer to open once Twilio has the call');
    const transcript = await h.fake.voice.playCall(call.sid, { keys: [null, null] });
    expect(transcript.said.filter((s) => s.startsWith('Hei Kari'))).toHaveLength(2);
    expect(transcript.said.at(-1)).toMatch(/^Vi hørte ikke noe svar\. Du kan ringe oss tilbake på 67 93 40 00\./);
    expect(transcript.endedBy).toBe('hangup');
    expect((await offerOf(taskId, kari!.id))?.status).toBe('open');
    expect((await getTask(h, taskId)).status).toBe('searching');
  });

  it('0 repeats, another key is explained, then 1 still accepts', async () => {
    const { taskId, volunteers: [kari] } = await setUp(1);
    const transcript = await h.fake.voice.playCall((await callTo(kari!.phone)).sid, { keys: ['0', '7', '1'] });
    expect(transcript.said.filter((s) => s.startsWith('Hei Kari'))).toHaveLength(3);
    expect(transcript.said).toContain('Det forsto jeg ikke.');
    expect((await getTask(h, taskId)).status).toBe('assigned');
  });

  it('10 volunteers pressing 1 at once: exactly one gets the task, the others hear it is taken', async () => {
    const { taskId, volunteers } = await setUp(10);
    const calls = await Promise.all(volunteers.map((v) => callTo(v.phone)));
    const transcripts = await Promise.all(calls.map((c) => h.fake.voice.playCall(c.sid, { keys: ['1'] })));
    const winners = transcripts.filter((t) => t.said.some((s) => s.startsWith('Tusen takk! Oppdraget er ditt')));
    const losers = transcripts.filter((t) => t.said.at(-1) === 'Takk for at du svarte! Noen andre har allerede tatt oppdraget. Ha det bra!');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(9);
    const task = await getTask(h, taskId);
    expect(task.status).toBe('assigned');
    expect(task.offers.filter((o) => o.status === 'accepted')).toHaveLength(1);
    const assignments = await h.deps.db.selectFrom('assignment').select('id').where('task_id', '=', taskId).execute();
    expect(assignments).toHaveLength(1);
  });

  it('the same Gather action posted twice has one effect, and gets the same answer', async () => {
    const { taskId, volunteers: [kari] } = await setUp(1);
    const call = await callTo(kari!.phone);
    const transcript = await h.fake.voice.playCall(call.sid, { keys: ['1'] });
    const action = transcript.requests.find((r) => r.params.Digits === '1')!;
    const again = await Promise.all([1, 2].map(() => h.fake.voice.postRaw(call, action.url, { Digits: '1', FinishedOnKey: '' })));
    const first = transcript.requests.indexOf(action);
    expect(first).toBeGreaterThanOrEqual(0);
    for (const answer of again) expect(answer.text).toContain('Tusen takk! Oppdraget er ditt');
    const assignments = await h.deps.db.selectFrom('assignment').select('id').where('task_id', '=', taskId).execute();
    expect(assignments).toHaveLength(1);
    await eventually(async () => h.fake.messagesTo(kari!.phone).length > 0, 20_000, 'the details SMS');
    await new Promise((r) => setTimeout(r, 500));
    expect(h.fake.messagesTo(kari!.phone)).toHaveLength(1);
  });

  it('status callbacks are stored once per status and the call only moves forward', async () => {
    const { volunteers: [kari] } = await setUp(1);
    const call = await callTo(kari!.phone);
    await h.fake.voice.playCall(call.sid, { keys: ['2'] });
    const row = await h.deps.db.selectFrom('call').selectAll().where('twilio_sid', '=', call.sid).executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
    // Late and repeated callbacks: ringing after completed, completed again.
    for (const status of ['ringing', 'completed']) {
      const res = await h.fake.voice.postRaw({ ...call, status }, call.statusCallback!, {});
      expect(res.status).toBe(204);
    }
    const after = await h.deps.db.selectFrom('call').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('completed');
    const events = await h.deps.db.selectFrom('call_event').select('key').where('call_id', '=', row.id).where('key', 'like', 'status:%').execute();
    expect(events.map((e) => e.key).sort()).toEqual(['status:completed', 'status:in-progress', 'status:initiated', 'status:ringing']);
  });

  it('a landline volunteer is called, hears the details, and is sent no SMS', async () => {
    const landline = `+4722${String(100000 + zone * 7 + (process.pid % 1000)).slice(-6)}`;
    const { taskId, volunteers: [per] } = await setUp(1, { phones: [landline] });
    const transcript = await h.fake.voice.playCall((await callTo(per!.phone)).sid, { keys: ['1'] });
    expect(transcript.said.at(-1)).toContain('Kirkeveien 12');
    expect(transcript.said.at(-1)).not.toContain('SMS');
    expect((await getTask(h, taskId)).status).toBe('assigned');
    await new Promise((r) => setTimeout(r, 500));
    expect(h.fake.messagesTo(per!.phone)).toEqual([]);
  });

  it('an answer that never comes back from Twilio: the call is found there, not placed twice', async () => {
    h.fake.voice.hangNext(1);
    const { taskId, volunteers: [kari] } = await setUp(1);
    await eventually(async () => (await offerOf(taskId, kari!.id))?.status === 'open', 30_000, 'the offer to open after the reconcile');
    expect(h.fake.voice.callsTo(kari!.phone)).toHaveLength(1);
    const row = await h.deps.db.selectFrom('call').selectAll().where('to_phone', '=', kari!.phone).executeTakeFirstOrThrow();
    expect(row.twilio_sid).toBe(h.fake.voice.callsTo(kari!.phone)[0]!.sid);
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    const listed = h.fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Calls.json'));
    expect(listed.length).toBeGreaterThanOrEqual(1);
  });

  it('Twilio says «too many requests», then fails with a 500: the call is tried again with backoff, looked up, and placed once', async () => {
    h.fake.voice.failNext(1, 429);
    h.fake.voice.failNext(1, 500);
    const { taskId, volunteers: [kari] } = await setUp(1);
    await eventually(async () => (await offerOf(taskId, kari!.id))?.status === 'open', 30_000, 'the offer to open after the retries');
    expect(h.fake.voice.callsTo(kari!.phone)).toHaveLength(1);
    const row = await h.deps.db.selectFrom('call').selectAll().where('to_phone', '=', kari!.phone).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(3);
    expect(row.twilio_sid).toBe(h.fake.voice.callsTo(kari!.phone)[0]!.sid);
    // The 500 may have reached Twilio: before the third attempt the call was looked up there.
    const listed = h.fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Calls.json') && r.query.To === kari!.phone);
    expect(listed.length).toBeGreaterThanOrEqual(1);
  });

  it('a webhook for a call that is not ours, or with a wrong signature, changes nothing', async () => {
    const { volunteers: [kari] } = await setUp(1);
    const call = await callTo(kari!.phone);
    await eventually(async () => (await h.deps.db.selectFrom('call').select('twilio_sid').where('to_phone', '=', kari!.phone).executeTakeFirst())?.twilio_sid, 20_000, 'the call to be recorded');
    const stranger = await h.fake.voice.postRaw({ ...call, sid: `CA${'f'.repeat(32)}` }, call.url!, {});
    expect(stranger.text).toContain('<Hangup/>');
    const unsigned = await fetch(call.url!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' }, body: `CallSid=${call.sid}` });
    expect(unsigned.status).toBe(403);
  });

  it('an answering machine gets a short message without details, and a mobile gets the offer by SMS', async () => {
    const { taskId, volunteers: [kari] } = await setUp(1);
    const call = await callTo(kari!.phone);
    const transcript = await h.fake.voice.playCall(call.sid, { answeredBy: 'machine_end_beep' });
    const message = transcript.said.at(-1)!;
    expect(message).toBe('Hei, dette er Frivilligsentralen. Vi lurer på om du kan hjelpe med et oppdrag. Du får en SMS om det nå. Ring oss gjerne tilbake på 67 93 40 00. Ha det bra!');
    expect(transcript.said.join(' ')).not.toMatch(/Per Olsen|Kirkeveien/);
    const sms = await eventually(async () => h.fake.messagesTo(kari!.phone)[0], 20_000, 'the SMS offer');
    expect(sms.body).toMatch(/^Svarja: Kan du hjelpe\? Følge/);
    expect(sms.body).not.toContain('Kirkeveien');
    const row = await h.deps.db.selectFrom('call').select('answered_by').where('twilio_sid', '=', call.sid).executeTakeFirstOrThrow();
    expect(row.answered_by).toBe('machine_end_beep');
    // The SMS answers the same offer.
    await h.sms(kari!.phone, 'JA');
    await eventually(async () => (await getTask(h, taskId)).status === 'assigned', 20_000, 'JA by SMS after the machine');
  });

  it('no answer: one more call after 10 minutes within the answer time, and no third', async () => {
    const { taskId, volunteers: [kari] } = await setUp(1);
    const first = await callTo(kari!.phone);
    await eventually(async () => (await offerOf(taskId, kari!.id))?.status === 'open', 20_000, 'the offer to open');
    await h.fake.voice.endUnanswered(first.sid, 'no-answer');
    const rows = await h.deps.db.selectFrom('call').selectAll().where('to_phone', '=', kari!.phone).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['no-answer', 'queued']);
    const waited = rows[1]!.call_after!.getTime() - rows[0]!.status_at!.getTime();
    expect(waited).toBeGreaterThanOrEqual(10 * 60_000 - 1000);
    expect(waited).toBeLessThan(10 * 60_000 + 5000);
    h.clock.advance(10 * 60_000);
    for (const job of await h.deps.queues.byName.voice.getDelayed()) await job.promote();
    const second = await eventually(async () => h.fake.voice.callsTo(kari!.phone)[1], 20_000, 'the second call');
    await h.fake.voice.endUnanswered(second.sid, 'busy');
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.deps.db.selectFrom('call').select('id').where('to_phone', '=', kari!.phone).execute()).toHaveLength(2);
    expect((await offerOf(taskId, kari!.id))?.status).toBe('open'); // it expires as usual
  });

  it('sms_then_call: an SMS first, a call at half the answer time while it is unanswered, and none once answered', async () => {
    zone += 1;
    const area = `Sone ${zone}`;
    const make = async (name: string) => (await h.api('POST', '/api/volunteers', { name, phone: uniqueMobile(), contactPreference: 'sms_then_call', areas: [area] })).body as Caller;
    const [anna, bodil] = [await make('Anna Berg'), await make('Bodil Dahl')];
    const task = await createTask(h, { area, waveSize: 2, offerTimeoutMinutes: 30, startsAt: startPlus({ days: zone }) });
    await dispatch(h, task.id);
    await eventually(async () => h.fake.messagesTo(anna.phone).length > 0 && h.fake.messagesTo(bodil.phone).length > 0, 20_000, 'both SMS offers');
    const followUps = await eventually(async () => {
      const jobs = (await h.deps.queues.byName.dispatch.getDelayed()).filter((j) => j.name === 'follow-up-call');
      return jobs.length === 2 && jobs;
    }, 20_000, 'two follow-up timers');
    // Due half the answer time after the SMS left: the delay is the due time (test clock) minus real time at enqueue.
    const sentAt = (await h.deps.db.selectFrom('offer').select('sent_at').where('task_id', '=', task.id).execute()).map((o) => o.sent_at!.getTime());
    for (const [i, job] of followUps.entries()) {
      const dueAt = job.timestamp + job.opts.delay!;
      expect([i, Math.min(...sentAt.map((t) => Math.abs(dueAt - (t + 15 * 60_000)))) < 5_000]).toEqual([i, true]);
    }
    expect(h.fake.voice.callsTo(anna.phone)).toEqual([]);

    await h.sms(bodil.phone, 'NEI'); // Bodil answered: no call for her
    await eventually(async () => (await offerOf(task.id, bodil.id))?.status === 'declined', 20_000, 'the NEI');
    h.clock.advance(15 * 60_000);
    for (const job of followUps) await job.promote();
    const call = await callTo(anna.phone);
    const transcript = await h.fake.voice.playCall(call.sid, { keys: ['1'] });
    expect(transcript.said.some((t) => t.startsWith('Tusen takk!'))).toBe(true);
    expect((await getTask(h, task.id)).status).toBe('assigned');
    expect(h.fake.voice.callsTo(bodil.phone)).toEqual([]);
  });

  it('sms_then_call: a follow-up timer Redis lost is re-derived by the sweeper', async () => {
    zone += 1;
    const area = `Sone ${zone}`;
    const cato = (await h.api('POST', '/api/volunteers', { name: 'Cato Lie', phone: uniqueMobile(), contactPreference: 'sms_then_call', areas: [area] })).body as Caller;
    const task = await createTask(h, { area, waveSize: 1, offerTimeoutMinutes: 30, startsAt: startPlus({ days: zone }) });
    await dispatch(h, task.id);
    const timer = await eventually(async () => (await h.deps.queues.byName.dispatch.getDelayed()).find((j) => j.name === 'follow-up-call' && j.data.offerId !== undefined
      && (h.fake.messagesTo(cato.phone).length > 0)), 20_000, 'the follow-up timer');
    await timer.remove(); // Redis lost it
    h.clock.advance(16 * 60_000);
    const report = await sweep(h.deps.ctx);
    expect(report.calls).toBeGreaterThanOrEqual(1);
    const call = await callTo(cato.phone);
    await h.fake.voice.playCall(call.sid, { keys: ['2'] });
    expect((await offerOf(task.id, cato.id))?.status).toBe('declined');
  });
});
