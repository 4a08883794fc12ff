import { isAtProvider, mapProviderStatus, type OutboundStatusName } from '../domain/sms-status';
import type { Tx } from '../db/database';
import { cancelClaimedOutbound, claimOutboundMany, findMessage, markOutboundFailed, recordOfferSmsSent, releaseOutbound, type ClaimedSms } from '../db/message.repo';
import { findOffer, moveOffer } from '../db/offer.repo';
import { lockTask } from '../db/task.repo';
import { findVolunteer, markOptedOut } from '../db/volunteer.repo';
import { isOptOutCode } from '../sms/twilio-errors';
import type { OutboundSms } from '../sms/sms-gateway';
import type { ServiceContext } from './context';
import { runOneStatementUseCase, runUseCase, type Effects } from './effects';
import { dropSendOfStaleOffer } from './drop-stale-offer';
import { fillTaskInTx } from './fill-task';
import { answerDeadline, offerOpened, openOffer } from './open-offer';
import type { ItemOutcome } from '../micro-batcher';

export type SendOutcome = 'sent' | 'reconciled' | 'skipped' | 'failed';

/** Thrown for failures worth retrying; the job runner retries with backoff. */
export class RetryableSendError extends Error {
  constructor(readonly messageId: string, readonly code: string, detail: string) {
    super(`sms ${messageId} not sent yet (${code}): ${detail}`);
    this.name = 'RetryableSendError';
  }
}

/** Seconds of slack when matching a provider's record to ours (the provider's clock, whole seconds). */
const RECONCILE_SLACK_MS = 5_000;

/** One send-sms job: its message, and whether a retryable failure still has a retry left. */
export interface SendRequest { messageId: string; isLastAttempt: boolean }

/**
 * The send-sms job. The claim (queued -> sending, with a lease) makes sure only one sender works
 * on a message at a time; a message whose previous attempt may have reached the provider is
 * looked up there first, so a crash or timeout never sends it twice.
 */
