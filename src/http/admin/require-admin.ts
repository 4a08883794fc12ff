import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, type ActionsOn } from '../../domain/access';
import { forbiddenPage, type ForbiddenReason } from '../views/settings/forbidden-page';
import { coordinatorOf, frameOf, sendPage } from './frame';

/** The access model said no: the forbidden page, with 403, saying why. */
export function sendForbidden(res: Response, reason: ForbiddenReason): void {
  sendPage(res, forbiddenPage(frameOf(res), reason), 403);
}

/** Whole-service tools (accounts, queues, simulator): only admins get past here. */
export function requireSystem(action: ActionsOn['system'], reason: ForbiddenReason = 'admin'): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (can(coordinatorOf(res), action, { kind: 'system' })) return next();
    sendForbidden(res, reason);
  };
}

/** Administrasjon: units and coordinator accounts. */
export const requireAdmin = requireSystem('manage_accounts');
