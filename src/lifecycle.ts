import type { Logger } from './log';

type Closer = () => Promise<void> | void;

/**
 * What a process has started, closed in reverse order on SIGTERM or SIGINT, then the process exits.
 *
 * The signal handlers are installed before anything starts: a signal that comes while the process
 * is still starting (or just after it said it is ready) must never meet Node's default action,
 * which kills the process with running jobs and a child redis-server left behind.
 * A second signal, or a shutdown longer than `graceMs`, exits at once: jobs not finished by then are
 * returned to the queue by BullMQ's stalled-job check, and nothing in Postgres is half-written
 * (every change is a transaction).
 */
export class ProcessLifecycle {
  private readonly closers: Closer[] = [];
  private log: Pick<Logger, 'info' | 'error'> = consoleLog;
  private stopRequested = false;

  constructor(private readonly graceMs = 25_000) {
    process.on('SIGTERM', this.stop);
    process.on('SIGINT', this.stop);
  }

  /** True once a signal came: a start still in progress should go no further. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  useLogger(log: Logger): void {
    this.log = log;
  }

  /** Registers what to close; the last registered closes first (stop taking requests before closing the database). */
  onStop(closer: Closer): void {
    this.closers.unshift(closer);
  }

  private readonly stop = (signal: NodeJS.Signals): void => {
    if (this.stopRequested) process.exit(1);
    this.stopRequested = true;
    this.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      this.log.error({ graceMs: this.graceMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, this.graceMs);
    timer.unref();
    this.closeAll().then(
      () => process.exit(0),
      (err: unknown) => {
        this.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };

  /**
   * A start that failed part-way (the port was taken after the workers started, say) closes what it
   * had started, so running jobs finish and a local redis-server stops, before the process exits 1.
   */
  async abandonStart(): Promise<void> {
    this.stopRequested = true;
    const timer = setTimeout(() => process.exit(1), this.graceMs);
    timer.unref();
    await this.closeAll().catch((err: unknown) => this.log.error({ err }, 'closing after a failed start failed'));
  }

  /** Drains the list, so a part that finished starting during the shutdown is closed too. */
  private async closeAll(): Promise<void> {
    for (let close = this.closers.shift(); close; close = this.closers.shift()) await close();
  }
}

/** Until the JSON logger exists (config not yet read), shutdown messages go to stderr. */
const consoleLog: Pick<Logger, 'info' | 'error'> = {
  info: (obj: object, msg?: string) => console.error(msg ?? '', obj),
  error: (obj: object, msg?: string) => console.error(msg ?? '', obj),
} as Pick<Logger, 'info' | 'error'>;
