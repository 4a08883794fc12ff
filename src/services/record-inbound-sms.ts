import { normalizePhone } from '../domain/phone';
import { insertInboundMedia, type InboundMedia } from '../db/inbound-media.repo';
import { insertInbound, type InboundDraft } from '../db/message.repo';
import type { Db } from '../db/database';
import { inTransaction } from '../db/transaction';
import type { ServiceContext } from './context';

export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
  /** Twilio's OptOutType: set when Twilio's own opt-out keywords (STOP, CANCEL, END, …) matched. */
  optOutType?: string;
  /** MMS: the pictures or files that came with it (at most 10). */
  media?: readonly InboundMedia[];
}

/** What storing one delivery came to: `messageId` is absent only for a duplicate whose row is gone. */
export interface RecordedInbound { messageId?: string; duplicate: boolean }

/** The row an inbound SMS is stored as (the sender's number in E.164 when it reads as one). */
export function inboundDraftOf(sms: InboundSms): InboundDraft {
  const from = normalizePhone(sms.from);
  return {
    twilioSid: sms.messageSid,
    from: from.ok ? from.e164 : sms.from.trim(),
    to: sms.to,
    body: sms.body,
    volunteerId: null,
    providerOptOut: sms.optOutType,
    mediaCount: sms.media?.length ?? 0,
  };
}

/** Stores one message and its media links, or neither; undefined when its MessageSid was stored before. */
export async function storeInboundSms(db: Db, sms: InboundSms, now: Date): Promise<string | undefined> {
  // The message and its media links together, or neither: a retry of the webhook is a duplicate.
  return inTransaction(db, async (trx) => {
    const id = await insertInbound(trx, inboundDraftOf(sms), now);
    if (id) await insertInboundMedia(trx, id, sms.media ?? []);
    return id;
  });
}

/**
 * What the simulator does before answering (the webhook does the same for many at once, see
 * record-inbound-batch.ts): store the message once, keyed on its MessageSid, and wake the
 * inbound drains. Returns whether this delivery was new.
 */
export async function recordInboundSms(ctx: Pick<ServiceContext, 'db' | 'inbound' | 'now'>, sms: InboundSms): Promise<RecordedInbound> {
  const messageId = await storeInboundSms(ctx.db, sms, ctx.now());
  if (!messageId) return { duplicate: true };
  ctx.inbound.arrived();
  return { messageId, duplicate: false };
}
