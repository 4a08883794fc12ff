import { claimFillRequests } from '../db/task.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { fillTaskInTx } from './fill-task';

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
  for (;;) {
    const batch = await runUseCase(ctx, async (trx, effects, now) => {
      const ids = await claimFillRequests(trx, FILL_BATCH);
      for (const id of ids) await fillTaskInTx(trx, ctx, effects, id, now);
      return ids.length;
    });
    filled += batch;
    if (batch < FILL_BATCH) return filled;
  }
}
