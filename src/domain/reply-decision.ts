import type { ReplyIntent } from './replies';
import type { OfferStatus, TaskStatus } from './dispatch';

type ReplyTemplate =
  | 'taken' | 'offer_withdrawn' | 'already_assigned' | 'no_offer' | 'declined_thanks' | 'already_opted_in' | 'opted_out_reminder';

/** What the volunteer's situation is when a reply arrives. */
export interface ReplyContext {
  optedOut: boolean;
  /** The volunteer's one live (pending/open) offer, if any. */
  liveOffer?: { offerId: string; taskId: string };
  /** The most recent offer that is no longer live, if recent enough to be what a late reply means. */
  recentOffer?: {
    offerId: string;
    taskId: string;
    offerStatus: OfferStatus;
    taskStatus: TaskStatus;
    /**
     * The offer was closed (someone else took the task) so shortly before this reply arrived, or
     * after it, that the closing notice crossed the reply and already answers it.
     */
    crossedWithNotice: boolean;
  };
}

export type ReplyAction =
  | { type: 'accept'; offerId: string; taskId: string }
  | { type: 'late_accept'; offerId: string; taskId: string }
  | { type: 'decline'; offerId: string; taskId: string }
  | { type: 'opt_out'; liveOffer?: { offerId: string; taskId: string } }
  | { type: 'opt_in' }
  | { type: 'reply'; template: ReplyTemplate; taskId?: string }
  | { type: 'unclear'; template: 'hint_offer' | 'hint_general' }
  | { type: 'none' };

/** How far back a reply without a live offer is matched to the volunteer's last offer. */
const LATE_REPLY_WINDOW_MS = 3 * 24 * 3600 * 1000;

/** Replies received at `now` may still answer offers closed since this instant. */
export function lateReplySince(now: Date): Date {
  return new Date(now.getTime() - LATE_REPLY_WINDOW_MS);
}

/** A reply this soon after its offer was withdrawn crossed the withdrawal notice on the way. */
export const NOTICE_CROSSING_WINDOW_MS = 2 * 60_000;

export function crossedWithNotice(offerClosedAt: Date | null, replyReceivedAt: Date): boolean {
  return offerClosedAt !== null && offerClosedAt.getTime() >= replyReceivedAt.getTime() - NOTICE_CROSSING_WINDOW_MS;
}

/**
 * Decides what a volunteer's reply means. Total: every intent in every situation has an answer,
 * and an unclear reply is never guessed: it gets a hint and goes to a coordinator.
 */
export function decideReply(intent: ReplyIntent, ctx: ReplyContext): ReplyAction {
  if (intent === 'stop') return { type: 'opt_out', liveOffer: ctx.liveOffer };
  if (intent === 'start') return ctx.optedOut ? { type: 'opt_in' } : { type: 'reply', template: 'already_opted_in' };
  if (ctx.optedOut) {
    return intent === 'unclear' ? { type: 'unclear', template: 'hint_general' } : { type: 'reply', template: 'opted_out_reminder' };
  }
  if (intent === 'unclear') return { type: 'unclear', template: ctx.liveOffer ? 'hint_offer' : 'hint_general' };
  if (ctx.liveOffer) {
    return intent === 'yes' ? { type: 'accept', ...ctx.liveOffer } : { type: 'decline', ...ctx.liveOffer };
  }
  const recent = ctx.recentOffer;
  // Ten people answer JA at once: the winner's transaction tells the other nine, and their own
  // JA, which crossed that notice, needs no second answer.
  if (recent?.crossedWithNotice && recent.offerStatus === 'withdrawn') return { type: 'none' };
  if (intent === 'no') return { type: 'reply', template: 'declined_thanks' };
  return decideLateYes(recent);
}

/** A yes with no live offer: take it if the task still needs someone, otherwise say why not. */
function decideLateYes(recent: ReplyContext['recentOffer']): ReplyAction {
  if (!recent) return { type: 'reply', template: 'no_offer' };
  const stillNeeded = recent.taskStatus === 'searching' || recent.taskStatus === 'unfilled';
  if (stillNeeded && (recent.offerStatus === 'expired' || recent.offerStatus === 'declined')) {
    return { type: 'late_accept', offerId: recent.offerId, taskId: recent.taskId };
  }
  if (recent.offerStatus === 'accepted') return { type: 'reply', template: 'already_assigned', taskId: recent.taskId };
  // Cancelled, or dispatch stopped (back to new): the offer was withdrawn, nobody else took it.
  if (recent.taskStatus === 'cancelled' || recent.taskStatus === 'new' || stillNeeded) return { type: 'reply', template: 'offer_withdrawn', taskId: recent.taskId };
  return { type: 'reply', template: 'taken', taskId: recent.taskId };
}
