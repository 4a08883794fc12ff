import { isLiveOfferStatus } from '../domain/dispatch';
import { crossedWithNotice, decideReply, lateReplySince, type ReplyAction, type ReplyContext } from '../domain/reply-decision';
import { parseVolunteerCommand } from '../domain/volunteer-commands';
import { findAskedCheckIn } from '../db/assignment.repo';
import { renderText } from '../domain/messages';
import type { Queryable, Tx } from '../db/database';
import { claimInbound, countRecentOutboundOfKind, findMessage, listUnprocessedFrom, lockSender, markInboundOutcome, recordInboundFailure, setInboundAside } from '../db/message.repo';
import { shouldSetInboundAside } from '../domain/inbound-failures';
import { findLiveOffer, findReplyOffer, type Offer } from '../db/offer.repo';
import { lockTask, type Task } from '../db/task.repo';
import { findVolunteersByPhones, type Volunteer } from '../db/volunteer.repo';
import type { MessageRow } from '../db/schema';
import type { ServiceContext } from './context';
import { runUseCase, type Effects } from './effects';
import { applyReplyAction } from './apply-reply-action';
import { applyVolunteerCommand } from './apply-volunteer-command';
import { answerCheckInInTx, type CheckInAnswer } from './check-in';
import { applyReadingApart } from './apply-reply-reading';
import { readInboundReply, readingNeedsAttention, replyIntentOf, toReadingJson } from './read-inbound-reply';
import { findRequestersByPhones, type Requester } from '../db/requester.repo';
import { handleRequesterSms } from './requester-conversation';
import { unknownSenderReply } from './unknown-sender-reply';

/** At most this many automatic hints / notices per number and hour: auto-responders must not loop with us. */
const AUTO_REPLIES_PER_HOUR = 2;

export type InboundOutcome = 'already_processed' | 'set_aside' | 'unknown_sender' | 'requester' | 'media' | 'command' | 'check_in' | 'withdraw' | 'help_question' | ReplyAction['type'] | 'none';

/**
 * The handle-inbound-sms job. Claiming a message and every effect of the reply happen in one
 * transaction, so a crash either does all of it or none, and a second run finds it processed.
 * One sender's messages are handled one at a time and in the order they arrived: a JA and a NEI
 * sent a second apart never race, and the auto-reply throttle counts what was really sent.
 */
export async function handleInboundSms(ctx: ServiceContext, messageId: string): Promise<InboundOutcome> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const message = await findMessage(trx, messageId);
    if (!message || message.direction !== 'inbound') return 'already_processed';
    await lockSender(trx, message.from_phone);
    let outcome: InboundOutcome = 'already_processed';
    for (const id of await listUnprocessedFrom(trx, message.from_phone, messageId)) {
      const handled = await handleOne(trx, ctx, effects, id, now).catch((err: unknown) => {
        throw new InboundHandlingError(id, err);
      });
      if (id === messageId) outcome = handled;
    }
    return outcome;
  });
}

