/**
 * The server under load in the webhook bench, run in a child process so that autocannon (in the
 * parent) does not share an event loop with it.
 *
 *   node dist/bench/webhook-target.js svarja    the real app: real Postgres and Redis, no workers
 *   node dist/bench/webhook-target.js baseline  bare Express + urlencoded, same TwiML, no I/O
 *
 * Protocol over the IPC channel: the child sends { type: 'ready', port }; the parent sends
 * { type: 'stop' }; the child closes everything, sends { type: 'stopped' } and exits.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createWeb, type Web } from '../src/app';
import { loadConfig } from '../src/config';
import { createDeps, type Deps } from '../src/deps';

export type TargetMode = 'svarja' | 'baseline';
export type ParentMessage = { type: 'stop' };
export type ChildMessage = { type: 'ready'; port: number } | { type: 'stopped' };

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

function baselineApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.post('/webhooks/twilio/sms', express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }), (_req, res) => {
    res.type('text/xml').send(EMPTY_TWIML);
  });
  return app;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, resolve));
  return (server.address() as AddressInfo).port;
}

interface Mounted {
  close(): Promise<void>;
}

/** PUBLIC_BASE_URL must carry the port, which is only known after listen(): the app is mounted then. */
async function mountApp(server: Server, mode: TargetMode, port: number): Promise<Mounted> {
  if (mode === 'baseline') {
    server.on('request', baselineApp());
    return { close: async () => undefined };
  }
  const deps: Deps = createDeps(loadConfig({ ...process.env, PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }));
  const web: Web = await createWeb(deps);
  server.on('request', web.app);
  return {
    async close() {
      await web.close();
      await deps.close();
    },
  };
}

/**
 * The load generator has already hung up, but handlers of requests it cut off may still be
 * between their INSERT and their enqueue: give them time to finish before closing Postgres
 * and Redis, as a graceful shutdown would.
 */
const DRAIN_MS = 1_000;

async function stop(server: Server, mounted: Mounted): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  server.closeAllConnections();
  await closed;
  await mounted.close();
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'svarja' && mode !== 'baseline') throw new Error(`usage: webhook-target.js svarja|baseline (got ${mode})`);
  if (!process.send) throw new Error('webhook-target.js must be started with an IPC channel (child_process.fork)');
  const server = createServer();
  server.keepAliveTimeout = 65_000;
  const port = await listen(server);
  const mounted = await mountApp(server, mode, port);
  process.on('message', (msg: ParentMessage) => {
    if (msg.type !== 'stop') return;
    stop(server, mounted)
      .then(() => send({ type: 'stopped' }))
      .then(() => process.exit(0), (err: unknown) => {
        console.error('webhook-target: stop failed', err);
        process.exit(1);
      });
  });
  // The parent died without asking us to stop: do not linger.
  process.on('disconnect', () => process.exit(1));
  await send({ type: 'ready', port });
}

main().catch((err: unknown) => {
  console.error('webhook-target failed:', err);
  process.exit(1);
});
