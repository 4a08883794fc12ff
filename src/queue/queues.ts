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

const KEEP_LAST_IF_ACTIVE: ReadonlySet<JobRequest['name']> = new Set(['fill-searching-tasks']);

export interface Queues extends JobQueue {
  readonly byName: Record<QueueName, Queue>;
  close(): Promise<void>;
}

/**
 * The jobs of `jobs` that BullMQ does not hold: no waiting, delayed or running job has their
 * deduplication key. A key whose job hash is gone (an outage mid-write) counts as missing, as
 * BullMQ itself treats it as stale.
 */
async function findMissing(byName: Record<QueueName, Queue>, jobs: readonly JobRequest[]): Promise<JobRequest[]> {
  const present = await Promise.all(jobs.map(async (job) => {
    const queue = byName[queueOf[job.name]];
    const jobId = await queue.getDeduplicationJobId(dedupKeyFor(job));
    return jobId !== null && (await (await queue.backend.client).hexists(queue.toKey(jobId), 'name')) === 1;
  }));
  return jobs.filter((_, i) => !present[i]);
}

/**
 * Jobs that share a deduplication key, as BullMQ would take them, before they cost a round trip
 * each: the first, or the last when it reschedules (a batch of sends opens a wave's offers
 * together, and each asks for the wave's one timer).
 */
function onePerKey(jobs: readonly JobRequest[]): JobRequest[] {
  const byKey = new Map<string, JobRequest>();
  for (const job of jobs) {
    const key = dedupKeyFor(job);
    if (!byKey.has(key) || job.reschedule) byKey.set(key, job);
  }
  return [...byKey.values()];
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
      // One addBulk (one round trip) per queue, however many jobs a transaction caused.
      const perQueue = new Map<QueueName, JobRequest[]>();
      for (const job of onePerKey(jobs)) perQueue.set(queueOf[job.name], [...(perQueue.get(queueOf[job.name]) ?? []), job]);
      await withTimeout(Promise.all([...perQueue].map(([queue, some]) => byName[queue].addBulk(some.map((job) => ({
        name: job.name,
        data: job.data,
        opts: {
          delay: job.runAt ? Math.max(0, job.runAt.getTime() - now) : 0,
          // A batch job asked for while one runs must still run after it: the running one may have
          // taken its batch before the new work was committed. `reschedule` moves a delayed job to the new time.
          deduplication: {
            id: dedupKeyFor(job),
            ...(job.reschedule ? { reschedule: true } : {}),
            ...(KEEP_LAST_IF_ACTIVE.has(job.name) ? { keepLastIfActive: true } : {}),
          },
        },
      }))))), ENQUEUE_TIMEOUT_MS, `Redis (enqueue of ${jobs.length} job(s))`);
    },
    async enqueueMissing(jobs: readonly JobRequest[]) {
      const missing = await withTimeout(findMissing(byName, jobs), ENQUEUE_TIMEOUT_MS, `Redis (presence of ${jobs.length} job(s))`);
      if (missing.length > 0) await this.enqueue(missing);
      return missing;
    },
    async close() {
      await Promise.all(Object.values(byName).map((q) => q.close()));
    },
  };
}
