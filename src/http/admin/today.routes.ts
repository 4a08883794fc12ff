import { Router } from 'express';
import type { AdminDeps } from './admin-deps';
import { placeholderRoutes } from './placeholder.routes';

/** I dag (/). Not built yet. */
export function todayRoutes(_deps: AdminDeps): Router {
  return placeholderRoutes([{ path: '/', title: 'I dag', section: 'today' }]);
}
