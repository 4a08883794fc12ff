import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import { cancelClaimedCall, claimCall, findCall, isCallSidOwnedByAnother, markCallFailed, markCallPlaced, releaseCall, type ClaimedCall } from '../db/call.repo';
import { moveOffer } from '../db/offer.repo';
import { lockTask } from '../db/task.repo';
import type { OutboundCall } from '../voice/voice-gateway';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { dropSendOfStaleOffer } from './drop-stale-offer';
import { fillTaskInTx } from './fill-task';
import { openOffer } from './open-offer';

export type PlaceCallOutcome = 'placed' | 'reconciled' | 'skipped' | 'failed';

/** Thrown for failures worth retrying; the job runner retries with backoff. */
export class RetryableCallError extends Error {
  constructor(readonly callId: string, readonly code: string, detail: string) {
    super(`call ${callId} not placed yet (${code}): ${detail}`);
    this.name = 'RetryableCallError';
  }
}

/** Slack when matching Twilio's record to ours (Twilio's clock, whole seconds). */
const RECONCILE_SLACK_MS = 5_000;

/**
 * The place-call job, built like send-sms: the claim (queued → placing, with a lease) gives one
 * placer at a time; an attempt that may have reached Twilio (a timeout, a 5xx, a crash after the
 * request) is looked up there first (the call to this number from ours since the attempt began that
 * no other row owns), so a call is never placed twice.
 */
export async function placeCall(ctx: ServiceContext, callId: string, isLastAttempt: boolean): Promise<PlaceCallOutcome> {
  const claimed = await claimCall(ctx.db, callId, ctx.now(), ctx.settings.smsSendLeaseSeconds);
  if (!claimed) return whyNotClaimed(ctx, callId);
  if (claimed.offer_id && !claimed.must_reconcile && await dropStaleOffer(ctx, claimed)) return 'skipped';

  const call: OutboundCall = { callId, to: claimed.to_phone, detectMachine: claimed.kind === 'offer' };
  if (claimed.must_reconcile) {
    const found = await findOwnCallAtTwilio(ctx, call, claimed);
    if (found) {
      await recordPlaced(ctx, claimed, found.providerSid, found.status);
      ctx.log.info({ callId }, 'call found at Twilio after an interrupted attempt; not placed again');
      return 'reconciled';
    }
  }
  const result = await ctx.voice.placeCall(call);
  if (result.ok) {
    await recordPlaced(ctx, claimed, result.providerSid, result.status);
    return 'placed';
  }
  if (result.retryable && !isLastAttempt) {
    await releaseCall(ctx.db, callId, result.code, result.ambiguous, ctx.now());
    throw new RetryableCallError(callId, result.code, result.message);
  }
  ctx.log.warn({ callId, code: result.code }, 'call could not be placed');
  await recordFailed(ctx, claimed, result.code);
  return 'failed';
}

async function findOwnCallAtTwilio(ctx: ServiceContext, call: OutboundCall, claimed: ClaimedCall) {
  const since = new Date(claimed.created_at.getTime() - RECONCILE_SLACK_MS);
  for (const candidate of await ctx.voice.findPlaced(call, since)) {
    if (!(await isCallSidOwnedByAnother(ctx.db, candidate.providerSid, claimed.id))) return candidate;
  }
  return undefined;
}

async function whyNotClaimed(ctx: ServiceContext, callId: string): Promise<PlaceCallOutcome> {
  const row = await findCall(ctx.db, callId);
  // Another placer holds a live lease: try again later rather than drop the job.
  if (row?.status === 'placing') throw new RetryableCallError(callId, 'in_flight', 'another placer holds it');
  return 'skipped'; // placed already, held for quiet hours (its delayed job comes), or cancelled
}

/**
 * A call is placed only while its offer stands (see dropSendOfStaleOffer). Open counts too: a
 * second call (after no answer) is for an offer that opened with the first.
 */
async function dropStaleOffer(ctx: ServiceContext, claimed: ClaimedCall): Promise<boolean> {
  const dropped = await dropSendOfStaleOffer(ctx, claimed.offer_id!, LIVE_OFFER_STATUSES, (trx, now) => cancelClaimedCall(trx, claimed.id, now));
  if (dropped) ctx.log.info({ callId: claimed.id, offerId: claimed.offer_id }, 'offer call cancelled unplaced: the offer no longer stands');
  return dropped;
}

/** Twilio has the call: record its SID and open the offer (its answer time starts now). */
async function recordPlaced(ctx: ServiceContext, claimed: ClaimedCall, sid: string, status: string): Promise<void> {
  await runUseCase(ctx, async (trx, effects, now) => {
    await markCallPlaced(trx, claimed.id, sid, status, now);
    if (claimed.task_id) effects.taskChanged(claimed.task_id);
    if (claimed.offer_id) await openOffer(trx, ctx, effects, claimed.offer_id, now);
  });
}

/** A permanent failure: the call failed, and the offer it carried fails so the next volunteer is asked. */
async function recordFailed(ctx: ServiceContext, claimed: ClaimedCall, code: string): Promise<void> {
  await runUseCase(ctx, async (trx, effects, now) => {
    await markCallFailed(trx, claimed.id, code, now);
    if (!claimed.offer_id || !claimed.task_id) return;
    await lockTask(trx, claimed.task_id);
    const failed = await moveOffer(trx, claimed.offer_id, 'fail', now, { close_reason: `call_${code}` });
    if (!failed) return;
    effects.taskChanged(claimed.task_id);
    await fillTaskInTx(trx, ctx, effects, claimed.task_id, now);
  });
}
