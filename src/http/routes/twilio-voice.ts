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

/**
 * Twilio Programmable Voice webhooks, signature-checked like the SMS ones. A call's TwiML comes
 * from `call` (first fetch and every Gather action), its progress from `status`, the
 * answering-machine detection result from `amd`.
 */
export function twilioVoiceRoutes(ctx: ServiceContext, opts: { authToken: string | undefined; publicBaseUrl: string; timer: (route: 'sms' | 'status') => RequestHandler }): Router {
  const router = Router();
  const verify = verifyTwilioSignature(opts.authToken, opts.publicBaseUrl);
  const form = twilioFormBody();

  router.post('/call', form, verify, markUnreadableWebhookText, async (req, res) => {
    const query = parseRequest(CallQuery, req.query);
    const body = parseRequest(CallBody, req.body);
    const turn = query.s === undefined ? undefined : { step: query.s, silences: query.q ?? 0 };
    const twiml = await answerCall(ctx, { callId: query.c, callSid: body.CallSid, turn, digits: body.Digits });
    res.type('text/xml').send(twiml);
  });

  router.post('/status', opts.timer('status'), form, verify, markUnreadableWebhookText, async (req, res) => {
    const { c } = parseRequest(z.object({ c: CallId }), req.query);
    const body = parseRequest(StatusBody, req.body);
    const outcome = await recordCallStatus(ctx, { callId: c, callSid: body.CallSid, callStatus: body.CallStatus, durationSeconds: body.CallDuration === undefined ? undefined : Number(body.CallDuration) });
    if (outcome !== 'applied') ctx.log.debug({ outcome, callId: c }, 'call status callback not applied');
    res.status(204).end();
  });

  router.post('/amd', form, verify, markUnreadableWebhookText, async (req, res) => {
    const { c } = parseRequest(z.object({ c: CallId }), req.query);
    const body = parseRequest(AmdBody, req.body);
    const outcome = await recordCallAmd(ctx, { callId: c, callSid: body.CallSid, answeredBy: body.AnsweredBy });
    ctx.log.debug({ outcome, callId: c }, 'AMD callback');
    res.status(204).end();
  });

  // Calls in (issue 15): the number's «A call comes in» webhook is POST /webhooks/twilio/voice
  // itself; /incoming answers the same (the first address we documented). Both are signed over the
  // path Twilio called, and every callback the answer names is an absolute path, so either works.
  const incoming: RequestHandler = async (req, res) => {
    const body = parseRequest(IncomingBody, req.body);
    const twiml = await answerInboundCall(ctx, { callSid: body.CallSid, from: body.From ?? '', to: body.To ?? '' });
    res.type('text/xml').send(twiml);
  };
  router.post('/', form, verify, markUnreadableWebhookText, incoming);
  router.post('/incoming', form, verify, markUnreadableWebhookText, incoming);

  router.post('/incoming/dial-ended', form, verify, markUnreadableWebhookText, (req, res) => {
    const body = parseRequest(DialEndedBody, req.body);
    res.type('text/xml').send(answerDialEnded(ctx, body.DialCallStatus, { from: body.From ?? '', to: body.To ?? '' }));
  });

  // After <Record>: the message is in; the recording itself comes to /incoming/recording.
  router.post('/incoming/recorded', form, verify, markUnreadableWebhookText, (req, res) => {
    parseRequest(z.object({ CallSid }), req.body);
    res.type('text/xml').send(hangupTwiml());
  });

  // The voicemail's recording is ready (recordingStatusCallback): an Innboks item, once per RecordingSid.
  router.post('/incoming/recording', form, verify, markUnreadableWebhookText, async (req, res) => {
    const query = parseRequest(RecordingQuery, req.query);
    const body = parseRequest(RecordingBody, req.body);
    if (body.RecordingStatus === undefined || body.RecordingStatus === 'completed') {
      const outcome = await recordVoicemail(ctx, { recordingSid: body.RecordingSid, recordingUrl: body.RecordingUrl, seconds: body.RecordingDuration, from: query.f ?? '', to: query.t ?? '' });
      ctx.log.debug({ outcome }, 'recording callback');
    }
    res.status(204).end();
  });

  return router;
}
