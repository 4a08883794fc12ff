import { Router } from 'express';
import type { AdminDeps } from './admin-deps';
import { placeholderRoutes } from './placeholder.routes';

/** Administrasjon (/settings). Not built yet. */
export function settingsRoutes(_deps: AdminDeps): Router {
  return placeholderRoutes([{ path: '/settings', title: 'Administrasjon', section: 'admin' }]);
}
