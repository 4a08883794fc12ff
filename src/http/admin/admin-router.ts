import { Router } from 'express';
import { formBody } from '../input/body-parsers';
import multer from 'multer';
import type { AdminDeps } from './admin-deps';
import { accountRoutes } from './account.routes';
import { auditRoutes } from './audit.routes';
import { inboxRoutes } from './inbox.routes';
import { reportsRoutes } from './reports.routes';
import { queueDashboard } from './queue-dashboard';
import { settingsRoutes } from './settings.routes';
import { simulatorRoutes } from './simulator.routes';
import { tasksRoutes } from './tasks.routes';
import { taskEditRoutes } from './task-edit.routes';
import { todayRoutes } from './today.routes';
import { volunteersRoutes } from './volunteers.routes';
import { requestersRoutes } from './requesters.routes';
import { requireLogin } from './require-login';
import { stashLoggedOutPost } from './form-resume';

/**
 * Everything under /admin: a logged-in coordinator, forms parsed (multipart too, for CSV uploads)
 * and every state-changing request checked for the CSRF token before any route runs.
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 200 } });
  const forms = formBody({ limit: '3mb', parameterLimit: 500 }, upload);
  const loggedOutPost = stashLoggedOutPost(deps.ctx, deps.config.sessionSecret, forms);
  router.use(requireLogin(deps.ctx, deps.csrf.tokenFor, { simulator: deps.config.smsTransport === 'simulator', secureCookies: deps.config.env === 'production' }, loggedOutPost));
  router.use('/queues', queueDashboard(deps.queues, '/admin/queues'));
  router.use(...forms, deps.csrf.protect);
  router.use(accountRoutes(deps));
  for (const routes of [todayRoutes, tasksRoutes, taskEditRoutes, volunteersRoutes, requestersRoutes, inboxRoutes, reportsRoutes, auditRoutes, settingsRoutes]) {
    router.use(routes(deps));
  }
  if (deps.config.smsTransport === 'simulator') router.use(simulatorRoutes(deps));
  return router;
}
