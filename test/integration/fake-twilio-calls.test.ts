/**
 * Drives the fake Twilio's Calls API with the REAL twilio package, and lets it play calls against
 * a small TwiML server that checks X-Twilio-Signature like ours does. No database or Redis.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { FakeTwilio } from '../support/fake-twilio';
import { parseTwiml } from '../support/fake-twilio-twiml';
import { TwilioHttpClient } from '../../src/sms/twilio-http-client';

const TO = '+4741234567';
const FROM = '+4759440000';

let fake: FakeTwilio;
let server: http.Server;
let base: string;
/** Every webhook the TwiML server got: path, params and whether the signature was valid. */
const hits: { path: string; params: Record<string, string>; signed: boolean }[] = [];

/** A menu: 1 → «Takk», 0 → the menu again, silence → the next verb after the Gather. */
function answer(path: string, params: Record<string, string>): string {
  const vr = new twilio.twiml.VoiceResponse();
  if (path.startsWith('/menu')) {
    const gather = vr.gather({ input: ['dtmf'], numDigits: 1, timeout: 5, action: '/press?step=1' });
    gather.say({ language: 'nb-NO', voice: 'Polly.Ida-Neural' }, '').prosody({ rate: '90%' }, 'Trykk 1 for ja & 2 for nei.');
    vr.say({ language: 'nb-NO' }, 'Ha det.');
    vr.hangup();
  } else if (path.startsWith('/press')) {
    if (params.Digits === '0') vr.redirect('/menu');
    else vr.say(`Du trykket ${params.Digits}.`);
  } else if (path.startsWith('/inbound')) {
    vr.dial({ action: '/dialled', timeout: 20 }, '+4798765432');
  } else if (path.startsWith('/dialled')) {
    vr.record({ maxLength: 120, action: '/recorded', recordingStatusCallback: '/recording' });
  }
  return vr.toString();
}

function clientFor(timeoutMs?: number): twilio.Twilio {
  return twilio(fake.accountSid, fake.authToken, { httpClient: new TwilioHttpClient({ baseUrl: fake.url, timeoutMs }) });
}

beforeAll(async () => {
  fake = await FakeTwilio.start();
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString(); });
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(raw));
      const signed = twilio.validateRequest(fake.authToken, String(req.headers['x-twilio-signature'] ?? ''), base + req.url, params);
      hits.push({ path: req.url ?? '', params, signed });
      if (!signed) { res.writeHead(403).end(); return; }
      res.writeHead(200, { 'content-type': 'text/xml' }).end(answer(req.url ?? '', params));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  fake.reset();
  hits.length = 0;
});

afterAll(async () => {
  await fake.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fake Twilio: the Calls REST API', () => {
  it('creates a call with the options twilio-node sends, and fetches and lists it', async () => {
    const client = clientFor();
    const created = await client.calls.create({
      to: TO, from: FROM, url: `${base}/menu`, statusCallback: `${base}/status`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'], machineDetection: 'Enable', asyncAmd: 'true',
      asyncAmdStatusCallback: `${base}/amd`,
    });
    expect(created).toMatchObject({ sid: expect.stringMatching(/^CA[0-9a-f]{32}$/), status: 'queued', to: TO, from: FROM });
    const stored = fake.voice.find(created.sid);
    expect(stored).toMatchObject({ machineDetection: 'Enable', asyncAmd: true, statusCallbackEvents: ['initiated', 'ringing', 'answered', 'completed'] });
    expect((await client.calls(created.sid).fetch()).status).toBe('queued');
    const listed = await client.calls.list({ to: TO, from: FROM, limit: 20 });
    expect(listed.map((c) => c.sid)).toEqual([created.sid]);
    expect(await client.calls.list({ to: '+4791234567', limit: 20 })).toEqual([]);
  });

  it('fails planned creates with Twilio errors, and can hold an answer back after creating the call', async () => {
    const client = clientFor(300);
    fake.voice.failNext(1, 429);
    await expect(client.calls.create({ to: TO, from: FROM, url: `${base}/menu` })).rejects.toMatchObject({ status: 429, code: 20429 });
    await expect(client.calls.create({ to: TO, from: FROM })).rejects.toMatchObject({ status: 400, code: 21205 });
    fake.voice.hangNext(1);
    await expect(client.calls.create({ to: TO, from: FROM, url: `${base}/menu` })).rejects.toThrow();
    expect(fake.voice.calls).toHaveLength(1); // Twilio has it, though the client never heard so
  });

  it('updates a live call with new TwiML', async () => {
    const client = clientFor();
    const call = await client.calls.create({ to: TO, from: FROM, url: `${base}/menu` });
    await client.calls(call.sid).update({ twiml: '<Response><Say>Ny tekst</Say></Response>' });
    expect(fake.voice.find(call.sid).updates).toEqual([{ twiml: '<Response><Say>Ny tekst</Say></Response>' }]);
  });
});

