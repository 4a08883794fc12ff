import { Router } from 'express';
import type { AdminDeps } from './admin-deps';
import { placeholderRoutes } from './placeholder.routes';

/** Logg (/audit). Not built yet. */
export function auditRoutes(_deps: AdminDeps): Router {
  return placeholderRoutes([{ path: '/audit', title: 'Logg', section: 'audit' }]);
}
