import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { findCoordinator } from '../../db/coordinator.repo';
import { coordinatorActor } from '../../services/authenticate-coordinator';
import type { ServiceContext } from '../../services/context';
import type { PageFrame } from '../views/layout';
import { rememberReturnTo } from '../login-cookies';

/**
 * Admin pages need a session of an active coordinator; otherwise the browser goes to the login
 * page and comes back after. The coordinator is re-read each request, so a deactivated account
 * or a changed role takes effect at once.
 */
export function requireLogin(ctx: Pick<ServiceContext, 'db'>, generateCsrfToken: (req: Request) => string, features: { simulator: boolean; secureCookies: boolean }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = req.session.coordinatorId;
    const load = id ? findCoordinator(ctx.db, id) : Promise.resolve(undefined);
    load.then((coordinator) => {
      if (!coordinator?.active) {
        // No session write for a visitor: the way back waits in a cookie (see login-cookies.ts).
        if (req.method === 'GET') rememberReturnTo(res, req.originalUrl, features.secureCookies);
        res.redirect(303, '/login');
        return;
      }
      const flash = req.session.flash;
      delete req.session.flash;
      const actor = coordinatorActor(coordinator);
      res.locals.actor = actor;
      res.locals.frame = { actor, csrfToken: generateCsrfToken(req), flash, simulator: features.simulator } as PageFrame;
      next();
    }, next);
  };
}
