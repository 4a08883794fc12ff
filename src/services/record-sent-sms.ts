import { addActiveMinutes } from '../domain/quiet-hours';
import { mapProviderStatus, type OutboundStatusName } from '../domain/sms-status';
import { markOutboundSent, type ClaimedSms } from '../db/message.repo';
import { markSentAndOpenOffer } from '../db/open-offer.repo';
import type { ServiceContext } from './context';
import { Effects, flushEffects, runUseCase } from './effects';
import { waveTimerAt, waveTimerJob, WAVE_TIMER_STEP_MS } from './expire-offers';
import { openOffer } from './open-offer';

/**
 * Records a message the provider took. An offer SMS also opens its offer (its answer window starts
 * now), in the same statement as the message is marked sent, so a crash never leaves one without
 * the other; the offer's expiry timer is enqueued after it, unless a wave-mate's timer already
 * stands for it.
 */
export async function recordSent(ctx: ServiceContext, claimed: ClaimedSms, providerSid: string, providerStatus: string): Promise<void> {
  const status = mapProviderStatus(providerStatus) ?? 'sent';
  if (claimed.kind === 'offer' && claimed.offer_id) {
    await recordOfferSent(ctx, claimed, claimed.offer_id, providerSid, status);
    return;
  }
  // One statement needs no transaction; the task page hears of it once it is stored.
  await markOutboundSent(ctx.db, claimed.id, providerSid, status, ctx.now());
  if (claimed.task_id) await flushEffects(ctx, withTaskChanged(ctx, claimed.task_id));
}

async function recordOfferSent(ctx: ServiceContext, claimed: ClaimedSms, offerId: string, providerSid: string, status: OutboundStatusName): Promise<void> {
  const timeoutMinutes = claimed.offer_timeout_minutes;
  // A volunteer to be called if silent gets the follow-up timer too: the long way, in a transaction.
  if (timeoutMinutes === null || claimed.contact_preference === 'sms_then_call') {
    await recordOfferSentInTx(ctx, claimed, offerId, providerSid, status);
    return;
  }
  const sentAt = ctx.now();
  const expiresAt = addActiveMinutes(ctx.settings.quietHours, sentAt, timeoutMinutes);
  const timerTo = waveTimerAt(expiresAt);
  const result = await markSentAndOpenOffer(ctx.db, {
    messageId: claimed.id, offerId, providerSid, status, sentAt, expiresAt, timeoutMinutes,
    timerFrom: new Date(timerTo.getTime() - WAVE_TIMER_STEP_MS), timerTo,
  });
  if (result.stillPending) {
    // The task's answer time was edited, or the volunteer's preference changed, since the claim.
    await runUseCase(ctx, (trx, effects) => openOffer(trx, ctx, effects, offerId, sentAt));
    return;
  }
  const effects = withTaskChanged(ctx, claimed.task_id ?? result.taskId);
  // A wave-mate opened earlier has this timer: its job was enqueued after its commit (or, had that
  // process died first, the sweeper re-derives it from the deadlines, this offer's included).
  if (result.opened && result.taskId && !result.timerShared) effects.add(waveTimerJob(result.taskId, expiresAt));
  await flushEffects(ctx, effects);
}

async function recordOfferSentInTx(ctx: ServiceContext, claimed: ClaimedSms, offerId: string, providerSid: string, status: OutboundStatusName): Promise<void> {
  await runUseCase(ctx, async (trx, effects, now) => {
    await markOutboundSent(trx, claimed.id, providerSid, status, now);
    if (claimed.task_id) effects.taskChanged(claimed.task_id);
    await openOffer(trx, ctx, effects, offerId, now);
  });
}

function withTaskChanged(ctx: ServiceContext, taskId: string | null): Effects {
  const effects = new Effects(ctx, ctx.now());
  if (taskId) effects.taskChanged(taskId);
  return effects;
}
