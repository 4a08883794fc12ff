import { Router, type RequestHandler } from 'express';
import { markUnreadableWebhookText, twilioFormBody } from '../input/body-parsers';
import { z } from 'zod';
import type { ServiceContext } from '../../services/context';
import { recordInboundBatch } from '../../services/record-inbound-batch';
import type { InboundSms, RecordedInbound } from '../../services/record-inbound-sms';
import { recordSmsStatus } from '../../services/record-sms-status';
import { createMicroBatcher, type MicroBatchOptions } from '../../micro-batcher';
import { verifyTwilioSignature } from '../twilio-signature';
import { readTwilioMedia } from './twilio-media';
import { parseRequest } from '../validate';

const InboundSmsBody = z.object({
  MessageSid: z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/, 'must be a Twilio message SID'),
  From: z.string().min(1).max(64),
  To: z.string().min(1).max(64),
  Body: z.string().max(10_000).default(''),
  OptOutType: z.string().max(20).optional(),
});

const StatusBody = z.object({
  MessageSid: z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/, 'must be a Twilio message SID'),
  MessageStatus: z.string().min(1).max(40),
  ErrorCode: z.string().max(10).optional(),
});
const StatusQuery = z.object({ m: z.string().regex(/^\d{1,18}$/, 'must be our message id') });

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Inbound SMS that arrive in the same event-loop turn are stored with one INSERT and enqueued with
 * one addBulk (issue 14): each statement's round trip and commit is shared by up to 100 webhooks.
 * Four batches at most are in the database at once; meanwhile the next one grows.
 */
const INBOUND_BATCHING: MicroBatchOptions = { maxBatch: 100, windowMs: 0, maxInFlight: 4 };

/**
 * Twilio webhooks: signature first, then the message is stored, then 200. Replies leave through
 * the send-sms queue (never as TwiML), so they get retries and delivery status like every SMS.
 */
export function twilioWebhookRoutes(ctx: ServiceContext, opts: { authToken: string | undefined; publicBaseUrl: string; timer: (route: 'sms' | 'status') => RequestHandler }): Router {
  const router = Router();
  const verify = verifyTwilioSignature(opts.authToken, opts.publicBaseUrl);
  const form = twilioFormBody();
  const inbound = createMicroBatcher<InboundSms, RecordedInbound>((batch) => recordInboundBatch(ctx, batch), INBOUND_BATCHING);

  router.post('/sms', opts.timer('sms'), form, verify, markUnreadableWebhookText, async (req, res) => {
    const body = parseRequest(InboundSmsBody, req.body);
    // Settles only once this message's row is committed (or with the error that kept it out: a 500, and Twilio retries).
    await inbound.submit({ messageSid: body.MessageSid, from: body.From, to: body.To, body: body.Body, optOutType: body.OptOutType, media: readTwilioMedia(req.body) });
    res.type('text/xml').send(EMPTY_TWIML);
  });

  router.post('/status', opts.timer('status'), form, verify, markUnreadableWebhookText, async (req, res) => {
    const body = parseRequest(StatusBody, req.body);
    const { m } = parseRequest(StatusQuery, req.query);
    const outcome = await recordSmsStatus(ctx, { messageId: m, messageSid: body.MessageSid, messageStatus: body.MessageStatus, errorCode: body.ErrorCode });
    // Unknown messages are acknowledged too: a retry would not make them known.
    if (outcome !== 'applied') ctx.log.debug({ outcome, messageId: m }, 'status callback not applied');
    res.status(204).end();
  });

  return router;
}