/** Handling this inbound message failed: `messageId` is the one that failed, which may be an earlier message of the sender than the one asked for. */
export class InboundHandlingError extends Error {
  constructor(readonly messageId: string, cause: unknown) {
    super(`inbound sms ${messageId} could not be handled: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'InboundHandlingError';
  }
}

/**
 * handleInboundSms, counting the failures of the message that failed; one that has failed often
 * enough for long enough (domain/inbound-failures.ts) is set aside for a coordinator, and the one
 * asked for is then tried once more, no longer held up behind it. Other failures are thrown as
 * they came, for the caller's retry (a job's backoff, the drain's pause).
 */
export async function handleInboundSmsOrSetAside(ctx: ServiceContext, messageId: string): Promise<InboundOutcome> {
  try {
    return await handleInboundSms(ctx, messageId);
  } catch (err) {
    if (!(err instanceof InboundHandlingError)) throw err;
    const now = ctx.now();
    // Counting must not hide the failure itself: when the count cannot be written, the failure is what is thrown.
    const failures = await recordInboundFailure(ctx.db, err.messageId, now).catch(() => undefined);
    if (!failures || !shouldSetInboundAside(failures, now)) throw err;
    if (await setInboundAside(ctx.db, err.messageId, now, await knownSenderOf(ctx, failures.fromPhone))) {
      ctx.log.error({ err, messageId: err.messageId, failures: failures.failures, since: failures.firstFailureAt }, 'an inbound sms kept failing: set aside for a coordinator in Innboks');
    }
    if (err.messageId === messageId) return 'set_aside';
    return handleInboundSms(ctx, messageId);
  }
}

/** Whose the number is, for Innboks; nobody's when even that cannot be read. */
async function knownSenderOf(ctx: ServiceContext, phone: string): Promise<{ volunteerId: string | null; requesterId: string | null }> {
  try {
    const sender = await identifySender(ctx.db, phone);
    return {
      volunteerId: sender.kind === 'volunteer' ? sender.volunteer.id : null,
      requesterId: sender.kind === 'requester' ? sender.requester.id : null,
    };
  } catch {
    return { volunteerId: null, requesterId: null };
  }
}

/** Who wrote: a registered requester's number, a volunteer's, or neither. */
export type InboundSender = { kind: 'requester'; requester: Requester } | { kind: 'volunteer'; volunteer: Volunteer } | { kind: 'unknown' };

/**
 * Who wrote from each of these numbers (a round looks up all its senders at once). A requester's
 * number is a conversation of its own, even when a volunteer has it too.
 */
export async function identifySenders(db: Queryable, phones: readonly string[]): Promise<Map<string, InboundSender>> {
  const requesters = await findRequestersByPhones(db, phones);
  const volunteers = await findVolunteersByPhones(db, phones.filter((p) => !requesters.has(p)));
  return new Map(phones.map((phone): [string, InboundSender] => {
    const requester = requesters.get(phone);
    if (requester) return [phone, { kind: 'requester', requester }];
    const volunteer = volunteers.get(phone);
    return [phone, volunteer ? { kind: 'volunteer', volunteer } : { kind: 'unknown' }];
  }));
}

export async function identifySender(db: Queryable, phone: string): Promise<InboundSender> {
  return (await identifySenders(db, [phone])).get(phone)!;
}

async function handleOne(trx: Tx, ctx: ServiceContext, effects: Effects, messageId: string, now: Date): Promise<InboundOutcome> {
  const message = await claimInbound(trx, messageId, now);
  if (!message) return 'already_processed';
  const handledAt = handlingTime(now, [message]);
  effects.notBefore(handledAt);
  return handleClaimedInbound(trx, ctx, effects, message, await identifySender(trx, message.from_phone), handledAt);
}

/**
 * When messages are handled: never before one of them arrived, so that a reply is never dated
 * before its message (the task's timeline orders by time). A clock read before the claim can be:
 * a drain round claims messages committed after it began, and a web process's clock may run ahead.
 */
export function handlingTime(now: Date, messages: readonly { created_at: Date }[]): Date {
  return new Date(Math.max(now.getTime(), ...messages.map((m) => m.created_at.getTime())));
}

/**
 * Everything a message causes, once it is claimed, its sender's lock is held and its sender is
 * known: the one statement of how an inbound SMS is handled, for one job or a batch.
 */
export async function handleClaimedInbound(trx: Tx, ctx: ServiceContext, effects: Effects, message: MessageRow, sender: InboundSender, now: Date): Promise<InboundOutcome> {
  const messageId = message.id;
  if (sender.kind === 'requester') {
    await handleRequesterSms(trx, ctx, effects, sender.requester, message, now);
    return 'requester';
  }
  if (sender.kind === 'unknown') return handleUnknownSender(trx, ctx, effects, message, now);
  const { volunteer } = sender;
  if (isMediaOnly(message)) return handleMediaOnly(trx, effects, message, volunteer, now);

  const command = message.provider_opt_out ? undefined : parseVolunteerCommand(message.body, volunteer.language);
  if (command) {
    await markInboundOutcome(trx, message.id, { classification: `command:${command.kind}`, needsAttention: false, volunteerId: volunteer.id });
    await applyVolunteerCommand(trx, ctx, effects, volunteer, command, now);
    ctx.log.info({ messageId, volunteerId: volunteer.id, command: command.kind }, 'volunteer keyword handled');
    return 'command';
  }
  const checkIn = await checkInAnswerOf(trx, volunteer, message.body);
  if (checkIn) {
    await markInboundOutcome(trx, message.id, { classification: `check_in:${checkIn.outcome}`, needsAttention: false, volunteerId: volunteer.id });
    await answerCheckInInTx(trx, effects, volunteer, checkIn, now);
    return 'check_in';
  }

  // The whole message is read in its context; withdrawals and help questions are handled apart.
  const read = await readInboundReply(trx, volunteer, message, now);
  const throttle = () => underAutoReplyLimit(trx, volunteer.phone, now);
  if (read.reading.intent === 'withdraw' || read.reading.intent === 'help_question') {
    const apart = await applyReadingApart(trx, ctx, effects, volunteer, read, now, throttle);
    await markInboundOutcome(trx, message.id, { classification: read.reading.intent, needsAttention: apart.needsAttention, volunteerId: volunteer.id, taskId: apart.taskId, reading: toReadingJson(read) });
    return read.reading.intent;
  }
  const intent = replyIntentOf(read.reading);
  const { context, task } = await loadReplyContext(trx, volunteer, message.created_at, now, { offer: read.replyOffer });
  const action = decideReply(intent, context);
  const needsAttention = action.type === 'unclear' || readingNeedsAttention(read.reading);
  await markInboundOutcome(trx, message.id, { classification: intent, needsAttention, volunteerId: volunteer.id, taskId: task?.id, reading: toReadingJson(read) });
  if (task) effects.taskChanged(task.id);
  await applyReplyAction(trx, ctx, effects, { action, volunteer, task, now, throttle });
  ctx.log.info({ messageId, volunteerId: volunteer.id, intent, action: action.type }, 'inbound sms handled');
  return action.type;
}

const CHECK_IN_DIGIT = /^\s*([12])[\s.!]*$/;

/**
 * "1" or "2" answers the check-in question when one is waiting, unless an offer arrived after it:
 * then the digit answers the offer (1 = JA, 2 = NEI), as the volunteer's latest SMS asked.
 */
async function checkInAnswerOf(trx: Tx, volunteer: Volunteer, body: string): Promise<{ assignmentId: string; outcome: CheckInAnswer } | undefined> {
  const digit = CHECK_IN_DIGIT.exec(body)?.[1];
  if (!digit) return undefined;
  const asked = await findAskedCheckIn(trx, volunteer.id);
  if (!asked) return undefined;
  const live = await findLiveOffer(trx, volunteer.id);
  if (live && (live.sentAt ?? live.createdAt) > asked.askedAt) return undefined;
  return { assignmentId: asked.id, outcome: digit === '1' ? 'ok' : 'follow_up' };
}

/**
 * Reads the volunteer's live or recent offer with its task locked (task -> offers is the lock
 * order everywhere), so the decision is made on rows nobody else can change until we commit.
 * `readBefore` is that offer as an unlocked read already found it (readInboundReply): where to
 * start; the read after the lock decides.
 */
export async function loadReplyContext(
  trx: Tx, volunteer: Volunteer, receivedAt: Date, now: Date, readBefore?: { offer: Offer | undefined },
): Promise<{ context: ReplyContext; task?: Task }> {
  const since = lateReplySince(now);
  const findOffer = async () => (await findReplyOffer(trx, volunteer.id, since))?.offer;
  let offer = readBefore ? readBefore.offer : await findOffer();
  for (let attempt = 0; attempt < 3; attempt++) {
    const taskId = offer?.taskId;
    if (!taskId) break;
    const task = await lockTask(trx, taskId);
    const fresh = await findOffer();
    if (task && fresh?.taskId === taskId) return { context: toReplyContext(volunteer, fresh, task, receivedAt), task };
    offer = fresh; // a new offer arrived while we waited for the lock: lock its task instead
  }
  return { context: { optedOut: volunteer.optedOut } };
}

function toReplyContext(volunteer: Volunteer, offer: Offer, task: Task, receivedAt: Date): ReplyContext {
  if (isLiveOfferStatus(offer.status)) return { optedOut: volunteer.optedOut, liveOffer: { offerId: offer.id, taskId: offer.taskId } };
  return {
    optedOut: volunteer.optedOut,
    recentOffer: {
      offerId: offer.id,
      taskId: offer.taskId,
      offerStatus: offer.status,
      taskStatus: task.status,
      crossedWithNotice: crossedWithNotice(offer.closedAt, receivedAt),
    },
  };
}

/** An MMS with no text: nothing to read as an answer (its media links are kept in inbound_media). */
function isMediaOnly(message: MessageRow): boolean {
  return message.media_count > 0 && message.body.trim() === '';
}

/** Never an empty unclear reply: a coordinator sees it, and the sender learns that only text is read. */
async function handleMediaOnly(trx: Tx, effects: Effects, message: MessageRow, volunteer: Volunteer, now: Date): Promise<InboundOutcome> {
  await markInboundOutcome(trx, message.id, { classification: 'media', needsAttention: true, volunteerId: volunteer.id });
  if (await underAutoReplyLimit(trx, volunteer.phone, now)) {
    await effects.sms(trx, { to: volunteer.phone, body: renderText(volunteer.language, 'media_not_read', {}), kind: 'media_not_read', volunteerId: volunteer.id });
  }
  return 'media';
}

async function handleUnknownSender(trx: Tx, ctx: ServiceContext, effects: Effects, message: MessageRow, now: Date): Promise<InboundOutcome> {
  const answer = unknownSenderReply(message, ctx.settings.coordinatorPhone);
  await markInboundOutcome(trx, message.id, { classification: answer.classification, needsAttention: true, volunteerId: null });
  ctx.log.info({ messageId: message.id, classification: answer.classification }, 'sms from an unknown number kept for a coordinator');
  if (await underAutoReplyLimit(trx, message.from_phone, now)) {
    // Only a picture: say that only text is read (in Norwegian, as nobody knows their language).
    const media = isMediaOnly(message);
    await effects.sms(trx, { to: message.from_phone, body: media ? renderText('nb', 'media_not_read', {}) : answer.body, kind: media ? 'media_not_read' : answer.kind });
  }
  return 'unknown_sender';
}

async function underAutoReplyLimit(trx: Tx, phone: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - 3600 * 1000);
  return (await countRecentOutboundOfKind(trx, phone, ['hint_offer', 'hint_general', 'unknown_sender', 'help_who', 'media_not_read', 'request_forwarded'], since)) < AUTO_REPLIES_PER_HOUR;
}
