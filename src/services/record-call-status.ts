import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import { isTwilioCallStatus, isUnansweredCallStatus } from '../domain/voice/call-status';
import type { Tx } from '../db/database';
import { applyCallStatus, claimCallSid, countCallsOfOffer, findCall, type Call } from '../db/call.repo';
import { findOffer } from '../db/offer.repo';
import type { ServiceContext } from './context';
import { runUseCase, type Effects } from './effects';
import { findTask } from '../db/task.repo';
import { queueOfferCall, sendsDespiteQuietHours } from './offer-by-call';

export interface CallStatusReport {
  callId: string;
  callSid: string;
  callStatus: string;
  durationSeconds?: number;
}

export type CallStatusOutcome = 'applied' | 'duplicate' | 'unknown';

/**
 * A call status callback: stored once per call and status (Twilio may post one twice, or late),
 * and the call's status only moves forward. A callback for a SID that is not this call's is
 * acknowledged and ignored.
 */
export async function recordCallStatus(ctx: ServiceContext, r: CallStatusReport): Promise<CallStatusOutcome> {
  if (!isTwilioCallStatus(r.callStatus)) return 'unknown';
  return runUseCase(ctx, async (trx, effects, now) => {
    const call = await findCall(trx, r.callId);
    if (!call || !(await claimCallSid(trx, call.id, r.callSid, now))) return 'unknown';
    const { first, moved } = await applyCallStatus(trx, call, r.callStatus, { durationSeconds: r.durationSeconds }, now);
    if (moved && call.task_id) effects.taskChanged(call.task_id);
    if (moved && isUnansweredCallStatus(r.callStatus)) await retryUnansweredOfferCall(trx, ctx, effects, call, now);
    return first ? 'applied' : 'duplicate';
  });
}

/** No answer, busy or failed: one more call after 10 minutes, if the offer still waits that long. */
export const CALL_RETRY_AFTER_MS = 10 * 60_000;

async function retryUnansweredOfferCall(trx: Tx, ctx: ServiceContext, effects: Effects, call: Call, now: Date): Promise<void> {
  if (call.kind !== 'offer' || !call.offer_id || !call.task_id || !call.volunteer_id) return;
  if ((await countCallsOfOffer(trx, call.offer_id)) > 1) return; // this was the retry already
  const offer = await findOffer(trx, call.offer_id);
  const retryAt = new Date(now.getTime() + CALL_RETRY_AFTER_MS);
  // Within the answer time only; past it the offer expires as usual (the retry would be pointless).
  if (!offer || !LIVE_OFFER_STATUSES.includes(offer.status) || !offer.expiresAt || offer.expiresAt <= retryAt) return;
  const task = await findTask(trx, call.task_id);
  const despiteQuietHours = task !== undefined && sendsDespiteQuietHours(task, retryAt);
  await queueOfferCall(trx, ctx, effects, { offerId: offer.id, taskId: call.task_id, volunteerId: call.volunteer_id, phone: call.to_phone }, now, { notBefore: retryAt, despiteQuietHours });
  ctx.log.info({ callId: call.id, offerId: offer.id }, 'offer call unanswered; calling once more in 10 minutes');
}
