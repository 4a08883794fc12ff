import { isAtProvider, isDeliveryFailure, isStatusAdvance, mapProviderStatus, statusesBelow, type OutboundStatusName } from '../domain/sms-status';
import { applyStatus, findMessage } from '../db/message.repo';
import type { MessageRow } from '../db/schema';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { openOffer } from './open-offer';

export interface StatusCallback {
  /** Our message id, from the callback URL we gave Twilio. */
  messageId: string;
  messageSid: string;
  messageStatus: string;
  errorCode?: string;
}

export type StatusOutcome = 'applied' | 'ignored' | 'unknown_message' | 'sid_mismatch';

/**
 * Applies a delivery status callback. Callbacks come out of order and more than once, so only a
 * move forward is stored; a delivery failure of an offer schedules the move to the next volunteer.
 */
export async function recordSmsStatus(ctx: ServiceContext, cb: StatusCallback): Promise<StatusOutcome> {
  const incoming = mapProviderStatus(cb.messageStatus);
  const message = await findMessage(ctx.db, cb.messageId);
  if (!message || message.direction !== 'outbound') return 'unknown_message';
  if (message.twilio_sid && message.twilio_sid !== cb.messageSid) return 'sid_mismatch';
  if (!incoming || !isStatusAdvance(message.status as OutboundStatusName, incoming)) return 'ignored';

  const applied = opensAnOffer(message, incoming)
    ? await applyAndOpenOffer(ctx, message, cb, incoming)
    : Boolean(await applyStatus(ctx.db, message.id, cb.messageSid, incoming, statusesBelow(incoming), cb.errorCode ?? null, ctx.now()));
  if (!applied) return 'ignored';
  if (message.task_id) await ctx.taskEvents.taskChanged([message.task_id]);
  if (isDeliveryFailure(incoming)) {
    ctx.log.info({ messageId: message.id, code: cb.errorCode, kind: message.kind }, 'sms delivery failed');
    await ctx.jobs.enqueue([{ name: 'handle-delivery-failure', data: { messageId: message.id } }]).catch((err: unknown) => {
      ctx.log.warn({ err, messageId: message.id }, 'could not enqueue delivery failure; the sweeper will pick it up');
    });
  }
  return 'applied';
}

/**
 * An offer SMS whose sender has not recorded it yet (still queued or sending: a fast callback, or
 * a sender that crashed after the provider took it). The callback is then the first to know the
 * SMS left, so it opens the offer, in the same transaction as the status: never one without the other.
 */
function opensAnOffer(message: MessageRow, incoming: OutboundStatusName): boolean {
  return message.kind === 'offer' && message.offer_id !== null && isAtProvider(incoming)
    && (message.status === 'queued' || message.status === 'sending');
}

async function applyAndOpenOffer(ctx: ServiceContext, message: MessageRow, cb: StatusCallback, incoming: OutboundStatusName): Promise<boolean> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const row = await applyStatus(trx, message.id, cb.messageSid, incoming, statusesBelow(incoming), cb.errorCode ?? null, now);
    if (!row) return false;
    const opened = await openOffer(trx, ctx, effects, message.offer_id!, row.sent_at ?? now);
    if (opened) ctx.log.info({ messageId: message.id, offerId: message.offer_id }, 'offer opened by a status callback');
    return true;
  });
}
