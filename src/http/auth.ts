import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../domain/access';
import { resolveApiToken } from '../services/api-tokens';
import type { ServiceContext } from '../services/context';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** The actor a request was authenticated as (set by the API or admin authentication). */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new Error('no authenticated actor on this request');
  return actor;
}

/**
 * `Authorization: Bearer <token>`: the service's API_TOKEN (compared in constant time), or a
 * coordinator's personal token (hashed and looked up; revoked tokens and inactive accounts fail).
 */
export function requireApiToken(ctx: Pick<ServiceContext, 'db' | 'now'>, apiToken: string): RequestHandler {
  const expected = digest(apiToken);
  const deny = (res: Response) => {
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized', message: 'a valid Bearer token is required' });
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const token = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1]?.trim();
    if (!token) return deny(res);
    if (timingSafeEqual(digest(token), expected)) {
      res.locals.actor = { kind: 'service' } satisfies Actor;
      return next();
    }
    resolveApiToken(ctx, token).then((actor) => {
      if (!actor) return deny(res);
      res.locals.actor = actor;
      next();
    }, next);
  };
}
