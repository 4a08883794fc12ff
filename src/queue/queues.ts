import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { Logger } from '../log';
import { withTimeout } from '../timeout';
import { RETRY_BACKOFF } from './backoff';
import { dedupKeyFor, queueOf, type JobQueue, type JobRequest, type QueueName } from './jobs';

export const QUEUE_NAMES: readonly QueueName[] = ['sms', 'dispatch', 'maintenance', 'voice'];

const defaultJobOptions: JobsOptions = {
  // About seven minutes of retries (see backoff.ts): a provider outage that long, then the SMS fails.
  attempts: 20,
  backoff: { ...RETRY_BACKOFF },
  removeOnComplete: { count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * How long an enqueue may wait for Redis. BullMQ's connections queue commands while Redis is away
 * (maxRetriesPerRequest: null), so without a bound a webhook or a use case would hang until Redis
 * came back. Every caller has committed its rows first, so giving up is safe: the sweeper
 * re-derives the job from Postgres. The pending add still runs if Redis returns, and is deduplicated.
 */
export const ENQUEUE_TIMEOUT_MS = 2_000;

export interface Queues extends JobQueue {
  readonly byName: Record<QueueName, Queue>;
  close(): Promise<void>;
}

export function createQueues(connection: ConnectionOptions, prefix: string, log: Logger): Queues {
  const make = (name: QueueName) => {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions });
    queue.on('error', (err) => log.error({ err, queue: name }, 'queue error'));
    return queue;
  };
  const byName = { sms: make('sms'), dispatch: make('dispatch'), maintenance: make('maintenance'), voice: make('voice') };

  return {
    byName,
    async enqueue(jobs: readonly JobRequest[]) {
      const now = Date.now();
      await withTimeout(Promise.all(jobs.map((job) => {
        const key = dedupKeyFor(job);
        const delay = job.runAt ? Math.max(0, job.runAt.getTime() - now) : 0;
        return byName[queueOf[job.name]].add(job.name, job.data, { delay, deduplication: { id: key } });
      })), ENQUEUE_TIMEOUT_MS, `Redis (enqueue of ${jobs.length} job(s))`);
    },
    async close() {
      await Promise.all(Object.values(byName).map((q) => q.close()));
    },
  };
}
