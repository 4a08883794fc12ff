import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Deps } from '../src/deps';
import { QUEUE_NAMES } from '../src/queue/queues';
import type { JobName, QueueName } from '../src/queue/jobs';
import { retryDelayMs } from '../src/queue/backoff';
import { redisConnectionFromUrl } from '../src/queue/redis';
import { DEFAULT_DRAIN, startInboundDrain } from './inbound-drain';
import { createProcessors } from './processors';
import { maintenanceSchedules, SchedulerWatchdog } from './scheduler-watchdog';

/** A lost sweeper schedule is noticed within this long even when sweeps are rare. */
const SCHEDULE_CHECK_MAX_SECONDS = 30;

export interface RunningWorkers {
  close(): Promise<void>;
}

/**
 * One BullMQ Worker per queue. The SMS queue is rate-limited; the sweeper runs as a job scheduler
 * so that one process sweeps at a time however many workers run, once at start, and a watchdog in
 * every process re-creates the schedule when Redis has lost it.
 */
export async function startWorkers(deps: Deps): Promise<RunningWorkers> {
  const { config, log } = deps;
  const connection = redisConnectionFromUrl(config.redisUrl);
  const processors = createProcessors(deps.ctx);
  const lockDuration = config.jobLockSeconds * 1000;

  const route = async (job: Job) => {
    const processor = processors[job.name as JobName];
    if (!processor) throw new UnrecoverableError(`unknown job ${job.name}`);
    return processor(job);
  };

  const make = (queue: QueueName) => {
    const worker = new Worker(queue, route, {
      connection,
      prefix: config.queuePrefix,
      concurrency: queue === 'maintenance' ? 1 : queue === 'voice' ? Math.min(config.workerConcurrency, config.voice.callRatePerSecond * 2) : config.workerConcurrency,
      lockDuration,
      stalledInterval: lockDuration,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade) },
      ...(queue === 'sms' ? { limiter: { max: config.smsSendRatePerSecond, duration: 1000 } } : {}),
      ...(queue === 'voice' ? { limiter: { max: config.voice.callRatePerSecond, duration: 1000 } } : {}),
    });
    worker.on('error', (err) => log.error({ err, queue }, 'worker error'));
    worker.on('failed', (job, err) => {
      // Retries are normal; only the final failure is an error worth a look.
      const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
      log[final ? 'error' : 'debug']({ queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed');
    });
    return worker;
  };
  const workers = QUEUE_NAMES.map(make);

  const sweepNow = () => deps.queues.enqueue([{ name: 'sweep', data: {} }]);
  const watchdog = new SchedulerWatchdog(deps.queues.byName.maintenance, maintenanceSchedules(config.sweepIntervalSeconds), {
    checkEveryMs: Math.min(config.sweepIntervalSeconds, SCHEDULE_CHECK_MAX_SECONDS) * 1000,
    log,
    sweepNow,
  });
  await watchdog.start();
  await sweepNow();
  // The embedded database is one connection: more lanes would only queue for it.
  const inbound = await startInboundDrain(deps.ctx, { subscriber: deps.redis.duplicate(), prefix: config.queuePrefix },
    { ...DEFAULT_DRAIN, lanes: config.database.kind === 'embedded' ? 1 : DEFAULT_DRAIN.lanes });
  log.info({ queues: QUEUE_NAMES, concurrency: config.workerConcurrency }, 'workers started');

  return {
    async close() {
      watchdog.stop();
      // Waits for running jobs and rounds to finish; what has not started waits for the next worker.
      await Promise.all([...workers.map((w) => w.close()), inbound.close()]);
    },
  };
}
