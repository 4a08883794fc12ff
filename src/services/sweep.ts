import type { JobRequest } from '../queue/jobs';
import { listFailedOfferMessages, listStuckOutbound, listUnopenedSentOffers, listUnprocessedInbound } from '../db/message.repo';
import { recordSweeperRun } from '../db/sweeper.repo';
import { listDueOffers } from '../db/offer.repo';
import { listStarvedSearchingTasks } from '../db/task.repo';
import type { ServiceContext } from './context';
import { dueLifecycleJobs } from './sweep-timers';
import { listDueFollowUpCalls, listStuckCalls } from '../db/call.repo';

const BATCH = 500;

export interface SweepReport { sends: number; unopenedOffers: number; inbound: number; expiries: number; deliveryFailures: number; searchingTasks: number; lifecycleTimers: number; calls: number }

/**
 * Re-derives from Postgres every job that a lost Redis entry or a crash between commit and enqueue
 * would have dropped. Enqueueing is deduplicated and every job re-checks its row, so sweeping
 * work that is in fact still queued does no harm.
 */
export async function sweep(ctx: Pick<ServiceContext, 'db' | 'jobs' | 'log' | 'now' | 'settings'>): Promise<SweepReport> {
  const now = ctx.now();
  // Work younger than the grace period is left alone: its own job is most likely still on the way.
  const before = new Date(now.getTime() - ctx.settings.sweepGraceSeconds * 1000);
  const leaseCutoff = new Date(now.getTime() - ctx.settings.smsSendLeaseSeconds * 1000);
  const [sends, unopened, inbound, expiries, failures, tasks, timers, calls, followUps] = await Promise.all([
    listStuckOutbound(ctx.db, before, leaseCutoff, BATCH),
    listUnopenedSentOffers(ctx.db, before, BATCH),
    listUnprocessedInbound(ctx.db, before, BATCH),
    listDueOffers(ctx.db, before, BATCH),
    listFailedOfferMessages(ctx.db, BATCH),
    listStarvedSearchingTasks(ctx.db, before, BATCH),
    dueLifecycleJobs(ctx, before),
    listStuckCalls(ctx.db, before, leaseCutoff, BATCH),
    listDueFollowUpCalls(ctx.db, before, BATCH),
  ]);
  const jobs: JobRequest[] = [
    // The send job of a message the provider has opens its offer instead of sending it again.
    ...[...sends, ...unopened].map((messageId) => ({ name: 'send-sms' as const, data: { messageId } })),
    ...inbound.map((messageId) => ({ name: 'handle-inbound-sms' as const, data: { messageId } })),
    ...expiries.map((offerId) => ({ name: 'expire-offer' as const, data: { offerId } })),
    ...failures.map((messageId) => ({ name: 'handle-delivery-failure' as const, data: { messageId } })),
    ...tasks.map((taskId) => ({ name: 'fill-task' as const, data: { taskId } })),
    ...timers,
    // A call whose job was lost; the job claims it, and looks it up at Twilio if an attempt may have reached it.
    ...calls.map((callId) => ({ name: 'place-call' as const, data: { callId } })),
    ...followUps.map((offerId) => ({ name: 'follow-up-call' as const, data: { offerId } })),
  ];
  if (jobs.length > 0) {
    await ctx.jobs.enqueue(jobs);
    ctx.log.info({ jobs: jobs.length }, 'sweeper re-enqueued work');
  }
  await recordSweeperRun(ctx.db, countByName(jobs), now);
  return { sends: sends.length, unopenedOffers: unopened.length, inbound: inbound.length, expiries: expiries.length, deliveryFailures: failures.length, searchingTasks: tasks.length, lifecycleTimers: timers.length, calls: calls.length + followUps.length };
}

function countByName(jobs: readonly JobRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const job of jobs) counts.set(job.name, (counts.get(job.name) ?? 0) + 1);
  return counts;
}
