import { normalizePhone } from '../domain/phone';
import { insertInboundMedia, type InboundMedia } from '../db/inbound-media.repo';
import { insertInbound } from '../db/message.repo';
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

/**
 * What the SMS webhook (and the simulator) do before answering: store the message once, keyed on
 * its MessageSid, and schedule its handling. Returns whether this delivery was new.
 */
export async function recordInboundSms(ctx: Pick<ServiceContext, 'db' | 'jobs' | 'log' | 'now'>, sms: InboundSms): Promise<{ messageId?: string; duplicate: boolean }> {
  const from = normalizePhone(sms.from);
  const media = sms.media ?? [];
  // The message and its media links together, or neither: a retry of the webhook is a duplicate.
  const messageId = await inTransaction(ctx.db, async (trx) => {
    const id = await insertInbound(trx, {
      twilioSid: sms.messageSid,
      from: from.ok ? from.e164 : sms.from.trim(),
      to: sms.to,
      body: sms.body,
      volunteerId: null,
      providerOptOut: sms.optOutType,
      mediaCount: media.length,
    }, ctx.now());
    if (id) await insertInboundMedia(trx, id, media);
    return id;
  });
  if (!messageId) return { duplicate: true };
  try {
    await ctx.jobs.enqueue([{ name: 'handle-inbound-sms', data: { messageId } }]);
  } catch (err) {
    // Stored is what matters for the 200: the sweeper handles unprocessed messages.
    ctx.log.warn({ err, messageId }, 'could not enqueue inbound sms; the sweeper will pick it up');
  }
  return { messageId, duplicate: false };
}