export async function sendSms(ctx: ServiceContext, messageId: string, isLastAttempt: boolean): Promise<SendOutcome> {
  const [outcome] = await sendSmsBatch(ctx, [{ messageId, isLastAttempt }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.value;
}

/**
 * sendSms for the jobs a worker runs at once (workers/processors.ts batches them): the messages
 * are claimed in one statement, go to the provider side by side, and those sent are recorded,
 * with their offers opened, in one statement once the last of them is back (a slow answer from
 * the provider holds the batch's record, within the send timeout). Every message keeps its own
 * job and its own outcome; a failure of the record fails the jobs of that batch, and their retries
 * find their messages at the provider (the lease, then the reconcile) rather than send them again.
 */
export async function sendSmsBatch(ctx: ServiceContext, requests: readonly SendRequest[]): Promise<ItemOutcome<SendOutcome>[]> {
  const claimedAt = ctx.now();
  const claimed = new Map((await claimOutboundMany(ctx.db, requests.map((r) => r.messageId), claimedAt, ctx.settings.smsSendLeaseSeconds)).map((c) => [c.id, c]));
  // A claim serves one request: a message asked for twice in one batch is sent once.
  const take = (id: string) => {
    const c = claimed.get(id);
    claimed.delete(id);
    return c;
  };
  const claims = requests.map((r) => take(r.messageId));
  const sent: SentSms[] = [];
  const outcomes: ItemOutcome<SendOutcome>[] = new Array(requests.length);
  await Promise.all(byRecipient(requests, claims).map(async (positions) => {
    for (const [k, i] of positions.entries()) {
      outcomes[i] = await settle(() => (k > 0 && halfTheLeaseGone(ctx, claimedAt)
        ? releaseForLater(ctx, requests[i]!.messageId)
        : sendClaimed(ctx, requests[i]!, claims[i], sent)));
    }
  }));
  if (sent.length === 0) return outcomes;
  const recorded = await settle(() => recordSent(ctx, sent));
  if (recorded.ok) return outcomes;
  const unrecorded = new Set(sent.map((s) => s.claimed.id));
  return outcomes.map((o, i) => (o.ok && unrecorded.has(requests[i]!.messageId) ? { ok: false, error: recorded.error } : o));
}

interface SentSms { claimed: ClaimedSms; providerSid: string; providerStatus: string }

/**
 * The batch's positions grouped by recipient, each group oldest message first: one number's SMS
 * go to the provider one after another, in the order they were written (a withdrawal before the
 * next offer, a reply before the next), while different numbers' go side by side. Unclaimed
 * requests (nothing to send) stand alone.
 */
function byRecipient(requests: readonly SendRequest[], claims: readonly (ClaimedSms | undefined)[]): number[][] {
  const groups = new Map<string, number[]>();
  claims.forEach((claim, i) => {
    const key = claim ? `to:${claim.to_phone}` : `unclaimed:${i}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const age = (i: number) => BigInt(requests[i]!.messageId);
  return [...groups.values()].map((positions) => positions.sort((a, b) => (age(a) < age(b) ? -1 : age(a) > age(b) ? 1 : 0)));
}

/** Why an SMS was released unsent: its number's earlier SMS in the batch was slow to go. */
const QUEUED_BEHIND = 'queued_behind';

/**
 * A send may take half the lease (the gateway's timeout), and the batch records what it sent
 * within the lease: an SMS that waited behind its number's earlier one for half of it goes later.
 */
function halfTheLeaseGone(ctx: ServiceContext, claimedAt: Date): boolean {
  return ctx.now().getTime() - claimedAt.getTime() >= (ctx.settings.smsSendLeaseSeconds * 1000) / 2;
}

async function releaseForLater(ctx: ServiceContext, messageId: string): Promise<never> {
  await releaseOutbound(ctx.db, messageId, QUEUED_BEHIND, false, ctx.now());
  throw new RetryableSendError(messageId, QUEUED_BEHIND, 'an earlier sms to the same number took half the lease');
}

async function settle<T>(work: () => Promise<T>): Promise<ItemOutcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** One claimed message to the provider. What reached it in one call is pushed to `sent`, to be recorded with the batch. */
async function sendClaimed(ctx: ServiceContext, { messageId, isLastAttempt }: SendRequest, claimed: ClaimedSms | undefined, sent: SentSms[]): Promise<SendOutcome> {
  if (!claimed) return whyNotClaimed(ctx, messageId);
  if (claimed.kind === 'offer' && claimed.offer_id && !claimed.must_reconcile && await dropStaleOffer(ctx, claimed)) return 'skipped';

  const sms: OutboundSms = { messageId, to: claimed.to_phone, body: claimed.body };
  if (claimed.must_reconcile) {
    const since = new Date(claimed.created_at.getTime() - RECONCILE_SLACK_MS);
    const found = await ctx.sms.findSent(sms, since);
    if (found) {
      await recordSent(ctx, [{ claimed, providerSid: found.providerSid, providerStatus: found.status }]);
      ctx.log.info({ messageId }, 'sms found at the provider after an interrupted attempt; not sent again');
      return 'reconciled';
    }
  }

  const result = await ctx.sms.send(sms);
  if (result.ok) {
    const done = { claimed, providerSid: result.providerSid, providerStatus: result.status };
    // A reconciled message made two calls to the provider, each up to half the lease: it records
    // alone, so the batch's record never waits past the lease of a message that made one.
    if (claimed.must_reconcile) await recordSent(ctx, [done]);
    else sent.push(done);
    return 'sent';
  }
  if (result.retryable && !isLastAttempt) {
    await releaseOutbound(ctx.db, messageId, result.code, result.ambiguous, ctx.now());
    throw new RetryableSendError(messageId, result.code, result.message);
  }
  ctx.log.warn({ messageId, code: result.code, kind: claimed.kind }, 'sms could not be sent');
  await recordFailed(ctx, messageId, result.code);
  return 'failed';
}

/** An offer SMS is sent only while its offer is still pending (see dropSendOfStaleOffer), as the claim read it. */
async function dropStaleOffer(ctx: ServiceContext, claimed: ClaimedSms): Promise<boolean> {
  const standing = { offerStatus: claimed.offer_status, taskStatus: claimed.task_status, startsAt: claimed.task_starts_at };
  const dropped = await dropSendOfStaleOffer(ctx, claimed.offer_id!, ['pending'], (trx, now) => cancelClaimedOutbound(trx, claimed.id, now), standing);
  if (dropped) ctx.log.info({ messageId: claimed.id, offerId: claimed.offer_id }, 'offer sms cancelled unsent: the offer no longer stands');
  return dropped;
}

async function whyNotClaimed(ctx: ServiceContext, messageId: string): Promise<SendOutcome> {
  const row = await findMessage(ctx.db, messageId);
  // Another sender holds a live lease: try again later rather than drop the job.
  if (row?.status === 'sending') throw new RetryableSendError(messageId, 'in_flight', 'another sender holds it');
  // The provider has it (a status callback came before a crashed sender could record it): its
  // offer must still open, or it would wait for an answer nobody times out.
  if (row?.kind === 'offer' && row.offer_id && isAtProvider(row.status as OutboundStatusName)) {
    const offerId = row.offer_id;
    const opened = await runUseCase(ctx, (trx, effects, now) => openOffer(trx, ctx, effects, offerId, row.sent_at ?? now));
    if (opened) ctx.log.info({ messageId, offerId }, 'offer opened for an sms the provider already had');
  }
  return 'skipped';
}

/**
 * The batch's sent messages recorded, and the offers they carried opened, in one statement. The
 * answer time and contact preference are as the claim read them, a moment before.
 */
async function recordSent(ctx: ServiceContext, sent: readonly SentSms[]): Promise<void> {
  await runOneStatementUseCase(ctx, async (db, effects, now) => {
    const offers = new Map(sent.flatMap(({ claimed: c }) => (c.kind === 'offer' && c.offer_id && c.offer_timeout_minutes !== null
      ? [[c.offer_id, { id: c.offer_id, sentAt: now, expiresAt: answerDeadline(ctx, now, c.offer_timeout_minutes), claimed: c }] as const] : [])));
    const messages = sent.map((s) => ({ id: s.claimed.id, providerSid: s.providerSid, status: mapProviderStatus(s.providerStatus) ?? 'sent' }));
    for (const { claimed } of sent) if (claimed.task_id) effects.taskChanged(claimed.task_id);
    for (const offer of await recordOfferSmsSent(db, messages, [...offers.values()], now)) {
      const { expiresAt, claimed } = offers.get(offer.id)!;
      offerOpened(ctx, effects, { offer, expiresAt, sentAt: now, offerTimeoutMinutes: claimed.offer_timeout_minutes!, contactPreference: claimed.contact_preference ?? 'sms' });
    }
  });
}

/** A permanent failure: the message is failed, and an offer it carried closes so the next volunteer is asked. */
async function recordFailed(ctx: ServiceContext, messageId: string, code: string): Promise<void> {
  await runUseCase(ctx, async (trx, effects, now) => {
    await markOutboundFailed(trx, messageId, code, now);
    await closeOfferOfFailedMessage(trx, ctx, effects, messageId, code, now);
  });
}

/** Shared with delivery-failure callbacks: fails the offer a message carried and refills its task. */
export async function closeOfferOfFailedMessage(trx: Tx, ctx: ServiceContext, effects: Effects, messageId: string, code: string | null, now: Date): Promise<void> {
  const message = await findMessage(trx, messageId);
  if (!message) return;
  if (isOptOutCode(code) && message.volunteer_id) {
    const volunteer = await findVolunteer(trx, message.volunteer_id);
    if (volunteer && !volunteer.optedOut) await markOptedOut(trx, volunteer.id, now);
  }
  if (message.kind !== 'offer' || !message.offer_id) return;
  const offer = await findOffer(trx, message.offer_id);
  if (!offer) return;
  await lockTask(trx, offer.taskId);
  const failed = await moveOffer(trx, offer.id, 'fail', now, { close_reason: `sms_${code ?? 'failed'}` });
  if (!failed) return;
  effects.taskChanged(offer.taskId);
  await fillTaskInTx(trx, ctx, effects, offer.taskId, now);
}
