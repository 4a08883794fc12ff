import { claimFillRequests, listOverdueFillLanes } from '../db/task.repo';
import type { ServiceContext } from './context';
import { runUseCaseFlushingLater } from './effects';
import { fillClaimedTasksInTx } from './fill-task';

/**
 * Tasks one transaction fills. A burst of dispatches becomes a few large transactions (offers and
 * SMS rows written together, one enqueue), while the batch stays small enough that a task
 * dispatched during it — urgent ones first, as the batch takes the soonest start first — waits
 * for one batch at most.
 */
export const FILL_BATCH = 10;

/**
 * Batch jobs that may run at once. Any batch takes whichever tasks wait (soonest start first,
 * skipping those another batch holds); the lanes only let that many run side by side. One for now:
 * with 8, batches of tasks that rank the same volunteers first held each other's heads locked and
 * passed over them round after round (a hundred equal tasks filled slower than with one lane).
 */
export const FILL_LANES = 1;

/** The lane whose job a dispatch of this task wakes. */
export function fillLaneOf(taskId: string): number {
  return Number(BigInt(taskId) % BigInt(FILL_LANES));
}

/**
 * The fill-searching-tasks job: fills the dispatched tasks waiting for it, a batch per
 * transaction, until none wait. Each volunteer gets at most one offer across the batch: a later
 * task's ranking sees the offers an earlier one wrote (and the one-live-offer index holds anyway).
 */
export async function fillSearchingTasks(ctx: ServiceContext): Promise<number> {
  let filled = 0;
  // The next batch starts while the last one's send jobs go to Redis.
  const flushes: Promise<void>[] = [];
  for (;;) {
    const { result: batch, flushed } = await runUseCaseFlushingLater(ctx, async (trx, effects, now) => {
      const ids = await claimFillRequests(trx, FILL_BATCH);
      await fillClaimedTasksInTx(trx, ctx, effects, ids, now);
      return ids.length;
    });
    flushes.push(flushed);
    filled += batch;
    if (batch < FILL_BATCH) break;
  }
  await Promise.all(flushes);
  await comeBackForSkipped(ctx);
  return filled;
}

/** How soon a batch job runs again for tasks its claim skipped. */
export const SKIPPED_RETRY_MS = 250;

/**
 * The claim skips a task another transaction holds (a reply, an edit) rather than wait for it. Such
 * a task would otherwise wait for the sweeper's next round (30 s or more): come back for it shortly.
 * A task dispatched meanwhile is found too; its own job and this one are deduplicated into one.
 */
async function comeBackForSkipped(ctx: ServiceContext): Promise<void> {
  const lanes = await listOverdueFillLanes(ctx.db, ctx.now(), FILL_LANES);
  if (lanes.length === 0) return;
  // A queue delay is real time, whatever clock the service reads.
  const runAt = new Date(Date.now() + SKIPPED_RETRY_MS);
  await ctx.jobs.enqueue(lanes.map((lane) => ({ name: 'fill-searching-tasks' as const, data: { lane }, runAt })));
}