describe('fake Twilio: playing a call', () => {
  async function placeMenuCall(): Promise<string> {
    const call = await clientFor().calls.create({
      to: TO, from: FROM, url: `${base}/menu`, statusCallback: `${base}/status`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    return call.sid;
  }

  it('a person who presses 1: the menu is heard, the action gets Digits, every request signed', async () => {
    const transcript = await fake.voice.playCall(await placeMenuCall(), { keys: ['1'] });
    expect(transcript.said).toEqual(['Trykk 1 for ja & 2 for nei.', 'Du trykket 1.']);
    expect(transcript.pressed).toEqual(['1']);
    expect(hits.every((h) => h.signed)).toBe(true);
    expect(hits.map((h) => `${h.path} ${h.params.CallStatus}`)).toEqual([
      '/status initiated', '/status ringing', '/status in-progress', '/menu in-progress', '/press?step=1 in-progress', '/status completed',
    ]);
    expect(hits.find((h) => h.path.startsWith('/press'))?.params.Digits).toBe('1');
    expect(hits.at(-1)?.params.CallDuration).toMatch(/^\d+$/);
  });

  it('0 repeats through a Redirect; silence falls through to the verbs after the Gather', async () => {
    const transcript = await fake.voice.playCall(await placeMenuCall(), { keys: ['0', null] });
    expect(transcript.said).toEqual(['Trykk 1 for ja & 2 for nei.', 'Trykk 1 for ja & 2 for nei.', 'Ha det.']);
    expect(transcript.endedBy).toBe('hangup');
  });

  it('a machine: the AMD result goes to AsyncAmdStatusCallback', async () => {
    const call = await clientFor().calls.create({ to: TO, from: FROM, url: `${base}/menu`, machineDetection: 'Enable', asyncAmd: 'true', asyncAmdStatusCallback: `${base}/amd` });
    await fake.voice.playCall(call.sid, { answeredBy: 'machine_end_beep' });
    expect(hits.find((h) => h.path === '/amd')?.params).toMatchObject({ AnsweredBy: 'machine_end_beep', CallSid: call.sid });
  });

  it('no answer: only the final status is posted when no events were asked for', async () => {
    const call = await clientFor().calls.create({ to: TO, from: FROM, url: `${base}/menu`, statusCallback: `${base}/status` });
    await fake.voice.endUnanswered(call.sid, 'no-answer');
    expect(hits.map((h) => h.params.CallStatus)).toEqual(['no-answer']);
    expect(fake.voice.find(call.sid).status).toBe('no-answer');
  });

  it('Dial with nobody answering, then a voicemail with its recording callback', async () => {
    const call = await clientFor().calls.create({ to: TO, from: FROM, url: `${base}/inbound` });
    const transcript = await fake.voice.playCall(call.sid, { dialAnswered: false, recordSeconds: 31 });
    expect(transcript.dialled).toEqual(['+4798765432']);
    expect(transcript.recorded).toEqual([{ url: expect.stringMatching(/\/Recordings\/RE[0-9a-f]{32}$/), seconds: 31 }]);
    expect(hits.find((h) => h.path === '/recording')?.params).toMatchObject({ RecordingStatus: 'completed', RecordingDuration: '31' });
    expect(hits.find((h) => h.path === '/dialled')?.params.DialCallStatus).toBe('no-answer');
  });

  it('a webhook with a wrong signature is refused by the server (the fake signs like Twilio, or not at all)', async () => {
    const call = fake.voice.find(await placeMenuCall());
    const res = await fetch(`${base}/menu`, { method: 'POST', headers: { 'x-twilio-signature': 'bad' }, body: `CallSid=${call.sid}` });
    expect(res.status).toBe(403);
  });
});

describe('the TwiML reader', () => {
  it('reads verbs, attributes, entities and SSML text', () => {
    const doc = parseTwiml('<?xml version="1.0"?><Response><Gather action="/a?x=1&amp;y=2" numDigits="1"><Say><prosody rate="90%">Hei &amp; ha</prosody></Say></Gather><Hangup/></Response>');
    expect(doc.children.map((c) => c.name)).toEqual(['Gather', 'Hangup']);
    expect(doc.children[0]!.attrs.action).toBe('/a?x=1&y=2');
    expect(doc.children[0]!.children[0]!.text).toBe('Hei & ha');
    expect(() => parseTwiml('<Response><Say>x</Response>')).toThrow(/closes/);
  });
});
