import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

/**
 * Synchronizer-token CSRF protection: a token kept in the session, sent back by every form as
 * `_csrf` (or by scripts as X-CSRF-Token). A POST without it gets 403.
 */
export function createCsrf() {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req: Request) => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof fromBody === 'string' ? fromBody : req.header('x-csrf-token');
    },
  });
  return { protect: csrfSynchronisedProtection, tokenFor: (req: Request) => generateToken(req) };
}
