import { addActiveMinutes } from '../domain/quiet-hours';
import type { Tx } from '../db/database';
import { findOfferToOpen, moveOffer } from '../db/offer.repo';
import type { ServiceContext } from './context';
import type { Effects } from './effects';
import { waveTimerJob } from './expire-offers';
import { scheduleFollowUpCall } from './follow-up-call';

/**
 * An offer opens when its SMS is known to have reached the provider, whichever path learns it
 * first: the send result, a status callback, a reconcile lookup, or the sweeper. The move
 * pending -> open is a compare-and-set, so the offer opens once and asks once for its expiry timer.
 * `sentAt` is when the SMS left: the answer window runs from then (and not at night).
 */
export async function openOffer(trx: Tx, ctx: Pick<ServiceContext, 'settings'>, effects: Effects, offerId: string, sentAt: Date): Promise<boolean> {
  // No task lock: only this offer row changes, and an answer racing us waits on that row.
  const found = await findOfferToOpen(trx, offerId);
  if (!found) return false;
  const { offer, offerTimeoutMinutes, contactPreference } = found;
  const expiresAt = addActiveMinutes(ctx.settings.quietHours, sentAt, offerTimeoutMinutes);
  const opened = await moveOffer(trx, offerId, 'sms_sent', sentAt, { sent_at: sentAt, expires_at: expiresAt });
  if (!opened) return false;
  effects.add(waveTimerJob(offer.taskId, expiresAt)); // shared with its wave-mates (deduplicated)
  effects.taskChanged(offer.taskId);
  // Issue 15: sms_then_call
  if (contactPreference === 'sms_then_call') scheduleFollowUpCall(ctx, effects, offer.id, sentAt, offerTimeoutMinutes);
  return true;
}
