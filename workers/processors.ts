import type { Job } from 'bullmq';
import { parsePayload, type JobName } from '../src/queue/jobs';
import type { ServiceContext } from '../src/services/context';
import { askCheckIn, closeCheckIn } from '../src/services/check-in';
import { alertDeadline } from '../src/services/deadline-alert';
import { expireOffer } from '../src/services/expire-offer';
import { expireOffers } from '../src/services/expire-offers';
import { sendReminder } from '../src/services/send-reminder';
import { fillTask } from '../src/services/fill-task';
import { fillSearchingTasks } from '../src/services/fill-searching-tasks';
import { handleDeliveryFailure } from '../src/services/handle-delivery-failure';
import { handleInboundSmsOrSetAside } from '../src/services/handle-inbound-sms';
import { sendSmsBatch, type SendOutcome, type SendRequest } from '../src/services/send-sms';
import { createMicroBatcher, type MicroBatchOptions } from '../src/micro-batcher';
import { sweep } from '../src/services/sweep';
import { eraseOldMessageBodies } from '../src/services/erase-old-message-bodies';
import { expireRequestDraft } from '../src/services/expire-request-draft';
import { placeCall } from '../src/services/place-call';
import { followUpCall } from '../src/services/follow-up-call';

type Processor = (job: Job) => Promise<unknown>;

function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * The send-sms jobs a worker has started in the same turn go out as one batch: one claim, one
 * record (src/services/send-sms.ts). The queue's concurrency bounds a batch; the rate limit still
 * counts jobs, one SMS each. Batches in flight are not capped below that concurrency: with two,
 * a Twilio answer held for the send timeout held every other send behind it (`npm run faults`,
 * the Twilio storm, did not settle in 4 minutes).
 */
const SEND_BATCHING: MicroBatchOptions = { maxBatch: 64, windowMs: 0, maxInFlight: 64 };

/** One thin processor per job: parse the payload, call one service. */
export function createProcessors(ctx: ServiceContext): Record<JobName, Processor> {
  const sends = createMicroBatcher<SendRequest, SendOutcome>((batch) => sendSmsBatch(ctx, batch), SEND_BATCHING);
  return {
    'send-sms': (job) => sends.submit({ messageId: parsePayload('send-sms', job.data).messageId, isLastAttempt: isLastAttempt(job) }),
    'handle-inbound-sms': (job) => handleInboundSmsOrSetAside(ctx, parsePayload('handle-inbound-sms', job.data).messageId),
    'fill-task': (job) => fillTask(ctx, parsePayload('fill-task', job.data).taskId),
    'fill-searching-tasks': () => fillSearchingTasks(ctx),
    'expire-offer': (job) => expireOffer(ctx, parsePayload('expire-offer', job.data).offerId), // jobs enqueued before expire-offers
    'expire-offers': (job) => {
      const { taskId, at } = parsePayload('expire-offers', job.data);
      return expireOffers(ctx, taskId, new Date(at));
    },
    'handle-delivery-failure': (job) => handleDeliveryFailure(ctx, parsePayload('handle-delivery-failure', job.data).messageId),
    'deadline-alert': (job) => alertDeadline(ctx, parsePayload('deadline-alert', job.data).taskId),
    'send-reminder': (job) => {
      const { assignmentId, kind } = parsePayload('send-reminder', job.data);
      return sendReminder(ctx, assignmentId, kind);
    },
    'ask-check-in': (job) => askCheckIn(ctx, parsePayload('ask-check-in', job.data).assignmentId),
    'close-check-in': (job) => closeCheckIn(ctx, parsePayload('close-check-in', job.data).assignmentId),
    'expire-request-draft': (job) => expireRequestDraft(ctx, parsePayload('expire-request-draft', job.data).draftId),
    sweep: () => sweep(ctx),
    'erase-old-message-bodies': () => eraseOldMessageBodies(ctx),
    'place-call': (job) => placeCall(ctx, parsePayload('place-call', job.data).callId, isLastAttempt(job)),
    'follow-up-call': (job) => followUpCall(ctx, parsePayload('follow-up-call', job.data).offerId),
  };
}
