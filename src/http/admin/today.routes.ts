import { Router } from 'express';
import { isAdmin, listScopeOf } from '../../domain/access';
import { insertAuditEvent } from '../../db/audit.repo';
import { markFollowUpHandled } from '../../db/follow-up.repo';
import { authorizeFollowUp } from '../../services/authorize';
import { loadTodayOverview } from '../../services/today-overview';
import { todayPage } from '../views/today/today-page';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, redirectAfterSave, sendPage, setFlash } from './frame';
import { sendForbidden } from './require-admin';

/** I dag (/): what needs a person now, and today's and tomorrow's assignments. */
export function todayRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const me = coordinatorOf(res);
    sendPage(res, todayPage(frameOf(res), await loadTodayOverview(deps.ctx, { unitId: me.unitId, admin: isAdmin(me), scope: listScopeOf(me) })));
  });

  router.post('/follow-ups/:id/handled', async (req, res) => {
    const me = coordinatorOf(res);
    const id = String(req.params.id);
    const access = /^\d{1,18}$/.test(id) ? await authorizeFollowUp(deps.ctx.db, me, id) : undefined;
    if (access?.ok === false && access.error === 'forbidden') return sendForbidden(res, 'followUp');
    const done = access?.ok === true && await markFollowUpHandled(deps.ctx.db, id, { unitId: me.unitId, withUnitless: isAdmin(me), all: isAdmin(me) }, me.id, deps.ctx.now());
    if (done) await insertAuditEvent(deps.ctx.db, me, { action: 'follow_up_handled', subjectType: 'assignment', subjectId: id }, deps.ctx.now());
    setFlash(req, done ? 'ok' : 'error', done ? 'Markert som fulgt opp.' : 'Fant ikke oppfølgingen i din enhet.');
    redirectAfterSave(req, res, '/admin#follow-up-h');
  });
  return router;
}
