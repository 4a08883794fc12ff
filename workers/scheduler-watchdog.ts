import type { Queue, RepeatOptions } from 'bullmq';
import type { Logger } from '../src/log';

export interface ScheduleSpec {
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  job: { name: string; data: Record<string, never> };
}

/** The maintenance schedules: the sweeper, and the nightly erasure of old message bodies. */
export function maintenanceSchedules(sweepIntervalSeconds: number): ScheduleSpec[] {
  return [
    { id: 'sweep', repeat: { every: sweepIntervalSeconds * 1000 }, job: { name: 'sweep', data: {} } },
    // Nightly, when nobody is texting.
    { id: 'retention', repeat: { pattern: '15 3 * * *', tz: 'Europe/Oslo' }, job: { name: 'erase-old-message-bodies', data: {} } },
  ];
}

export interface WatchdogOptions {
  /** How often this process checks that the schedules still exist in Redis. */
  checkEveryMs: number;
  log: Logger;
  /** Runs a sweep at once: after the sweeper's schedule was lost, or after Redis came back. */
  sweepNow: () => Promise<void>;
}

/**
 * Job schedulers live in Redis, and a Redis that is flushed, or restarts without persistence,
 * forgets them: nothing would sweep again, and every job Redis lost would stay lost. Every worker
 * process therefore checks on a timer of its own (and whenever its Redis connection comes back)
 * that each schedule exists, re-creates a missing one, and sweeps at once. Upserting the same
 * schedule from several processes is idempotent, and the sweep is deduplicated.
 */
export class SchedulerWatchdog {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;
  private detach: (() => void) | undefined;

  constructor(private readonly queue: Queue, private readonly schedules: ScheduleSpec[], private readonly opts: WatchdogOptions) {}

  /** Creates the schedules (if missing) and starts watching. */
  async start(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => void this.check('timer'), this.opts.checkEveryMs);
    this.timer.unref();
    const client = await this.queue.getBackend().client;
    let wasReady = client.status === 'ready';
    const onReady = () => {
      if (wasReady) void this.check('redis reconnected');
      wasReady = true;
    };
    client.on('ready', onReady);
    this.detach = () => client.off('ready', onReady);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.detach?.();
  }

  /** One check at a time; errors (Redis still away) are logged and the next check tries again. */
  check(reason: string): Promise<void> {
    this.checking ??= this.recover(reason)
      .catch((err: unknown) => this.opts.log.warn({ err, reason }, 'scheduler check failed; will retry'))
      .finally(() => { this.checking = undefined; });
    return this.checking;
  }

  private async recover(reason: string): Promise<void> {
    if (this.stopped) return;
    const recreated = await this.ensure();
    const reconnected = reason === 'redis reconnected';
    if (recreated.length > 0) this.opts.log.warn({ schedules: recreated, reason }, 'job schedules were missing from Redis; re-created them');
    if (recreated.includes('sweep') || reconnected) {
      await this.opts.sweepNow();
      this.opts.log.info({ reason }, 'sweeping at once to re-derive the jobs Redis may have lost');
    }
  }

  /** Upserts the schedules Redis does not have; returns their ids. */
  private async ensure(): Promise<string[]> {
    const missing: ScheduleSpec[] = [];
    for (const spec of this.schedules) {
      if (!(await this.queue.getJobScheduler(spec.id))) missing.push(spec);
    }
    for (const spec of missing) await this.queue.upsertJobScheduler(spec.id, spec.repeat, spec.job);
    return missing.map((s) => s.id);
  }
}
