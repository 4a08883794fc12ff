import { Router } from 'express';
import type { AdminDeps } from './admin-deps';
import { placeholderRoutes } from './placeholder.routes';

/** Oppdrag (/tasks). Not built yet. */
export function tasksRoutes(_deps: AdminDeps): Router {
  return placeholderRoutes([{ path: '/tasks', title: 'Oppdrag', section: 'tasks' }]);
}
