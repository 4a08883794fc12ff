import type { Request, Response } from 'express';
import type { Actor } from '../../domain/access';
import type { PageFrame } from '../views/layout';
import type { SafeHtml } from '../views/html';

export type CoordinatorActor = Extract<Actor, { kind: 'coordinator' }>;

/** The logged-in coordinator and what every page needs (set by requireLogin). */
export function frameOf(res: Response): PageFrame {
  const frame = res.locals.frame as PageFrame | undefined;
  if (!frame) throw new Error('admin page rendered without a logged-in coordinator');
  return frame;
}

export function coordinatorOf(res: Response): CoordinatorActor {
  return frameOf(res).actor;
}

/** A message shown once on the next page (after a redirect). */
export function setFlash(req: Request, kind: 'ok' | 'error', text: string): void {
  req.session.flash = { kind, text };
}

export function sendPage(res: Response, page: SafeHtml, status = 200): void {
  res.status(status).type('html').send(page.value);
}

/**
 * Redirects after the session is saved. express-session otherwise sends the headers before its
 * save finishes, and a browser that follows the 303 at once arrives with the old session: the
 * flash message, the login or the return address would be lost now and then.
 */
export function redirectAfterSave(req: Request, res: Response, url: string): void {
  req.session.save((err) => {
    if (err) {
      res.status(500).type('text/plain').send('could not save the session');
      return;
    }
    res.redirect(303, url);
  });
}
