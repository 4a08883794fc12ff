import { Router } from 'express';
import type { AdminDeps } from './admin-deps';
import { placeholderRoutes } from './placeholder.routes';

/** Rapporter (/reports). Not built yet. */
export function reportsRoutes(_deps: AdminDeps): Router {
  return placeholderRoutes([{ path: '/reports', title: 'Rapporter', section: 'reports' }]);
}
