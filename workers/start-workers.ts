import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Deps } from '../src/deps';
import { QUEUE_NAMES } from '../src/queue/queues';
import type { JobName, QueueName } from '../src/queue/jobs';
import { redisConnectionFromUrl } from '../src/queue/redis';
import { createProcessors } from './processors';

export interface RunningWorkers {
  close(): Promise<void>;
}

/**
 * One BullMQ Worker per queue. The SMS queue is rate-limited; the sweeper runs as a job scheduler
 * so that exactly one process sweeps at a time however many workers run, and once at start.
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
      concurrency: queue === 'maintenance' ? 1 : config.workerConcurrency,
      lockDuration,
      stalledInterval: lockDuration,
      ...(queue === 'sms' ? { limiter: { max: config.smsSendRatePerSecond, duration: 1000 } } : {}),
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

  const maintenance = deps.queues.byName.maintenance;
  await maintenance.upsertJobScheduler('sweep', { every: config.sweepIntervalSeconds * 1000 }, { name: 'sweep', data: {} });
  // Nightly, when nobody is texting: erase message bodies past the retention period.
  await maintenance.upsertJobScheduler('retention', { pattern: '15 3 * * *', tz: 'Europe/Oslo' }, { name: 'erase-old-message-bodies', data: {} });
  await deps.queues.enqueue([{ name: 'sweep', data: {} }]);
  log.info({ queues: QUEUE_NAMES, concurrency: config.workerConcurrency }, 'workers started');

  return {
    async close() {
      // Waits for running jobs to finish; jobs not started stay in Redis for the next worker.
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
