import { Router } from 'express';
import type { AdminDeps } from './admin-deps';
import { placeholderRoutes } from './placeholder.routes';

/** Innboks (/inbox). Not built yet. */
export function inboxRoutes(_deps: AdminDeps): Router {
  return placeholderRoutes([{ path: '/inbox', title: 'Innboks', section: 'inbox' }]);
}
