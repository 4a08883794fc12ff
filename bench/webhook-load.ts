/**
 * What the webhook benches share: the target process (webhook-target.ts) started and stopped over
 * IPC, and autocannon firing signed inbound-SMS webhooks at it, either as fast as the connections
 * allow or at a fixed overall rate.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { percentile, sortedAscending } from './report';
import { REDIS_URL, serviceLogLevel } from './setup';
import { ACCOUNT_SID, SERVICE_NUMBER, SignedBodySource, SMS_WEBHOOK_PATH } from './signed-bodies';
import type { ChildMessage, ParentMessage, TargetMode } from './webhook-target';

export const AUTH_TOKEN = 'bench_auth_token_0123456789';
const TARGET_START_TIMEOUT_MS = 20_000;

export interface LoadRun {
  /** autocannon's mean of per-second request counts. */
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
  /** Requests per second over all connections; absent: as fast as the connections allow. */
  overallRate?: number;
}

/** Fires signed webhooks at the target; the MessageSids answered 200 are pushed to `acknowledged`. */
export async function fire(port: number, bodies: SignedBodySource, opts: FireOptions, acknowledged: string[]): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections,
    pipelining: 1,
    duration: opts.seconds,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
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
