import { dedupKeyFor, type JobRequest } from '../queue/jobs';
import { listFailedOfferMessages, listStuckOutbound, listUnopenedSentOffers, listUnprocessedInbound } from '../db/message.repo';
import { recordSweeperRun } from '../db/sweeper.repo';
import { listDueOfferDeadlines } from '../db/offer.repo';
import { dueWaveTimerJob } from './expire-offers';
import { ageVolunteerCounters } from '../db/volunteer-counters.repo';
import { listOverdueFillLanes, listStarvedSearchingTasks } from '../db/task.repo';
import { FILL_LANES } from './fill-searching-tasks';
import type { ServiceContext } from './context';
import { dueLifecycleJobs } from './sweep-timers';
import { listDueFollowUpCalls, listStuckCalls } from '../db/call.repo';

const BATCH = 500;

/** The jobs one sweep found missing and enqueued, by kind. */
export interface SweepReport { sends: number; inbound: number; expiries: number; deliveryFailures: number; searchingTasks: number; lifecycleTimers: number; calls: number }

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
  const [sends, unopened, inbound, expiries, failures, tasks, timers, lanes, calls, followUps] = await Promise.all([
    listStuckOutbound(ctx.db, before, leaseCutoff, BATCH),
    listUnopenedSentOffers(ctx.db, before, BATCH),
    listUnprocessedInbound(ctx.db, before, BATCH),
    listDueOfferDeadlines(ctx.db, before, BATCH),
    listFailedOfferMessages(ctx.db, BATCH),
    listStarvedSearchingTasks(ctx.db, before, BATCH),
    dueLifecycleJobs(ctx, before),
    listOverdueFillLanes(ctx.db, before, FILL_LANES),
    listStuckCalls(ctx.db, before, leaseCutoff, BATCH),
    listDueFollowUpCalls(ctx.db, before, BATCH),
  ]);
  const jobs: JobRequest[] = [
    // The send job of a message the provider has opens its offer instead of sending it again.
    ...[...sends, ...unopened].map((messageId) => ({ name: 'send-sms' as const, data: { messageId } })),
    ...inbound.map((messageId) => ({ name: 'handle-inbound-sms' as const, data: { messageId } })),
    // The timers of offers past their deadline, one per task and step, keyed as they were first enqueued.
    ...uniqueJobs(expiries.map((due) => dueWaveTimerJob(due.taskId, due.expiresAt))),
    ...failures.map((messageId) => ({ name: 'handle-delivery-failure' as const, data: { messageId } })),
    ...tasks.map((taskId) => ({ name: 'fill-task' as const, data: { taskId } })),
    ...lanes.map((lane) => ({ name: 'fill-searching-tasks' as const, data: { lane } })),
    ...timers,
    // A call whose job was lost; the job claims it, and looks it up at Twilio if an attempt may have reached it.
    ...calls.map((callId) => ({ name: 'place-call' as const, data: { callId } })),
    ...followUps.map((offerId) => ({ name: 'follow-up-call' as const, data: { offerId } })),
  ];
  // A job BullMQ still holds (waiting, delayed, running) is not lost: only the rest is re-derived.
  const missing = jobs.length > 0 ? await ctx.jobs.enqueueMissing(jobs) : [];
  if (missing.length > 0) ctx.log.info({ jobs: missing.length }, 'sweeper re-enqueued work');
  const counts = countByName(missing);
  await recordSweeperRun(ctx.db, counts, now);
  // Not lost work but upkeep on the same schedule: ranking counters whose window moved on.
  await ageVolunteerCounters(ctx.db, now, BATCH);
  const n = (name: JobRequest['name']) => counts.get(name) ?? 0;
  const callJobs = n('place-call') + n('follow-up-call');
  const expiryJobs = n('expire-offer') + n('expire-offers');
  return {
    sends: n('send-sms'), inbound: n('handle-inbound-sms'), expiries: expiryJobs, deliveryFailures: n('handle-delivery-failure'),
    searchingTasks: n('fill-task') + n('fill-searching-tasks'),
    lifecycleTimers: missing.length - n('send-sms') - n('handle-inbound-sms') - expiryJobs - n('handle-delivery-failure') - n('fill-task') - n('fill-searching-tasks') - callJobs,
    calls: callJobs,
  };
}

/** One job per deduplication key: a wave's offers ask for the same timer. */
function uniqueJobs(jobs: readonly JobRequest[]): JobRequest[] {
  return [...new Map(jobs.map((job) => [dedupKeyFor(job), job])).values()];
}

function countByName(jobs: readonly JobRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const job of jobs) counts.set(job.name, (counts.get(job.name) ?? 0) + 1);
  return counts;
}
