import { addActiveMinutes } from '../domain/quiet-hours';
import { countCallsOfOffer } from '../db/call.repo';
import { findOffer } from '../db/offer.repo';
import { lockTask } from '../db/task.repo';
import { findVolunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { runUseCase, type Effects } from './effects';
import { queueOfferCall, sendsDespiteQuietHours } from './offer-by-call';

/**
 * `sms_then_call`: when an offer SMS opens, a timer is set for half its answer time (counted as
 * the answer time is, not at night). Called from openOffer, inside its transaction, for a
 * volunteer who wants an SMS first and then a call.
 */
export function scheduleFollowUpCall(ctx: Pick<ServiceContext, 'settings'>, effects: Effects, offerId: string, sentAt: Date, offerTimeoutMinutes: number): void {
  const halfway = addActiveMinutes(ctx.settings.quietHours, sentAt, offerTimeoutMinutes / 2);
  effects.add({ name: 'follow-up-call', data: { offerId }, runAt: halfway });
}

export type FollowUpOutcome = 'called' | 'answered' | 'already_called';

/** The follow-up-call job: the SMS offer is still unanswered, so the volunteer is called once. */
export async function followUpCall(ctx: ServiceContext, offerId: string): Promise<FollowUpOutcome> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const offer = await findOffer(trx, offerId);
    if (!offer) return 'answered';
    const task = await lockTask(trx, offer.taskId);
    const fresh = await findOffer(trx, offerId); // after the lock: a JA may just have taken it
    if (!task || task.status !== 'searching' || fresh?.status !== 'open') return 'answered';
    if ((await countCallsOfOffer(trx, offerId)) > 0) return 'already_called'; // a repeated job
    const volunteer = await findVolunteer(trx, offer.volunteerId);
    if (!volunteer) return 'answered';
    await queueOfferCall(trx, ctx, effects, { offerId, taskId: task.id, volunteerId: volunteer.id, phone: volunteer.phone }, now, { despiteQuietHours: sendsDespiteQuietHours(task, now) });
    ctx.log.info({ offerId }, 'SMS offer unanswered at half its answer time: calling');
    return 'called';
  });
}
