import { renderText, type TaskFacts } from '../domain/messages';
import type { Tx } from '../db/database';
import { cancelUnsentOfferSms } from '../db/message.repo';
import { withdrawLiveOffers, type Offer } from '../db/offer.repo';
import { findVolunteersByIds } from '../db/volunteer.repo';
import type { Effects } from './effects';

/** The offers withdrawn, and how many volunteers were told by SMS (those whose offer had left). */
export interface WithdrawnOffers { offers: Offer[]; told: number }

/**
 * Withdraws a task's live offers and tells each volunteer who got one that it no longer stands
 * ("offer_taken" or "offer_withdrawn"; neither thanks them for an answer they never gave). An offer whose SMS has not left yet (held for quiet hours, or still in
 * the send queue) is cancelled instead: its volunteer never saw it, so they get neither it nor a
 * notice about it.
 */
export async function withdrawOffersWithNotice(
  trx: Tx,
  effects: Effects,
  w: { taskId: string; reason: string; notice: 'offer_taken' | 'offer_withdrawn'; task: TaskFacts; exceptOfferId?: string },
  now: Date,
): Promise<WithdrawnOffers> {
  const withdrawn = await withdrawLiveOffers(trx, w.taskId, w.reason, now, w.exceptOfferId);
  const neverSent = await cancelUnsentOfferSms(trx, withdrawn.map((o) => o.id), now);
  const told = withdrawn.filter((o) => !neverSent.has(o.id));
  const offerOf = new Map(told.map((o) => [o.volunteerId, o.id]));
  const volunteers = await findVolunteersByIds(trx, told.map((o) => o.volunteerId));
  await effects.smsMany(trx, volunteers.map((v) => ({
    to: v.phone,
    body: renderText(v.language, w.notice, { task: w.task }),
    kind: w.notice,
    volunteerId: v.id,
    taskId: w.taskId,
    offerId: offerOf.get(v.id),
  })));
  return { offers: withdrawn, told: told.length };
}
