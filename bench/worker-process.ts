/**
 * The `worker` role (dist/workers/main.js) as a process of its own beside a bench, on the same
 * Postgres and Redis: as the Procfile runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitUntil } from './setup';

const START_TIMEOUT_MS = 30_000;
/** The tail of its output kept for an error message. */
const OUTPUT_TAIL_CHARS = 20_000;

/** Starts a worker process with `env` (plus PATH) and resolves once it says its workers started. */
export async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'workers', 'main.js')], {
    // At info, whatever the bench's level: its "workers started" line is what the start waits for.
    env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => { out = (out + d.toString()).slice(-OUTPUT_TAIL_CHARS); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const started = await waitUntil(async () => out.includes('workers started') || child.exitCode !== null, START_TIMEOUT_MS, 50);
  if (!started || child.exitCode !== null) throw new Error(`the worker process did not start:\n${out}`);
  return child;
}

/** SIGTERM (a graceful stop), resolved when the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}
