import { expireDueOffers, findOffer } from '../db/offer.repo';
import { lockTask } from '../db/task.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { fillTaskInTx } from './fill-task';
import { isDue, TIMER_EARLY_TOLERANCE_MS } from './timer-due';

export type ExpireOutcome = 'expired' | 'not_due' | 'not_open';

/**
 * The expire-offer job, one per offer: what was enqueued before offers shared a timer per wave
 * (expire-offers.ts); kept so those jobs still in Redis run. The offer's wave-mates that are due
 * expire with it, so the next wave starts as one. A timer is never cancelled: when it fires for an offer that was answered
 * meanwhile, the conditional update matches nothing and the job does nothing.
 */
export async function expireOffer(ctx: ServiceContext, offerId: string): Promise<ExpireOutcome> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const offer = await findOffer(trx, offerId);
    if (!offer || offer.status !== 'open') return 'not_open';
    await lockTask(trx, offer.taskId);
    const fresh = await findOffer(trx, offerId);
    if (!fresh || fresh.status !== 'open') return 'not_open';
    if (fresh.expiresAt && !isDue(fresh.expiresAt, now)) {
      // Fired well before its deadline (clock skew between hosts): the sweeper expires it on time.
      return 'not_due';
    }
    await expireDueOffers(trx, offer.taskId, new Date(now.getTime() + TIMER_EARLY_TOLERANCE_MS), now);
    effects.taskChanged(offer.taskId);
    await fillTaskInTx(trx, ctx, effects, offer.taskId, now);
    return 'expired';
  });
}
