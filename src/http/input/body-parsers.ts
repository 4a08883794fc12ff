import express, { type RequestHandler } from 'express';
import type { Multer } from 'multer';
import { RequestValidationError } from '../validate';
import { findUnreadableText, markUnreadableFields } from './text-rules';

/**
 * Every request body enters through these, so the rules are the same everywhere: the parser's own
 * errors (too large, too many fields, a charset or Content-Encoding it cannot read) carry a 4xx
 * status the error handler answers, and text a person never types is refused before a route runs.
 */

/** 400 naming the first field (or query parameter) holding a control character, lone surrogate or U+FFFD. */
export function refuseUnreadableText(part: 'body' | 'query' = 'body'): RequestHandler {
  return (req, _res, next) => {
    const field = findUnreadableText(part === 'body' ? req.body : req.query);
    if (field === undefined) return next();
    next(new RequestValidationError([{ field, message: 'contains control characters or text that is not valid UTF-8' }]));
  };
}

export function jsonBody(limit: string): RequestHandler[] {
  return [express.json({ limit }), refuseUnreadableText()];
}

/**
 * A browser form: urlencoded, or multipart too when `upload` is given (file uploads). Any other body
 * is a 415, and a POST without a body reads as an empty form, so routes always find an object.
 */
export function formBody(opts: { limit: string; parameterLimit: number }, upload?: Multer): RequestHandler[] {
  return [express.urlencoded({ extended: false, ...opts }), ...(upload ? [multipart(upload)] : []), formsOnly, refuseUnreadableText()];
}

const formsOnly: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined || req.method === 'GET' || req.method === 'HEAD') return next();
  if (req.header('content-type') || Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding')) {
    return next(Object.assign(new Error('only forms are accepted here'), { status: 415, type: 'form.expected' }));
  }
  req.body = {};
  next();
};

/** busboy's own complaints (no boundary, a cut-off body) are plain errors without a status: 400s. */
function multipart(upload: Multer): RequestHandler {
  const any = upload.any();
  return (req, res, next) => any(req, res, (err?: unknown) => {
    if (!err) return next();
    const e = err as { code?: string; status?: number };
    if (e.code?.startsWith('LIMIT_') || e.status) return next(err);
    next(Object.assign(new Error('multipart body could not be read'), { status: 400, type: 'multipart.malformed' }));
  });
}

/**
 * Twilio's form, read before the signature check (which needs every field) and not refused after it:
 * a volunteer's SMS is kept whatever bytes it holds, with unreadable characters marked (see
 * markUnreadableCharacters), so Postgres can store it and nobody reads it as a clean JA.
 */
export function twilioFormBody(): RequestHandler {
  return express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 });
}

export const markUnreadableWebhookText: RequestHandler = (req, _res, next) => {
  if (req.body && typeof req.body === 'object') req.body = markUnreadableFields(req.body as Record<string, unknown>);
  next();
};
