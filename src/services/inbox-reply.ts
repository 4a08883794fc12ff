import type { Actor } from '../domain/access';
import { toGsmFriendly } from '../domain/sms-segments';
import { insertAuditEvent } from '../db/audit.repo';
import { findAttentionMessage } from '../db/inbox.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';

/** About four SMS segments: enough for an answer, short enough for an old phone. */
export const MAX_REPLY_LENGTH = 600;

export type InboxReplyResult =
  | { ok: true; smsId: string }
  | { ok: false; error: 'not_found' | 'empty' | 'too_long' | 'opted_out' | 'no_phone_number' };

/**
 * A coordinator answers an inbox message by SMS. The reply is written as an outbound row in the
 * same transaction as its audit event and leaves through the send queue (retries, delivery status),
 * like every other SMS.
 */
export async function replyToInboxMessage(ctx: ServiceContext, actor: Actor, messageId: string, text: string): Promise<InboxReplyResult> {
  const body = toGsmFriendly(text.trim()); // typographic quotes and dashes would force UCS-2 and cost segments
  if (!body) return { ok: false, error: 'empty' };
  if (body.length > MAX_REPLY_LENGTH) return { ok: false, error: 'too_long' };
  return runUseCase(ctx, async (trx, effects, now): Promise<InboxReplyResult> => {
    const message = await findAttentionMessage(trx, messageId);
    if (!message) return { ok: false, error: 'not_found' };
    // They texted STOP: the carrier would refuse (21610), and we must not write to them anyway.
    if (message.volunteerOptedOut) return { ok: false, error: 'opted_out' };
    const smsId = await effects.sms(trx, { to: message.fromPhone, body, kind: 'coordinator_reply', volunteerId: message.volunteerId, taskId: message.taskId });
    if (!smsId) return { ok: false, error: 'no_phone_number' };
    await insertAuditEvent(trx, actor, { action: 'inbox_replied', subjectType: 'message', subjectId: message.id, detail: { smsId } }, now);
    return { ok: true, smsId };
  });
}
