import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import twilio from 'twilio';
import { createWeb } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createDeps, type Deps } from '../../src/deps';
import { startWorkers, type RunningWorkers } from '../../workers/start-workers';
import { createTestDatabase } from './db';
import { FakeTwilio } from './fake-twilio';

export const API_TOKEN = 'test-api-token-0123456789';
export const SERVICE_NUMBER = '+4759440000';
export const COORDINATOR = '+4798765432';

export interface HarnessOptions {
  /** Run the job workers in this process (default true). */
  workers?: boolean;
  /** Extra environment, e.g. SMS_TRANSPORT=simulator or shorter leases. */
  env?: Record<string, string>;
}

/** A clock the test can move forward; starts at real time and follows it. */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface Harness {
  baseUrl: string;
  /** The Express app being served (tests walk its router to find every route). */
  app: Express;
  clock: TestClock;
  config: Config;
  /** The environment a child process needs to join this harness (same db, Redis prefix, fake Twilio). */
  env: Record<string, string>;
  deps: Deps;
  fake: FakeTwilio;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any shape; tests assert on it
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  /** Posts a form to a webhook path with a valid (or the given) X-Twilio-Signature. */
  webhook(path: string, params: Record<string, string>, signature?: string): Promise<{ status: number; text: string }>;
  /** A signed inbound SMS webhook from `from`. */
  sms(from: string, body: string, messageSid?: string): Promise<{ status: number; text: string; messageSid: string }>;
  startWorkers(): Promise<void>;
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * The real service against real Postgres and Redis: a database copied from the migrated template,
 * its own BullMQ prefix, the real twilio client pointed at a fake Twilio on 127.0.0.1.
 */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const database = await createTestDatabase();
  const fake = await FakeTwilio.start();
  const server = createServer();
  const port = await listen(server);
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    PUBLIC_BASE_URL: baseUrl,
    API_TOKEN,
    SMS_TRANSPORT: 'twilio',
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_FROM_NUMBER: SERVICE_NUMBER,
    TWILIO_API_BASE_URL: fake.url,
    COORDINATOR_PHONE: COORDINATOR,
    QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests run at any hour and against fixed dates: quiet hours and urgency are turned on by the tests about them.
    QUIET_HOURS: 'off',
    URGENT_WITHIN_HOURS: '0',
    ...opts.env,
  };
  const config = loadConfig(env);
  const clock = new TestClock();
  const deps = createDeps(config, { now: clock.now });
  const web = await createWeb(deps);
  server.on('request', web.app);
  let workers: RunningWorkers | undefined;

  const harness: Harness = {
    baseUrl, app: web.app, clock, config, env, deps, fake,
    async api(method, path, body, token = API_TOKEN) {
      const res = await fetch(baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async webhook(path, params, signature) {
      const sig = signature ?? twilio.getExpectedTwilioSignature(fake.authToken, config.publicBaseUrl + path, params);
      const res = await fetch(baseUrl + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig },
        body: new URLSearchParams(params).toString(),
      });
      return { status: res.status, text: await res.text() };
    },
    async sms(from, body, messageSid = newMessageSid()) {
      const params = { MessageSid: messageSid, SmsSid: messageSid, AccountSid: fake.accountSid, From: from, To: SERVICE_NUMBER, Body: body, NumMedia: '0', ApiVersion: '2010-04-01' };
      return { ...(await harness.webhook('/webhooks/twilio/sms', params)), messageSid };
    },
    async startWorkers() {
      workers ??= await startWorkers(deps);
    },
    async stopWorkers() {
      await workers?.close();
      workers = undefined;
    },
    async close() {
      // Every step runs even if one fails, so no pool outlives its database; the first failure is rethrown.
      const steps: (() => Promise<unknown>)[] = [
        () => harness.stopWorkers(),
        () => {
          server.closeAllConnections();
          return new Promise<void>((resolve) => server.close(() => resolve()));
        },
        () => web.close(),
        () => Promise.all(Object.values(deps.queues.byName).map((q) => q.obliterate({ force: true }).catch(() => undefined))),
        () => deps.close(),
        () => fake.close(),
        () => database.drop(),
      ];
      let failure: unknown;
      for (const step of steps) await step().catch((err: unknown) => { failure ??= err; });
      if (failure) throw failure;
    },
  };
  if (opts.workers !== false) await harness.startWorkers();
  return harness;
}

/**
 * Polls until `check` returns a truthy value (or throws the last failure after `timeoutMs`).
 * `what` may be a function, read only on failure, so it can show a child's output as it is then.
 */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, what: string | (() => string) = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
