import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { ServiceContext } from '../../services/context';
import { answerCall } from '../../services/answer-call';
import { answerDialEnded, answerInboundCall } from '../../services/answer-inbound-call';
import { RECORDING_PATH, recordVoicemail } from '../../services/record-voicemail';
import { hangupTwiml } from '../../voice/twiml';
import { recordCallStatus } from '../../services/record-call-status';
import { recordCallAmd } from '../../services/record-call-amd';
import { markUnreadableWebhookText, twilioFormBody } from '../input/body-parsers';
import { verifyTwilioSignature } from '../twilio-signature';
import { parseRequest } from '../validate';

const CallSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'must be a Twilio call SID');
const CallId = z.string().regex(/^\d{1,18}$/, 'must be our call id');
const Turn = z.string().regex(/^\d{1,3}$/).transform(Number);

const CallQuery = z.object({ c: CallId, s: Turn.optional(), q: Turn.optional() });
const CallBody = z.object({ CallSid, Digits: z.string().max(20).optional() });
const AmdBody = z.object({ CallSid, AnsweredBy: z.string().regex(/^[a-z_]{1,30}$/, 'must be an AnsweredBy value such as human or machine_start') });
const Phone = z.string().max(40).optional();
const IncomingBody = z.object({ CallSid, From: Phone, To: Phone });
const DialEndedBody = z.object({ CallSid, From: Phone, To: Phone, DialCallStatus: z.string().max(40).optional() });
const RecordingQuery = z.object({ f: Phone, t: Phone });
const RecordingBody = z.object({
  CallSid,
  RecordingSid: z.string().regex(/^RE[0-9a-fA-F]{32}$/, 'must be a Twilio recording SID'),
  RecordingUrl: z.string().max(300).refine((u) => { try { return RECORDING_PATH.test(new URL(u).pathname); } catch { return false; } }, 'must be a Twilio recording URL'),
  RecordingDuration: z.string().regex(/^\d{1,6}$/).transform(Number),
  RecordingStatus: z.string().max(40).optional(),
});
const StatusBody = z.object({ CallSid, CallStatus: z.string().min(1).max(40), CallDuration: z.string().regex(/^\d{1,6}$/).optional() });

/** A voice webhook's work once the request is trusted: TwiML to answer with, or undefined for 204. */
export type VoiceWebhook = (ctx: ServiceContext, query: unknown, body: unknown) => Promise<string | undefined>;

const answerIncoming: VoiceWebhook = async (ctx, _query, rawBody) => {
  const body = parseRequest(IncomingBody, rawBody);
  return answerInboundCall(ctx, { callSid: body.CallSid, from: body.From ?? '', to: body.To ?? '' });
};

/**
 * Every voice webhook by its path under /webhooks/twilio/voice. The routes below run them after the
 * signature check; the phone simulator (SMS_TRANSPORT=simulator) runs the very same ones without it,
 * as it does for SMS (see http/admin/simulator-voice.ts).
 */
export const VOICE_WEBHOOKS: Record<string, VoiceWebhook> = {
  // A call's TwiML: its first fetch and every Gather action.
  '/call': async (ctx, rawQuery, rawBody) => {
    const query = parseRequest(CallQuery, rawQuery);
    const body = parseRequest(CallBody, rawBody);
    const turn = query.s === undefined ? undefined : { step: query.s, silences: query.q ?? 0 };
    return answerCall(ctx, { callId: query.c, callSid: body.CallSid, turn, digits: body.Digits });
  },
  '/status': async (ctx, rawQuery, rawBody) => {
    const { c } = parseRequest(z.object({ c: CallId }), rawQuery);
    const body = parseRequest(StatusBody, rawBody);
    const outcome = await recordCallStatus(ctx, { callId: c, callSid: body.CallSid, callStatus: body.CallStatus, durationSeconds: body.CallDuration === undefined ? undefined : Number(body.CallDuration) });
    if (outcome !== 'applied') ctx.log.debug({ outcome, callId: c }, 'call status callback not applied');
    return undefined;
  },
  '/amd': async (ctx, rawQuery, rawBody) => {
    const { c } = parseRequest(z.object({ c: CallId }), rawQuery);
    const body = parseRequest(AmdBody, rawBody);
    const outcome = await recordCallAmd(ctx, { callId: c, callSid: body.CallSid, answeredBy: body.AnsweredBy });
    ctx.log.debug({ outcome, callId: c }, 'AMD callback');
    return undefined;
  },
  // Calls in (issue 15): the number's «A call comes in» webhook is POST /webhooks/twilio/voice
  // itself; /incoming answers the same (the first address we documented). Both are signed over the
  // path Twilio called, and every callback the answer names is an absolute path, so either works.
  '/': answerIncoming,
  '/incoming': answerIncoming,
  '/incoming/dial-ended': async (ctx, _query, rawBody) => {
    const body = parseRequest(DialEndedBody, rawBody);
    return answerDialEnded(ctx, body.DialCallStatus, { from: body.From ?? '', to: body.To ?? '' });
  },
  // After <Record>: the message is in; the recording itself comes to /incoming/recording.
  '/incoming/recorded': async (_ctx, _query, rawBody) => {
    parseRequest(z.object({ CallSid }), rawBody);
    return hangupTwiml();
  },
  // The voicemail's recording is ready (recordingStatusCallback): an Innboks item, once per RecordingSid.
  '/incoming/recording': async (ctx, rawQuery, rawBody) => {
    const query = parseRequest(RecordingQuery, rawQuery);
    const body = parseRequest(RecordingBody, rawBody);
    if (body.RecordingStatus === undefined || body.RecordingStatus === 'completed') {
      const outcome = await recordVoicemail(ctx, { recordingSid: body.RecordingSid, recordingUrl: body.RecordingUrl, seconds: body.RecordingDuration, from: query.f ?? '', to: query.t ?? '' });
      ctx.log.debug({ outcome }, 'recording callback');
    }
    return undefined;
  },
};

/**
 * Twilio Programmable Voice webhooks, signature-checked like the SMS ones. A call's TwiML comes
 * from `call` (first fetch and every Gather action), its progress from `status`, the
 * answering-machine detection result from `amd`; calls in come to the root (or `incoming`).
 */
export function twilioVoiceRoutes(ctx: ServiceContext, opts: { authToken: string | undefined; publicBaseUrl: string; timer: (route: 'sms' | 'status') => RequestHandler }): Router {
  const router = Router();
  const verify = verifyTwilioSignature(opts.authToken, opts.publicBaseUrl);
  const form = twilioFormBody();
  for (const [path, webhook] of Object.entries(VOICE_WEBHOOKS)) {
    const timed: RequestHandler[] = path === '/status' ? [opts.timer('status')] : [];
    router.post(path, ...timed, form, verify, markUnreadableWebhookText, async (req, res) => {
      const twiml = await webhook(ctx, req.query, req.body);
      if (twiml === undefined) res.status(204).end();
      else res.type('text/xml').send(twiml);
    });
  }
  return router;
}
