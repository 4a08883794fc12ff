import { claimInboundOf, lockWaitingSenders } from '../db/message.repo';
import { lockReplyTasks } from '../db/offer.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { lateReplySince } from '../domain/reply-decision';
import { handleClaimedInbound, handleInboundSmsOrSetAside, handlingTime, identifySender, identifySenders } from './handle-inbound-sms';

export interface InboundRoundLimits {
  /** Senders whose messages one transaction handles. */
  maxSenders: number;
  /** Messages one transaction handles; a sender's later ones wait for the next round. */
  maxMessages: number;
}

export const DEFAULT_ROUND_LIMITS: InboundRoundLimits = { maxSenders: 32, maxMessages: 64 };

export interface InboundRound {
  /** Messages handled (in the round's transaction, or one by one after it failed). */
  handled: number;
  /** Senders whose message could not be handled even on its own: pause them, a coordinator may need to look. */
  failedSenders: string[];
}

/**
 * One round of the inbound drain (workers/inbound-drain.ts): the messages of up to `maxSenders`
 * waiting senders, handled in one transaction, in the order they arrived, by the same code as
 * a handle-inbound-sms job (handleClaimedInbound). One transaction for many messages saves a
 * commit and the claim, lock and lookups of each; rounds running side by side never take the
 * same sender, so a sender's messages are still handled one at a time and in order. The tasks the
 * volunteers' replies will lock are locked first, in id order: a burst of JA in which two rounds
 * meet the same tasks in opposite orders would otherwise deadlock (a second lost each time).
 *
 * When the round fails, nothing of it is kept and its messages are handled again one by one,
 * each in its own transaction, so one bad message holds up only its own sender.
 */
export async function handleWaitingInbound(ctx: ServiceContext, skipSenders: readonly string[], limits = DEFAULT_ROUND_LIMITS): Promise<InboundRound> {
  let claimed: { id: string; from: string }[] = [];
  try {
    const handled = await runUseCase(ctx, async (trx, effects, roundStart) => {
      const senders = await lockWaitingSenders(trx, limits.maxSenders, skipSenders);
      const messages = await claimInboundOf(trx, senders, roundStart, limits.maxMessages);
      claimed = messages.map((m) => ({ id: m.id, from: m.from_phone }));
      // Read again: a message committed after the round began is among those claimed.
      const now = handlingTime(ctx.now(), messages);
      effects.notBefore(now);
      const known = await identifySenders(trx, senders);
      await lockReplyTasks(trx, [...known.values()].flatMap((s) => (s.kind === 'volunteer' ? [s.volunteer.id] : [])), lateReplySince(now));
      const handledFrom = new Set<string>();
      for (const message of messages) {
        // A sender's earlier message in this round may have changed who they are (STOPP, a new language).
        const sender = handledFrom.has(message.from_phone) ? await identifySender(trx, message.from_phone) : known.get(message.from_phone)!;
        handledFrom.add(message.from_phone);
        await handleClaimedInbound(trx, ctx, effects, message, sender, now);
      }
      return messages.length;
    });
    return { handled, failedSenders: [] };
  } catch (err) {
    if (claimed.length === 0) throw err;
    ctx.log.warn({ err, messages: claimed.length }, 'an inbound round failed; handling its messages one by one');
    return handleOneByOne(ctx, claimed);
  }
}

async function handleOneByOne(ctx: ServiceContext, messages: readonly { id: string; from: string }[]): Promise<InboundRound> {
  let handled = 0;
  const failedSenders = new Set<string>();
  for (const message of messages) {
    // The sender's later messages would meet the one that failed first and count it again.
    if (failedSenders.has(message.from)) continue;
    try {
      // Also handles the sender's earlier messages first; those already done answer already_processed.
      if ((await handleInboundSmsOrSetAside(ctx, message.id)) !== 'already_processed') handled++;
    } catch (err) {
      failedSenders.add(message.from);
      ctx.log.error({ err, messageId: message.id }, 'an inbound sms could not be handled');
    }
  }
  return { handled, failedSenders: [...failedSenders] };
}
