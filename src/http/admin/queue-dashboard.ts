import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Queue } from 'bullmq';
import { requireSystem } from './require-admin';

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, for admins, read-only. Read-only because
 * Postgres, not the queue, decides what happens: promoting a delayed offer timer would expire an
 * offer early, and a removed job is rebuilt by the sweeper anyway. Being read-only it only ever
 * needs GET, so every other method is refused here and no CSRF token is involved.
 */
export function queueDashboard(queues: readonly Queue[], basePath: string): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Svarja – køer' } },
  });
  const router = Router();
  router.use(requireSystem('view_queues'), readOnly, offlinePage, serverAdapter.getRouter() as Router);
  return router;
}

/** Removes stylesheets from other hosts (bull-board links Google Fonts): nothing on a page may call outside the machine. */
export function stripExternalLinks(page: string): string {
  return page.replace(/<link\b[^>]*\bhref="(?:https?:)?\/\/[^"]*"[^>]*>/gi, '');
}

/**
 * bull-board renders its page with res.render; this catches the rendered HTML and sends it without
 * the external links, so the dashboard works on a machine without internet and tells no third party
 * that it was opened. Its own scripts and styles are served from here (static/).
 */
function offlinePage(_req: Request, res: Response, next: NextFunction): void {
  const render = res.render.bind(res);
  res.render = ((view: string, options?: object) => {
    render(view, options ?? {}, (err: Error | null, page: string) => {
      if (err) return next(err);
      res.type('html').send(stripExternalLinks(page));
    });
  }) as Response['render'];
  next();
}

function readOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  res.status(405).set('Allow', 'GET, HEAD').json({ error: 'read_only', message: 'the queue dashboard is read-only' });
}
