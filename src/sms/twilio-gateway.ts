import twilio from 'twilio';
import type { TwilioConfig } from '../config';
import type { OutboundSms, SendResult, SmsGateway } from './sms-gateway';
import { TwilioHttpClient } from './twilio-http-client';
import { classifyTwilioFailure } from './twilio-errors';

export interface TwilioGatewayOptions {
  config: TwilioConfig;
  publicBaseUrl: string;
  timeoutMs: number;
}

export function statusCallbackUrl(publicBaseUrl: string, messageId: string): string {
  return `${publicBaseUrl}/webhooks/twilio/status?m=${encodeURIComponent(messageId)}`;
}

export function createTwilioGateway(opts: TwilioGatewayOptions): SmsGateway {
  const { config } = opts;
  const httpClient = new TwilioHttpClient({ baseUrl: config.apiBaseUrl, timeoutMs: opts.timeoutMs });
  const client = twilio(config.accountSid, config.authToken, { httpClient });
  const sender = config.messagingServiceSid
    ? { messagingServiceSid: config.messagingServiceSid }
    : { from: config.fromNumber };

  return {
    name: 'twilio',
    async send(sms: OutboundSms): Promise<SendResult> {
      try {
        const msg = await client.messages.create({
          to: sms.to,
          body: sms.body,
          statusCallback: statusCallbackUrl(opts.publicBaseUrl, sms.messageId),
          ...sender,
        });
        return { ok: true, providerSid: msg.sid, status: msg.status };
      } catch (err) {
        const e = err as { status?: number; code?: number; message?: string };
        const status = typeof e.status === 'number' ? e.status : undefined;
        const code = typeof e.code === 'number' ? e.code : undefined;
        return {
          ok: false,
          ...classifyTwilioFailure(status),
          code: String(code ?? status ?? 'network'),
          message: e.message ?? String(err),
        };
      }
    },
    async findSent(sms: OutboundSms, since: Date) {
      // Not filtered on DateSent: a message Twilio has accepted but not yet sent has no date_sent.
      const found = await client.messages.list({
        to: sms.to,
        ...(config.fromNumber && !config.messagingServiceSid ? { from: config.fromNumber } : {}),
        limit: 50,
      });
      const match = found.find((m) => m.body === sms.body && m.dateCreated >= since);
      return match ? { providerSid: match.sid, status: match.status } : undefined;
    },
    close: () => httpClient.close(),
  };
}
