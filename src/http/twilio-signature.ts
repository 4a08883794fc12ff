import type { RequestHandler } from 'express';
import twilio from 'twilio';

/**
 * Checks X-Twilio-Signature against PUBLIC_BASE_URL + the path and query Twilio called, with every
 * posted parameter (Twilio adds fields without notice). Never disabled by configuration: without
 * an auth token, no webhook is accepted.
 */
export function verifyTwilioSignature(authToken: string | undefined, publicBaseUrl: string): RequestHandler {
  return (req, res, next) => {
    const signature = req.header('x-twilio-signature');
    const params = (req.body ?? {}) as Record<string, string>;
    const url = publicBaseUrl + req.originalUrl;
    if (authToken && signature && twilio.validateRequest(authToken, signature, url, params)) return next();
    res.status(403).type('text/plain').send('invalid Twilio signature');
  };
}
