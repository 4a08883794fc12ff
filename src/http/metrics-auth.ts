import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The socket's own address, not req.ip: a forwarded header must not make a request look local. */
function isDirectFromLoopback(req: Request): boolean {
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return loopback && req.header('x-forwarded-for') === undefined && req.header('forwarded') === undefined;
}

/**
 * Guards /metrics the way Prometheus expects (`authorization: {credentials: …}` in the scrape
 * config): with METRICS_TOKEN, `Authorization: Bearer <token>` from anywhere; without one (only
 * allowed outside production), requests straight from this machine only.
 */
export function requireMetricsToken(token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return (req: Request, res: Response, next: NextFunction) => {
    if (expected === undefined) {
      if (isDirectFromLoopback(req)) return next();
      res.status(403).json({ error: 'forbidden', message: 'set METRICS_TOKEN to scrape /metrics from another machine' });
      return;
    }
    const given = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1]?.trim();
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').json({ error: 'unauthorized', message: 'a valid Bearer token is required' });
  };
}
