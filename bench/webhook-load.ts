/**
 * What the webhook benches share: the target process (webhook-target.ts) started and stopped over
 * IPC; autocannon firing signed inbound-SMS webhooks at it as fast as the connections allow; and
 * an open-loop generator sending them at a fixed rate, evenly spaced.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { percentile, sortedAscending } from './report';
import { REDIS_URL, serviceLogLevel } from './setup';
import { ACCOUNT_SID, SERVICE_NUMBER, SignedBodySource, SMS_WEBHOOK_PATH, type SignedBodies } from './signed-bodies';
import type { ChildMessage, ParentMessage, TargetMode } from './webhook-target';

export const AUTH_TOKEN = 'bench_auth_token_0123456789';
const TARGET_START_TIMEOUT_MS = 20_000;

export interface LoadRun {
  /** Flat out: autocannon's mean of per-second request counts; paced: answers per second sent. */
  reqPerSec: number;
  /** Our own per-request latencies (ms, sub-ms resolution), 2xx and others alike. */
  latenciesMs: number[];
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadSummary { reqPerSec: number; p50Ms: number; p99Ms: number }

export function summarize(run: LoadRun): LoadSummary {
  const sorted = sortedAscending(run.latenciesMs);
  return { reqPerSec: run.reqPerSec, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

// ---- the target process --------------------------------------------------------------------

export interface Target {
  port: number;
  stop(): Promise<void>;
}

export function targetEnv(databaseUrl: string, queuePrefix: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    // Not 'production': its extra required settings change as the service grows, and nothing
    // on the paths measured here depends on the mode.
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    API_TOKEN: 'bench-api-token-0123456789',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    SMS_TRANSPORT: 'twilio',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: SERVICE_NUMBER,
    // Never called (no workers run), but keep even a stray call on this machine.
    TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: serviceLogLevel(),
  };
}

function waitForMessage(child: ChildProcess, type: ChildMessage['type'], timeoutMs: number): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`webhook target: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: ChildMessage) => msg.type === type && done(undefined, msg);
    const onExit = (code: number | null) => done(new Error(`webhook target exited (code ${code}) before "${type}"`));
    function done(err: Error | undefined, msg?: ChildMessage) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(msg!);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export async function startTarget(mode: TargetMode, env: Record<string, string>): Promise<Target> {
  const child = fork(path.join(__dirname, 'webhook-target.js'), [mode], { env, stdio: 'inherit' });
  let ready: ChildMessage;
  try {
    ready = await waitForMessage(child, 'ready', TARGET_START_TIMEOUT_MS);
  } catch (err) {
    child.kill();
    throw err;
  }
  if (ready.type !== 'ready') throw new Error('unreachable');
  return {
    port: ready.port,
    async stop() {
      const stopped = waitForMessage(child, 'stopped', TARGET_START_TIMEOUT_MS);
      child.send({ type: 'stop' } satisfies ParentMessage);
      await stopped.catch((err: unknown) => {
        child.kill();
        throw err;
      });
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

// ---- load --------------------------------------------------------------------------------

interface RequestContext {
  messageSid?: string;
  startedAt?: number;
}

export interface FireOptions {
  seconds: number;
  connections: number;
}

/**
 * Fires signed webhooks at the target as fast as `connections` closed loops allow; the MessageSids
 * answered 200 are pushed to `acknowledged`.
 */
export async function fire(port: number, bodies: SignedBodySource, opts: FireOptions, acknowledged: string[]): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections,
    pipelining: 1,
    duration: opts.seconds,
    requests: [{
      method: 'POST',
      path: SMS_WEBHOOK_PATH,
      // Pipelining 1: the context holds the one request in flight on this connection.
      setupRequest: (request, context) => {
        const next = bodies.next();
        const ctx = context as RequestContext;
        ctx.messageSid = next.messageSid;
        ctx.startedAt = performance.now();
        return {
          ...request,
          body: next.body,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': next.signature },
        };
      },
      onResponse: (status, _body, context) => {
        const ctx = context as RequestContext;
        if (ctx.startedAt !== undefined) latenciesMs.push(performance.now() - ctx.startedAt);
        if (status === 200 && ctx.messageSid) acknowledged.push(ctx.messageSid);
      },
    }],
  });
  return {
    reqPerSec: result.requests.mean,
    latenciesMs,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export interface PacedOptions {
  seconds: number;
  /** Requests per second, sent evenly spaced whether or not earlier ones have been answered. */
  rate: number;
  /** Keep-alive connections the requests share; a request waits for a free one. */
  connections: number;
}

/** Requests per timer turn at most: a generator that fell behind catches up in steps, not at once. */
const MAX_SENDS_PER_TURN = 50;
const ANSWER_TIMEOUT_MS = 10_000;

/**
 * Fires signed webhooks at a fixed rate, open loop: request i is due at start + i/rate, and its
 * latency runs from when it was due, so time spent waiting for a connection, or for this process
 * to get the CPU, counts against the target (no coordinated omission). autocannon's `overallRate`
 * is not this: each connection sends its share of a second back to back when the second begins,
 * so "1,000 req/s" there is a burst of 1,000 every second, and its p99 is the burst's drain time.
 */
export async function firePaced(port: number, bodies: SignedBodies, opts: PacedOptions, acknowledged: string[]): Promise<LoadRun> {
  const pool = new Pool(`http://127.0.0.1:${port}`, {
    connections: opts.connections, pipelining: 1, headersTimeout: ANSWER_TIMEOUT_MS, bodyTimeout: ANSWER_TIMEOUT_MS,
  });
  const total = Math.round(opts.seconds * opts.rate);
  const intervalMs = 1000 / opts.rate;
  const run: LoadRun = { reqPerSec: 0, latenciesMs: [], ok: 0, non2xx: 0, errors: 0, timeouts: 0 };
  const inFlight = new Set<Promise<void>>();
  const send = (dueAt: number) => {
    const { body, signature, messageSid } = bodies.next();
    const p = pool.request({
      path: SMS_WEBHOOK_PATH, method: 'POST', body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    }).then(async (res) => {
      await res.body.dump();
      run.latenciesMs.push(performance.now() - dueAt);
      if (res.statusCode >= 200 && res.statusCode < 300) run.ok += 1; else run.non2xx += 1;
      if (res.statusCode === 200) acknowledged.push(messageSid);
    }, (err: { code?: string }) => {
      if (err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT') run.timeouts += 1; else run.errors += 1;
    }).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1, sent + MAX_SENDS_PER_TURN);
    for (; sent < due; sent++) send(start + sent * intervalMs);
    const nextDueIn = start + sent * intervalMs - performance.now();
    if (nextDueIn > 0) await new Promise((resolve) => setTimeout(resolve, nextDueIn));
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(inFlight);
  run.reqPerSec = run.ok / ((performance.now() - start) / 1000);
  await pool.close();
  return run;
}
