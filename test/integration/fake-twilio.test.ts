/**
 * Drives FakeTwilio with the REAL twilio package, so the fake's shapes are checked against the
 * client's actual request/response handling. No database or Redis involved.
 */
import http from 'node:http';
import twilio from 'twilio';
import { FakeTwilio } from '../support/fake-twilio';
import { TwilioHttpClient } from '../../src/sms/twilio-http-client';

const TO = '+4741234567';
const FROM = '+4759440000';

let fake: FakeTwilio;

function clientFor(opts: { authToken?: string; timeoutMs?: number } = {}): twilio.Twilio {
  return twilio(fake.accountSid, opts.authToken ?? fake.authToken, {
    httpClient: new TwilioHttpClient({ baseUrl: fake.url, timeoutMs: opts.timeoutMs }),
  });
}

/** Resolves with the rejection reason so assertions can look at twilio's RestException fields. */
async function rejection(promise: Promise<unknown>): Promise<{ status?: number; code?: number; message?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { status?: number; code?: number; message?: string };
  }
  throw new Error('expected the promise to reject');
}

beforeAll(async () => {
  fake = await FakeTwilio.start();
});

afterEach(() => fake.reset());

afterAll(async () => {
  await fake.close();
});

describe('FakeTwilio with the real twilio client', () => {
  test('create resolves like the real API and the fake records the fields', async () => {
    const msg = await clientFor().messages.create({
      to: TO,
      from: FROM,
      body: 'Hei! Kan du ta vakt i kveld? Svar JA eller NEI',
      statusCallback: 'https://sms.example.no/twilio/status?v=1',
    });

    expect(msg.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(msg.status).toBe('queued');
    expect(msg.to).toBe(TO);
    expect(msg.body).toBe('Hei! Kan du ta vakt i kveld? Svar JA eller NEI');
    expect(msg.numSegments).toBe('1');
    expect(msg.dateCreated).toBeInstanceOf(Date); // i.e. twilio-node parsed our RFC 2822 date
    expect(msg.dateSent).toBeNull();

    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({
      sid: msg.sid,
      accountSid: fake.accountSid,
      to: TO,
      from: FROM,
      messagingServiceSid: null,
      statusCallback: 'https://sms.example.no/twilio/status?v=1',
      status: 'queued',
    });
    expect(fake.messagesTo(TO)).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', authorized: true, status: 201 });
  });

  test('a Messaging Service send has from null and starts as accepted', async () => {
    const msg = await clientFor().messages.create({ to: TO, messagingServiceSid: 'MG' + '1'.repeat(32), body: 'x' });
    expect(msg.from).toBeNull();
    expect(msg.status).toBe('accepted');
    expect(msg.messagingServiceSid).toBe('MG' + '1'.repeat(32));
  });

  test('a wrong auth token is rejected with 401 / 20003', async () => {
    const err = await rejection(clientFor({ authToken: 'wrong' }).messages.create({ to: TO, from: FROM, body: 'x' }));
    expect(err.status).toBe(401);
    expect(err.code).toBe(20003);
    expect(fake.messages).toHaveLength(0);
    expect(fake.requests[0]).toMatchObject({ authorized: false, status: 401 });
  });

  test('failNext(1, 500) fails only the first create and creates no message for it', async () => {
    fake.failNext(1, 500);
    const client = clientFor();

    const err = await rejection(client.messages.create({ to: TO, from: FROM, body: 'first' }));
    expect(err.status).toBe(500);
    const second = await client.messages.create({ to: TO, from: FROM, body: 'second' });

    expect(fake.messages.map((m) => m.sid)).toEqual([second.sid]);
    expect(fake.requests.map((r) => r.status)).toEqual([500, 201]);
  });

  test('failNext(1, 400, 21211) surfaces the Twilio error code', async () => {
    fake.failNext(1, 400, 21211, "The 'To' number is not a valid phone number.");
    const err = await rejection(clientFor().messages.create({ to: '+47123', from: FROM, body: 'x' }));
    expect(err).toMatchObject({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
  });

  test('validation errors: no From/MessagingServiceSid -> 21603, no Body -> 21602', async () => {
    const client = clientFor();
    expect(await rejection(client.messages.create({ to: TO, body: 'x' }))).toMatchObject({ status: 400, code: 21603 });
    expect(await rejection(client.messages.create({ to: TO, from: FROM }))).toMatchObject({ status: 400, code: 21602 });
    expect(fake.messages).toHaveLength(0);
  });

  test('list({ to, dateSentAfter }) finds created messages, newest first, across pages', async () => {
    const client = clientFor();
    const since = new Date();
    const a = await client.messages.create({ to: TO, from: FROM, body: 'a' });
    const b = await client.messages.create({ to: TO, from: FROM, body: 'b' });
    const c = await client.messages.create({ to: TO, from: FROM, body: 'c' });
    await client.messages.create({ to: '+4790000000', from: FROM, body: 'someone else' });

    const found = await client.messages.list({ to: TO, dateSentAfter: since, limit: 20 });
    expect(found.map((m) => m.sid)).toEqual([c.sid, b.sid, a.sid]);
    expect(found[0]?.dateSent).toBeInstanceOf(Date);

    // pageSize 2 without a limit forces the client to follow next_page_uri.
    const paged = await client.messages.list({ to: TO, pageSize: 2 });
    expect(paged.map((m) => m.sid)).toEqual([c.sid, b.sid, a.sid]);
    expect(fake.requests.filter((r) => r.method === 'GET').map((r) => r.query.PageSize)).toEqual(['20', '2', '2']);

    const future = await client.messages.list({ to: TO, dateSentAfter: new Date(Date.now() + 60_000) });
    expect(future).toEqual([]);
  });

  test('fetch returns the message, and an unknown sid is a 404 / 20404', async () => {
    const client = clientFor();
    const created = await client.messages.create({ to: TO, from: FROM, body: 'x' });
    const fetched = await client.messages(created.sid).fetch();
    expect(fetched).toMatchObject({ sid: created.sid, to: TO, body: 'x', status: 'queued' });

    const err = await rejection(client.messages('SM' + '0'.repeat(32)).fetch());
    expect(err).toMatchObject({ status: 404, code: 20404 });
  });

  test('hangNext(1): the client times out, yet the message was created', async () => {
    fake.hangNext(1);
    const started = Date.now();
    const err = await rejection(clientFor({ timeoutMs: 500 }).messages.create({ to: TO, from: FROM, body: 'lost answer' }));

    expect(err.message).toMatch(/timeout/i);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fake.messages).toHaveLength(1);
    expect(fake.requests[0]?.status).toBe(0); // never answered

    // The next create is answered normally.
    await expect(clientFor().messages.create({ to: TO, from: FROM, body: 'ok' })).resolves.toMatchObject({ status: 'queued' });
  });

  test('setLatency delays the answer but the message is recorded on arrival', async () => {
    fake.setLatency(150);
    const started = Date.now();
    const pending = clientFor().messages.create({ to: TO, from: FROM, body: 'slow' });
    const [arrived] = await fake.waitForMessages(1, 2_000);
    expect(arrived?.body).toBe('slow');
    await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('waitForMessages and onMessage see new messages; a timeout lists what arrived', async () => {
    const seen: string[] = [];
    const unsubscribe = fake.onMessage((m) => seen.push(m.body));
    const waiting = fake.waitForMessages(2, 2_000);
    const client = clientFor();
    await client.messages.create({ to: TO, from: FROM, body: 'one' });
    await client.messages.create({ to: TO, from: FROM, body: 'two' });
    expect((await waiting).map((m) => m.body)).toEqual(['one', 'two']);
    unsubscribe();
    await client.messages.create({ to: TO, from: FROM, body: 'three' });
    expect(seen).toEqual(['one', 'two']);

    await expect(fake.waitForMessages(5, 50)).rejects.toThrow(/expected >= 5 messages.*got 3[\s\S]*"three"/);
  });

  test('sendStatusCallback posts a validly signed callback to the stored URL', async () => {
    const received: { url: string; signature: string; params: Record<string, string> }[] = [];
    const receiver = http.createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        received.push({
          url: req.url ?? '',
          signature: String(req.headers['x-twilio-signature'] ?? ''),
          params: Object.fromEntries(new URLSearchParams(raw)),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as { port: number };
      const callbackUrl = `http://127.0.0.1:${port}/twilio/status?offer=42`;
      const msg = await clientFor().messages.create({ to: TO, from: FROM, body: 'x', statusCallback: callbackUrl });

      expect(await fake.sendStatusCallback(msg.sid, 'undelivered', 30003)).toBe(204);

      expect(received).toHaveLength(1);
      const [cb] = received;
      expect(cb?.url).toBe('/twilio/status?offer=42');
      expect(cb?.params).toEqual({
        AccountSid: fake.accountSid,
        MessageSid: msg.sid,
        SmsSid: msg.sid,
        MessageStatus: 'undelivered',
        SmsStatus: 'undelivered',
        To: TO,
        From: FROM,
        ApiVersion: '2010-04-01',
        ErrorCode: '30003',
      });
      expect(twilio.validateRequest(fake.authToken, cb?.signature ?? '', callbackUrl, cb?.params ?? {})).toBe(true);
      expect(twilio.validateRequest('other_token', cb?.signature ?? '', callbackUrl, cb?.params ?? {})).toBe(false);
      // The stored message follows the callback, so a later fetch agrees with it.
      await expect(clientFor().messages(msg.sid).fetch()).resolves.toMatchObject({ status: 'undelivered', errorCode: 30003 });
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  test('unknown routes are 404 JSON; a missing To over raw HTTP is 400 / 21604', async () => {
    const auth = 'Basic ' + Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64');
    const unknown = await fetch(`${fake.url}/2010-04-01/Accounts/${fake.accountSid}/Conferences.json`, { headers: { Authorization: auth } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 20404, status: 404 });

    const noTo = await fetch(`${fake.url}/2010-04-01/Accounts/${fake.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ From: FROM, Body: 'x' }).toString(),
    });
    expect(noTo.status).toBe(400);
    expect(await noTo.json()).toMatchObject({ code: 21604, status: 400 });
  });
});
