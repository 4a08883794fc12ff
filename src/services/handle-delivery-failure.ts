import { findMessage } from '../db/message.repo';
import { isDeliveryFailure, type OutboundStatusName } from '../domain/sms-status';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { closeOfferOfFailedMessage } from './send-sms';

/** The handle-delivery-failure job: a failed/undelivered status callback closes the offer and moves on. */
export async function handleDeliveryFailure(ctx: ServiceContext, messageId: string): Promise<void> {
  await runUseCase(ctx, async (trx, effects, now) => {
    const message = await findMessage(trx, messageId);
    if (!message || !isDeliveryFailure(message.status as OutboundStatusName)) return;
    await closeOfferOfFailedMessage(trx, ctx, effects, messageId, message.error_code, now);
  });
}
