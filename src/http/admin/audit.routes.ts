import { Router } from 'express';
import { listScopeOf } from '../../domain/access';
import { listAuditEvents } from '../../db/audit.repo';
import { loadAuditNames } from '../../db/audit-names.repo';
import { auditPage } from '../views/audit/audit-page';
import { idsOf } from '../views/audit/audit-refs';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, sendPage } from './frame';

const PAGE_SIZE = 50;

function queryText(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === 'string' && pattern.test(value) ? value : undefined;
}

/**
 * Logg (/audit?action=…&before=…): one page of events; one extra row tells whether there are older
 * ones. Admins read every unit's events, a coordinator their own unit's (listScopeOf).
 */
export function auditRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const action = queryText(req.query.action, /^[a-z_]{1,64}$/);
    const beforeId = queryText(req.query.before, /^\d{1,18}$/);
    const rows = await listAuditEvents(deps.ctx.db, { scope: listScopeOf(coordinatorOf(res)), limit: PAGE_SIZE + 1, beforeId, action });
    const events = rows.slice(0, PAGE_SIZE);
    const olderFrom = rows.length > PAGE_SIZE ? events.at(-1)?.id : undefined;
    // Names behind the ids: tasks and volunteers any coordinator may see; the events are already in scope.
    const names = await loadAuditNames(deps.ctx.db, idsOf(events));
    sendPage(res, auditPage(frameOf(res), { events, names, action, beforeId, olderFrom }));
  });
  return router;
}
