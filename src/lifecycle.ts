import type { Logger } from './log';

/**
 * Calls `shutdown` once on SIGTERM or SIGINT, then exits. A second signal, or a shutdown that
 * takes longer than `graceMs`, exits at once: jobs not finished by then are returned to the queue
 * by BullMQ's stalled-job check, and nothing in Postgres is half-written (every change is a transaction).
 */
export function runUntilSignal(log: Logger, shutdown: () => Promise<void>, graceMs = 25_000): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ graceMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
