import type { NextFunction, Request, Response } from 'express';
import { isAdmin } from '../../domain/access';
import { forbiddenPage } from '../views/settings/forbidden-page';
import { coordinatorOf, frameOf, sendPage } from './frame';

/** Only admins get past here; everyone else gets a page that says so, with 403. */
export function requireAdmin(_req: Request, res: Response, next: NextFunction): void {
  if (isAdmin(coordinatorOf(res))) return next();
  sendPage(res, forbiddenPage(frameOf(res)), 403);
}
