import { normalizePhone } from '../domain/phone';
import { insertInbound } from '../db/message.repo';
import type { ServiceContext } from './context';

export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
  /** Twilio's OptOutType: set when Twilio's own opt-out keywords (STOP, CANCEL, END, …) matched. */
  optOutType?: string;
}

/**
 * What the SMS webhook (and the simulator) do before answering: store the message once, keyed on
 * its MessageSid, and schedule its handling. Returns whether this delivery was new.
 */
export async function recordInboundSms(ctx: Pick<ServiceContext, 'db' | 'jobs' | 'log' | 'now'>, sms: InboundSms): Promise<{ messageId?: string; duplicate: boolean }> {
  const from = normalizePhone(sms.from);
  const messageId = await insertInbound(ctx.db, {
    twilioSid: sms.messageSid,
    from: from.ok ? from.e164 : sms.from.trim(),
    to: sms.to,
    body: sms.body,
    volunteerId: null,
    providerOptOut: sms.optOutType,
  }, ctx.now());
  if (!messageId) return { duplicate: true };
  try {
    await ctx.jobs.enqueue([{ name: 'handle-inbound-sms', data: { messageId } }]);
  } catch (err) {
    // Stored is what matters for the 200: the sweeper handles unprocessed messages.
    ctx.log.warn({ err, messageId }, 'could not enqueue inbound sms; the sweeper will pick it up');
  }
  return { messageId, duplicate: false };
}
