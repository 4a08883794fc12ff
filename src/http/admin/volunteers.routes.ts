import { Router } from 'express';
import type { AdminDeps } from './admin-deps';
import { placeholderRoutes } from './placeholder.routes';

/** Frivillige (/volunteers). Not built yet. */
export function volunteersRoutes(_deps: AdminDeps): Router {
  return placeholderRoutes([{ path: '/volunteers', title: 'Frivillige', section: 'volunteers' }]);
}
