/**
 * TwilioHttpClient under the real `twilio` package, against the fake Twilio: connections are kept
 * between bursts, HTTP_PROXY is honoured as twilio's own client does, a request has one deadline.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import twilio from 'twilio';
import { FakeTwilio } from '../support/fake-twilio';
import { TwilioHttpClient } from '../../src/sms/twilio-http-client';
import { createTwilioGateway } from '../../src/sms/twilio-gateway';
import { createTwilioVoiceGateway } from '../../src/voice/twilio-voice-gateway';
import { eventually } from '../support/harness';

const TO = '+4741234567';
const FROM = '+4759440000';

let fake: FakeTwilio;

beforeAll(async () => {
  fake = await FakeTwilio.start();
});

afterEach(() => fake.reset());

afterAll(async () => {
  await fake.close();
});

/** A server that forwards everything to the fake, counting the TCP connections it is given. */
async function countingRelay(): Promise<{ url: string; connections: () => number; open: () => number; close(): Promise<void> }> {
  const target = new URL(fake.url);
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer().on('connection', (client: Socket) => {
    connections++;
    sockets.add(client);
    const upstream = connect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  });
  return { ...(await listening(server, () => connections, sockets)), open: () => sockets.size };
}

/** An HTTP proxy that tunnels CONNECT to the fake, counting the tunnels it opens. */
async function tunnellingProxy(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  let tunnels = 0;
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => res.writeHead(405).end()).on('connect', (req, client: Socket, head: Buffer) => {
    tunnels++;
    sockets.add(client);
    const [host, port] = String(req.url).split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return listening(server, () => tunnels, sockets);
}

async function listening(server: Server, count: () => number, sockets: Set<Socket>) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: count,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

function send(client: twilio.Twilio, n: number) {
  return client.messages.create({ to: TO, from: FROM, body: `Melding ${n}` });
}

it('two bursts of 20 sends share the connections the first opened', async () => {
  const relay = await countingRelay();
  const httpClient = new TwilioHttpClient({ baseUrl: relay.url, timeoutMs: 5_000 });
  const client = twilio(fake.accountSid, fake.authToken, { httpClient });
  try {
    await Promise.all(Array.from({ length: 20 }, (_, i) => send(client, i)));
    const afterFirst = relay.connections();
    await new Promise((r) => setTimeout(r, 100)); // every socket back in the pool, idle
    await Promise.all(Array.from({ length: 20 }, (_, i) => send(client, 20 + i)));
    expect(fake.messages).toHaveLength(40);
    expect(afterFirst).toBeGreaterThan(1); // the burst went out side by side
    expect(afterFirst).toBeLessThanOrEqual(20);
    expect(relay.connections()).toBe(afterFirst);
  } finally {
    await httpClient.close();
    await relay.close();
  }
});

it('closing the SMS and voice gateways closes their kept connections (the service does it as it stops)', async () => {
  const relay = await countingRelay();
  const config = { accountSid: fake.accountSid, authToken: fake.authToken, fromNumber: FROM, messagingServiceSid: undefined, apiBaseUrl: relay.url };
  const sms = createTwilioGateway({ config, publicBaseUrl: 'https://svarja.example', timeoutMs: 5_000 });
  const voice = createTwilioVoiceGateway({ config, fromNumber: FROM, publicBaseUrl: 'https://svarja.example', timeoutMs: 5_000 });
  try {
    const sent = await Promise.all(Array.from({ length: 5 }, (_, i) => sms.send({ messageId: String(i), to: TO, body: `Melding ${i}` })));
    expect(sent.every((r) => r.ok)).toBe(true);
    await voice.findPlaced({ callId: '1', to: TO, detectMachine: false }, new Date(0));
    expect(relay.open()).toBeGreaterThan(0); // kept alive between bursts

    await Promise.all([sms.close(), voice.close()]);
    await eventually(async () => relay.open() === 0, 5_000, 'the relay to see every connection closed');
    await sms.close(); // a second stop of the service closes nothing twice
  } finally {
    await relay.close();
  }
});

describe('HTTP_PROXY, as twilio’s own client reads it', () => {
  const saved = process.env.HTTP_PROXY;
  afterEach(() => {
    if (saved === undefined) delete process.env.HTTP_PROXY;
    else process.env.HTTP_PROXY = saved;
  });

  it('sends through the proxy when set', async () => {
    const proxy = await tunnellingProxy();
    process.env.HTTP_PROXY = proxy.url;
    const httpClient = new TwilioHttpClient({ baseUrl: fake.url, timeoutMs: 5_000 });
    try {
      const message = await send(twilio(fake.accountSid, fake.authToken, { httpClient }), 1);
      expect(message.sid).toMatch(/^SM/);
      expect(proxy.connections()).toBeGreaterThanOrEqual(1);
    } finally {
      await httpClient.close();
      await proxy.close();
    }
  });
});

it('a Twilio that accepts but never answers fails the request at the deadline, as a network error (no HTTP status)', async () => {
  const httpClient = new TwilioHttpClient({ baseUrl: fake.url, timeoutMs: 300 });
  fake.hangNext(1);
  const started = Date.now();
  try {
    const failure = await send(twilio(fake.accountSid, fake.authToken, { httpClient }), 1).then(() => undefined, (err: unknown) => err as { status?: number; name?: string });
    expect(failure).toBeDefined();
    expect(failure?.status).toBeUndefined(); // classifyTwilioFailure: retryable, ambiguous
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(fake.messages).toHaveLength(1); // it was created all the same: why the retry reconciles first
  } finally {
    await httpClient.close();
  }
});

it('a Twilio error comes back as twilio’s RestException, code and status intact', async () => {
  const httpClient = new TwilioHttpClient({ baseUrl: fake.url, timeoutMs: 5_000 });
  fake.failNext(1, 400, 21211);
  try {
    const failure = await send(twilio(fake.accountSid, fake.authToken, { httpClient }), 1).then(() => undefined, (err: unknown) => err as { status?: number; code?: number });
    expect(failure).toMatchObject({ status: 400, code: 21211 });
  } finally {
    await httpClient.close();
  }
});
