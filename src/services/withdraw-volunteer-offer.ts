import { toTaskFacts, renderText } from '../domain/messages';
import type { Tx } from '../db/database';
import { cancelUnsentOfferSms } from '../db/message.repo';
import { findLiveOffer, withdrawOffer } from '../db/offer.repo';
import { lockTask } from '../db/task.repo';
import type { Volunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import type { Effects } from './effects';
import { fillTaskInTx } from './fill-task';

/**
 * Takes back the one live offer of a volunteer who leaves the pool, and asks the next volunteer in
 * their place. With `notify`, a volunteer who already got the offer is told it no longer stands for
 * them (an erased volunteer is not: their number is being erased). An offer whose SMS has not left
 * is cancelled silently. Returns whether an offer was withdrawn.
 */
export async function withdrawVolunteerOffer(
  trx: Tx, ctx: ServiceContext, effects: Effects,
  w: { volunteer: Volunteer; reason: 'deactivated' | 'erased'; notify: boolean }, now: Date,
): Promise<boolean> {
  const live = await findLiveOffer(trx, w.volunteer.id);
  if (!live) return false;
  const task = await lockTask(trx, live.taskId); // the task's lock first, as every dispatch use case takes it
  const offer = await withdrawOffer(trx, live.id, w.reason, now);
  if (!task || !offer) return false;
  const neverSent = await cancelUnsentOfferSms(trx, [offer.id], now);
  if (w.notify && !neverSent.has(offer.id)) {
    await effects.sms(trx, {
      to: w.volunteer.phone,
      body: renderText(w.volunteer.language, 'offer_closed_for_you', { task: toTaskFacts(task) }),
      kind: 'offer_closed_for_you',
      volunteerId: w.volunteer.id,
      taskId: task.id,
      offerId: offer.id,
    });
  }
  effects.taskChanged(task.id);
  await fillTaskInTx(trx, ctx, effects, task.id, now);
  return true;
}
