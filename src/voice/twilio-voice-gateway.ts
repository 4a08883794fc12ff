import twilio from 'twilio';
import type { TwilioConfig } from '../config';
import { classifyTwilioFailure } from '../sms/twilio-errors';
import { TwilioHttpClient } from '../sms/twilio-http-client';
import { callUrls, type OutboundCall, type PlaceCallResult, type VoiceGateway } from './voice-gateway';

export interface TwilioVoiceGatewayOptions {
  config: TwilioConfig;
  /** The number calls come from (and that people ring): TWILIO_FROM_NUMBER. */
  fromNumber: string;
  publicBaseUrl: string;
  timeoutMs: number;
}

/** Twilio Programmable Voice: the call fetches its TwiML from our webhook, which decides what is said. */
export function createTwilioVoiceGateway(opts: TwilioVoiceGatewayOptions): VoiceGateway {
  const { config } = opts;
  const httpClient = new TwilioHttpClient({ baseUrl: config.apiBaseUrl, timeoutMs: opts.timeoutMs });
  const client = twilio(config.accountSid, config.authToken, { httpClient });

  return {
    name: 'twilio',
    async placeCall(call: OutboundCall): Promise<PlaceCallResult> {
      const urls = callUrls(opts.publicBaseUrl, call.callId);
      try {
        const created = await client.calls.create({
          to: call.to,
          from: opts.fromNumber,
          url: urls.twiml,
          method: 'POST',
          statusCallback: urls.status,
          statusCallbackMethod: 'POST',
          statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
          // Ring long enough for someone who has to get up from the chair.
          timeout: 30,
          ...(call.detectMachine ? { machineDetection: 'Enable', asyncAmd: 'true', asyncAmdStatusCallback: urls.amd, asyncAmdStatusCallbackMethod: 'POST' } : {}),
        });
        return { ok: true, providerSid: created.sid, status: created.status };
      } catch (err) {
        const e = err as { status?: number; code?: number; message?: string };
        const status = typeof e.status === 'number' ? e.status : undefined;
        const code = typeof e.code === 'number' ? e.code : undefined;
        return { ok: false, ...classifyTwilioFailure(status), code: String(code ?? status ?? 'network'), message: e.message ?? String(err) };
      }
    },
    async findPlaced(call: OutboundCall, since: Date) {
      const found = await client.calls.list({ to: call.to, from: opts.fromNumber, limit: 20 });
      return found.filter((c) => c.dateCreated >= since).map((c) => ({ providerSid: c.sid, status: c.status }));
    },
    async updateCall(providerSid: string, twiml: string) {
      try {
        await client.calls(providerSid).update({ twiml });
        return true;
      } catch {
        return false; // the call has ended already (21220), or Twilio is away: the SMS offer still went
      }
    },
    close: () => httpClient.close(),
  };
}
