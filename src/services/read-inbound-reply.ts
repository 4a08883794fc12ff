import { readReply, toOfferDay, type ReadingContextKind, type ReplyReading } from '../domain/reply-reading/index';
import type { ReplyIntent } from '../domain/replies';
import type { Tx } from '../db/database';
import { listUpcomingAssignments, type ActiveAssignment } from '../db/assignment.repo';
import { isLiveOfferStatus } from '../domain/dispatch';
import { lateReplySince } from '../domain/reply-decision';
import { findReplyOffer, type Offer } from '../db/offer.repo';
import type { MessageRow, ReplyReadingJson } from '../db/schema';
import type { Volunteer } from '../db/volunteer.repo';

/** A reply as read (issue 12), with what it was read against. */
export interface InboundReading {
  reading: ReplyReading;
  context: ReadingContextKind;
  /**
   * Accepted tasks that have not started, soonest first: what a withdrawal may give back. Read only
   * when the context needs them (no live offer); a JA or NEI to a live offer needs no list of the
   * volunteer's tasks, and a withdrawal read against an offer reads them itself (applyReadingApart).
   */
  upcoming?: ActiveAssignment[];
  /** The offer the reply is about as read here, before any lock: where loadReplyContext starts. */
  replyOffer: Offer | undefined;
}

/**
 * Reads an inbound reply in its context: a live offer, else accepted tasks ahead, else nothing.
 * Plain reads, no locks: the decision that changes a task locks it afterwards (loadReplyContext,
 * cancelByVolunteerInTx) and re-checks there. Twilio's own opt-out (OptOutType) has the last word.
 */
export async function readInboundReply(trx: Tx, volunteer: Volunteer, message: MessageRow, now: Date): Promise<InboundReading> {
  const about = await findReplyOffer(trx, volunteer.id, lateReplySince(now));
  const live = about && isLiveOfferStatus(about.offer.status) ? about : undefined;
  const upcoming = live ? undefined : await tasksAhead(trx, volunteer.id, now);
  const context: ReadingContextKind = live ? 'offer' : upcoming && upcoming.length > 0 ? 'accepted' : 'none';
  const replyOffer = about?.offer;
  if (message.provider_opt_out === 'STOP') return { reading: { intent: 'opt_out', evidence: ['provider:STOP'] }, context, upcoming, replyOffer };
  if (message.provider_opt_out === 'START') return { reading: { intent: 'opt_in', evidence: ['provider:START'] }, context, upcoming, replyOffer };
  const offerDay = live ? toOfferDay(live.taskStartsAt, now) : undefined;
  const reading = readReply(message.body, { kind: context, language: volunteer.language, ...(offerDay ? { offerDay } : {}) });
  return { reading, context, upcoming, replyOffer };
}

/** The volunteer's accepted tasks that have not started, soonest first. */
export async function tasksAhead(trx: Tx, volunteerId: string, now: Date): Promise<ActiveAssignment[]> {
  return (await listUpcomingAssignments(trx, volunteerId, now)).filter((a) => a.startsAt > now);
}

/** The reply intent the offer decision (decideReply) takes; withdrawals and help questions are handled apart. */
export function replyIntentOf(reading: ReplyReading): ReplyIntent {
  switch (reading.intent) {
    case 'accept':
    case 'accept_with_question':
      return 'yes';
    case 'decline':
      return 'no';
    case 'opt_out':
      return 'stop';
    case 'opt_in':
      return 'start';
    default:
      return 'unclear';
  }
}

/** A coordinator should see it: unclear, a yes with a question, or a no with more to say. */
export function readingNeedsAttention(reading: ReplyReading): boolean {
  return reading.intent === 'accept_with_question' || (reading.intent === 'decline' && reading.note !== undefined);
}

export function toReadingJson({ reading, context }: InboundReading): ReplyReadingJson {
  const { intent, evidence, question, note, day } = reading;
  return { intent, evidence, context, ...(question ? { question } : {}), ...(note ? { note } : {}), ...(day ? { day } : {}) };
}
