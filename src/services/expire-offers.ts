import { expireDueOffers, hasDueOpenOffer } from '../db/offer.repo';
import { lockTask } from '../db/task.repo';
import type { JobRequest } from '../queue/jobs';
import type { ServiceContext } from './context';
import type { ExpireOutcome } from './expire-offer';
import { runUseCase } from './effects';
import { fillTaskInTx } from './fill-task';
import { isDue, TIMER_EARLY_TOLERANCE_MS } from './timer-due';

/**
 * Offers of a task whose deadlines fall in the same step share one timer, fired at the end of the
 * step: a wave's offers, sent within moments of each other, get one `expire-offers` job instead of
 * one each. An offer expires at most this much after its deadline (a late JA is still taken while
 * the task looks for someone); its stored deadline is not moved.
 */
export const WAVE_TIMER_STEP_MS = 5_000;

/** When the shared timer of an offer with this deadline fires: the end of the deadline's step. */
export function waveTimerAt(expiresAt: Date): Date {
  return new Date(Math.ceil(expiresAt.getTime() / WAVE_TIMER_STEP_MS) * WAVE_TIMER_STEP_MS);
}

/** The timer job of an offer of `taskId` open until `expiresAt`; its wave-mates ask for the same job. */
export function waveTimerJob(taskId: string, expiresAt: Date): JobRequest {
  const at = waveTimerAt(expiresAt);
  return { name: 'expire-offers', data: { taskId, at: at.getTime() }, runAt: at };
}

/** waveTimerJob() for a deadline that has passed (the sweeper's): it runs now. */
export function dueWaveTimerJob(taskId: string, expiresAt: Date): JobRequest {
  return { name: 'expire-offers', data: { taskId, at: waveTimerAt(expiresAt).getTime() } };
}

/**
 * The expire-offers job: every open offer of the task whose deadline has passed expires, and the
 * task is filled again. Never cancelled: when every offer was answered meanwhile it does nothing.
 * A job fired well before its time (clock skew between hosts) does nothing either; the sweeper
 * expires the offers on time.
 */
export async function expireOffers(ctx: ServiceContext, taskId: string, at: Date): Promise<ExpireOutcome> {
  if (!isDue(at, ctx.now())) return 'not_due';
  // Nearly always something is due; a wave everyone answered costs one read and no task lock.
  if (!(await hasDueOpenOffer(ctx.db, taskId, new Date(ctx.now().getTime() + TIMER_EARLY_TOLERANCE_MS)))) return 'not_open';
  return runUseCase(ctx, async (trx, effects, now) => {
    await lockTask(trx, taskId);
    const expired = await expireDueOffers(trx, taskId, new Date(now.getTime() + TIMER_EARLY_TOLERANCE_MS), now);
    if (expired.length === 0) return 'not_open'; // answered while we waited for the lock
    effects.taskChanged(taskId);
    await fillTaskInTx(trx, ctx, effects, taskId, now);
    return 'expired';
  });
}
