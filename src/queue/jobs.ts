import { z } from 'zod';

/**
 * Every job, its queue and its payload. Payloads carry ids only: BullMQ keeps job data in clear
 * text in Redis, so phone numbers and bodies are loaded from Postgres by the worker.
 */
const IdSchema = z.string().regex(/^\d+$/);

export const JobSchemas = {
  'send-sms': z.object({ messageId: IdSchema }),
  'handle-inbound-sms': z.object({ messageId: IdSchema }),
  'fill-task': z.object({ taskId: IdSchema }),
  'fill-searching-tasks': z.object({ lane: z.number().int().min(0).max(63) }),
  'expire-offer': z.object({ offerId: IdSchema }),
  /** One timer for the offers of a task whose deadlines share a step (a wave); `at` is when it fires, epoch ms. */
  'expire-offers': z.object({ taskId: IdSchema, at: z.number().int().positive() }),
  'handle-delivery-failure': z.object({ messageId: IdSchema }),
  'deadline-alert': z.object({ taskId: IdSchema }),
  'send-reminder': z.object({ assignmentId: IdSchema, kind: z.enum(['day_before', 'two_hours_before']) }),
  'ask-check-in': z.object({ assignmentId: IdSchema }),
  'close-check-in': z.object({ assignmentId: IdSchema }),
  'expire-request-draft': z.object({ draftId: IdSchema }),
  sweep: z.object({}),
  'erase-old-message-bodies': z.object({}),
  'place-call': z.object({ callId: IdSchema }),
  'follow-up-call': z.object({ offerId: IdSchema }),
} as const;

export type JobName = keyof typeof JobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof JobSchemas)[N]>;

export type QueueName = 'sms' | 'dispatch' | 'maintenance' | 'voice';

export const queueOf: Record<JobName, QueueName> = {
  'send-sms': 'sms', // its own queue, so the rate limit applies to SMS alone
  'handle-inbound-sms': 'dispatch',
  'fill-task': 'dispatch',
  'fill-searching-tasks': 'dispatch',
  'expire-offer': 'dispatch',
  'expire-offers': 'dispatch',
  'handle-delivery-failure': 'dispatch',
  'deadline-alert': 'dispatch',
  'send-reminder': 'dispatch',
  'ask-check-in': 'dispatch',
  'close-check-in': 'dispatch',
  'expire-request-draft': 'dispatch',
  sweep: 'maintenance',
  'erase-old-message-bodies': 'maintenance',
  'place-call': 'voice', // its own queue: Twilio allows 1 call/s per account by default (CALL_RATE_PER_SECOND)
  'follow-up-call': 'dispatch',
};

/**
 * A job a service wants run after its transaction commits. `reschedule`: if the same job already
 * waits with a delay (an SMS held for quiet hours), move it to `runAt` (now when absent) instead of
 * leaving it where it is.
 */
export type JobRequest = {
  [N in JobName]: { name: N; data: JobPayload<N>; runAt?: Date; reschedule?: boolean };
}[JobName];

/**
 * The deduplication key: while a job with this key waits, is delayed or runs, adding it again is a
 * no-op. Once it finishes the key is free, so a sweeper can always re-enqueue lost work; every
 * worker re-checks Postgres before acting, so a second run does nothing twice.
 */
export function dedupKeyFor(job: JobRequest): string {
  switch (job.name) {
    case 'send-sms': return `sms-${job.data.messageId}`;
    case 'handle-inbound-sms': return `inbound-${job.data.messageId}`;
    case 'fill-task': return `fill-${job.data.taskId}`;
    // One per lane; one more is kept while it runs (see queues.ts).
    case 'fill-searching-tasks': return `fill-searching-tasks-${job.data.lane}`;
    case 'expire-offer': return `expire-${job.data.offerId}`;
    case 'expire-offers': return `expire-offers-${job.data.taskId}-${job.data.at}`;
    case 'handle-delivery-failure': return `delivery-failure-${job.data.messageId}`;
    case 'deadline-alert': return `deadline-alert-${job.data.taskId}`;
    case 'send-reminder': return `reminder-${job.data.assignmentId}-${job.data.kind}`;
    case 'ask-check-in': return `check-in-${job.data.assignmentId}`;
    case 'close-check-in': return `close-check-in-${job.data.assignmentId}`;
    // One per draft and last text: a later text schedules a later expiry, and each re-checks the draft.
    case 'expire-request-draft': return `expire-draft-${job.data.draftId}-${job.runAt?.getTime() ?? 0}`;
    case 'sweep': return 'sweep';
    case 'erase-old-message-bodies': return 'erase-old-message-bodies';
    case 'place-call': return `call-${job.data.callId}`;
    case 'follow-up-call': return `follow-up-call-${job.data.offerId}`;
  }
}

export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return JobSchemas[name].parse(data) as JobPayload<N>;
}

/** The port services use to schedule work; implemented over BullMQ in queues.ts. */
export interface JobQueue {
  enqueue(jobs: readonly JobRequest[]): Promise<void>;
  /**
   * Enqueues those of `jobs` that no waiting, delayed or running job stands for, and returns them:
   * what the sweeper re-derives is only work that is really missing.
   */
  enqueueMissing(jobs: readonly JobRequest[]): Promise<JobRequest[]>;
}
