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
