import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** `Authorization: Bearer <API_TOKEN>`, compared in constant time. */
export function requireApiToken(apiToken: string): RequestHandler {
  const expected = digest(apiToken);
  return (req, res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (match?.[1] && timingSafeEqual(digest(match[1].trim()), expected)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized', message: 'a valid Bearer token is required' });
  };
}
