import { Router } from 'express';
import { isAdmin } from '../../domain/access';
import { insertAuditEvent } from '../../db/audit.repo';
import { markFollowUpHandled } from '../../db/follow-up.repo';
import { loadTodayOverview } from '../../services/today-overview';
import { todayPage } from '../views/today/today-page';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, redirectAfterSave, sendPage, setFlash } from './frame';

/** I dag (/): what needs a person now, and today's and tomorrow's assignments. */
export function todayRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const me = coordinatorOf(res);
    sendPage(res, todayPage(frameOf(res), await loadTodayOverview(deps.ctx, { unitId: me.unitId, admin: isAdmin(me) })));
  });

  router.post('/follow-ups/:id/handled', async (req, res) => {
    const me = coordinatorOf(res);
    const id = String(req.params.id);
    const done = /^\d{1,18}$/.test(id) && await markFollowUpHandled(deps.ctx.db, id, { unitId: me.unitId, withUnitless: isAdmin(me) }, me.id, deps.ctx.now());
    if (done) await insertAuditEvent(deps.ctx.db, me, { action: 'follow_up_handled', subjectType: 'assignment', subjectId: id }, deps.ctx.now());
    setFlash(req, done ? 'ok' : 'error', done ? 'Markert som fulgt opp.' : 'Fant ikke oppfølgingen i din enhet.');
    redirectAfterSave(req, res, '/admin#follow-up-h');
  });
  return router;
}
