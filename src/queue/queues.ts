import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { Logger } from '../log';
import { dedupKeyFor, queueOf, type JobQueue, type JobRequest, type QueueName } from './jobs';

export const QUEUE_NAMES: readonly QueueName[] = ['sms', 'dispatch', 'maintenance'];

const defaultJobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

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
  const byName = { sms: make('sms'), dispatch: make('dispatch'), maintenance: make('maintenance') };

  return {
    byName,
    async enqueue(jobs: readonly JobRequest[]) {
      const now = Date.now();
      await Promise.all(jobs.map((job) => {
        const key = dedupKeyFor(job);
        const delay = job.runAt ? Math.max(0, job.runAt.getTime() - now) : 0;
        return byName[queueOf[job.name]].add(job.name, job.data, { delay, deduplication: { id: key } });
      }));
    },
    async close() {
      await Promise.all(Object.values(byName).map((q) => q.close()));
    },
  };
}
