import express, { Router } from 'express';
import multer from 'multer';
import type { AdminDeps } from './admin-deps';
import { accountRoutes } from './account.routes';
import { placeholderRoutes } from './placeholder.routes';
import { requireLogin } from './require-login';

/**
 * Everything under /admin: a logged-in coordinator, forms parsed (multipart too, for CSV uploads)
 * and every state-changing request checked for the CSRF token before any route runs.
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 200 } });
  router.use(requireLogin(deps.ctx, deps.csrf.tokenFor));
  router.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }), upload.any(), deps.csrf.protect);
  router.use(accountRoutes(deps));
  router.use(placeholderRoutes([
    { path: '/', title: 'I dag', section: 'today' },
    { path: '/tasks', title: 'Oppdrag', section: 'tasks' },
    { path: '/volunteers', title: 'Frivillige', section: 'volunteers' },
    { path: '/inbox', title: 'Innboks', section: 'inbox' },
    { path: '/reports', title: 'Rapporter', section: 'reports' },
    { path: '/audit', title: 'Logg', section: 'audit' },
    { path: '/settings', title: 'Administrasjon', section: 'admin' },
  ]));
  return router;
}
