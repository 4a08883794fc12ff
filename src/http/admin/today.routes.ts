import { Router } from 'express';
import { loadTodayOverview } from '../../services/today-overview';
import { todayPage } from '../views/today/today-page';
import type { AdminDeps } from './admin-deps';
import { frameOf, sendPage } from './frame';

/** I dag (/): what needs a person now, and today's and tomorrow's assignments. */
export function todayRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    sendPage(res, todayPage(frameOf(res), await loadTodayOverview(deps.ctx)));
  });
  return router;
}
