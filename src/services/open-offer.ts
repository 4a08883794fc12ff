import { addActiveMinutes } from '../domain/quiet-hours';
import type { ContactPreference } from '../domain/contact-preference';
import type { Tx } from '../db/database';
import { findOfferToOpen, moveOffer, type Offer } from '../db/offer.repo';
import type { ServiceContext } from './context';
import type { Effects } from './effects';
import { waveTimerJob } from './expire-offers';
import { scheduleFollowUpCall } from './follow-up-call';

/**
 * An offer opens when its SMS is known to have reached the provider, whichever path learns it
 * first: the send result (send-sms.ts opens a batch's offers in the statement that records them
 * sent), a status callback, a reconcile lookup, or the sweeper. The move pending -> open is a
 * compare-and-set, so the offer opens once and asks once for its expiry timer. `sentAt` is when the
 * SMS left: the answer window runs from then (and not at night).
 */
export async function openOffer(trx: Tx, ctx: Pick<ServiceContext, 'settings'>, effects: Effects, offerId: string, sentAt: Date): Promise<boolean> {
  // No task lock: only this offer row changes, and an answer racing us waits on that row.
  const found = await findOfferToOpen(trx, offerId);
  if (!found) return false;
  const { offerTimeoutMinutes, contactPreference } = found;
  const expiresAt = answerDeadline(ctx, sentAt, offerTimeoutMinutes);
  const opened = await moveOffer(trx, offerId, 'sms_sent', sentAt, { sent_at: sentAt, expires_at: expiresAt });
  if (!opened) return false;
  offerOpened(ctx, effects, { offer: opened, expiresAt, sentAt, offerTimeoutMinutes, contactPreference });
  return true;
}

/** When an offer whose SMS left at `sentAt` stops waiting for an answer (quiet hours do not count). */
export function answerDeadline(ctx: Pick<ServiceContext, 'settings'>, sentAt: Date, offerTimeoutMinutes: number): Date {
  return addActiveMinutes(ctx.settings.quietHours, sentAt, offerTimeoutMinutes);
}

export interface OpenedOffer { offer: Offer; expiresAt: Date; sentAt: Date; offerTimeoutMinutes: number; contactPreference: ContactPreference }

/** What follows an offer's opening, however it opened: its wave's timer, the page, a follow-up call. */
export function offerOpened(ctx: Pick<ServiceContext, 'settings'>, effects: Effects, { offer, expiresAt, sentAt, offerTimeoutMinutes, contactPreference }: OpenedOffer): void {
  effects.add(waveTimerJob(offer.taskId, expiresAt)); // shared with its wave-mates (deduplicated)
  effects.taskChanged(offer.taskId);
  // Issue 15: sms_then_call
  if (contactPreference === 'sms_then_call') scheduleFollowUpCall(ctx, effects, offer.id, sentAt, offerTimeoutMinutes);
}
