import { Router, type Request, type Response } from 'express';
import { listCoordinators, listUnits } from '../../db/coordinator.repo';
import type { CoordinatorRole } from '../../db/schema';
import { createCoordinator } from '../../services/create-coordinator';
import { changeCoordinatorAccess } from '../../services/manage-accounts-change-access';
import { createUnit } from '../../services/manage-accounts-create-unit';
import { changeUnitName } from '../../services/manage-accounts-rename-unit';
import type { AccountChangeResult } from '../../services/manage-accounts-rules';
import { setCoordinatorActive } from '../../services/manage-accounts-set-active';
import { resetPassword } from '../../services/change-password';
import type { FieldErrors } from '../views/form';
import { EMPTY_NEW_COORDINATOR, type NewCoordinatorValues } from '../views/settings/new-coordinator-form';
import { settingsPage } from '../views/settings/settings-page';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, redirectAfterSave, sendPage, setFlash } from './frame';
import { requireAdmin } from './require-admin';

const ID = /^\d{1,18}$/;

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function roleOf(value: string): CoordinatorRole {
  return value === 'admin' ? 'admin' : 'coordinator';
}

/** Flash the outcome and go back to the part of the page that changed (post/redirect/get). */
function finish(req: Request, res: Response, result: AccountChangeResult, okText: string, anchor: string): void {
  setFlash(req, result.ok ? 'ok' : 'error', result.ok ? okText : result.message);
  redirectAfterSave(req, res, `/admin/settings#${anchor}`);
}

/** Administrasjon (/settings): units and coordinators, admins only; every change is audit-logged by its service. */
export function settingsRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.use('/settings', requireAdmin);

  async function render(res: Response, form: { values: NewCoordinatorValues; errors?: FieldErrors } = { values: EMPTY_NEW_COORDINATOR }, status = 200) {
    const [units, coordinators] = await Promise.all([listUnits(deps.ctx.db), listCoordinators(deps.ctx.db)]);
    sendPage(res, settingsPage(frameOf(res), { units, coordinators, newCoordinator: form.values, newCoordinatorErrors: form.errors }), status);
  }

  router.get('/settings', async (_req, res) => render(res));

  router.post('/settings/units', async (req, res) => {
    finish(req, res, await createUnit(deps.ctx, coordinatorOf(res), field(req, 'unitName')), 'Enheten er lagt til.', 'units-h');
  });

  router.post('/settings/units/:id', async (req, res) => {
    const id = String(req.params.id);
    const result = ID.test(id) ? await changeUnitName(deps.ctx, coordinatorOf(res), id, field(req, 'name')) : { ok: false as const, reason: 'not_found' as const, message: 'Fant ikke enheten.' };
    finish(req, res, result, 'Enheten har fått nytt navn.', `unit-${id}`);
  });

  router.post('/settings/coordinators', async (req, res) => {
    const values = { email: field(req, 'email'), name: field(req, 'name'), role: roleOf(field(req, 'role')), unitId: field(req, 'unitId') };
    const result = await createCoordinator(deps.ctx, coordinatorOf(res), { ...values, password: field(req, 'password'), unitId: ID.test(values.unitId) ? values.unitId : null });
    if (!result.ok) return render(res, { values, errors: { [result.field]: result.message } }, 400);
    setFlash(req, 'ok', `Kontoen til ${result.coordinator.name} er opprettet. Gi personen e-postadressen og passordet.`);
    redirectAfterSave(req, res, `/admin/settings#coordinator-${result.coordinator.id}`);
  });

  router.post('/settings/coordinators/:id/access', async (req, res) => {
    const id = String(req.params.id);
    const unitId = field(req, 'unitId');
    const change = { role: roleOf(field(req, 'role')), unitId: ID.test(unitId) ? unitId : null };
    const result = ID.test(id) ? await changeCoordinatorAccess(deps.ctx, coordinatorOf(res), id, change) : { ok: false as const, reason: 'not_found' as const, message: 'Fant ikke koordinatoren.' };
    finish(req, res, result, 'Rolle og enhet er lagret.', `coordinator-${id}`);
  });

  for (const [path, active, okText] of [['deactivate', false, 'Kontoen er deaktivert.'], ['reactivate', true, 'Kontoen er aktiv igjen.']] as const) {
    router.post(`/settings/coordinators/:id/${path}`, async (req, res) => {
      const id = String(req.params.id);
      const result = ID.test(id) ? await setCoordinatorActive(deps.ctx, coordinatorOf(res), id, active) : { ok: false as const, reason: 'not_found' as const, message: 'Fant ikke koordinatoren.' };
      finish(req, res, result, okText, `coordinator-${id}`);
    });
  }

  // The new password is in this response only (no redirect, no flash in the session): shown once.
  router.post('/settings/coordinators/:id/reset-password', async (req, res) => {
    const id = String(req.params.id);
    const result = ID.test(id) ? await resetPassword(deps.ctx, coordinatorOf(res), id) : { ok: false as const, message: 'Fant ikke koordinatoren.' };
    if (!result.ok) return finish(req, res, { ok: false, reason: 'invalid', message: result.message }, '', `coordinator-${id}`);
    res.locals.frame = { ...frameOf(res), flash: { kind: 'ok', text: `Nytt passord for ${result.name}: ${result.password} — gi det videre nå (det vises ikke igjen), og be hen bytte det under Min konto. Hen er logget ut overalt.` } };
    await render(res);
  });

  return router;
}
