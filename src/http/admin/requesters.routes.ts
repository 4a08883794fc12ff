import { Router, type Request, type Response } from 'express';
import { can, listScopeOf } from '../../domain/access';
import type { RequesterDraftInput } from '../../domain/requester-form';
import { listUnits } from '../../db/coordinator.repo';
import { findRequester, listRequesters } from '../../db/requester.repo';
import { createRequester, updateRequester, type SaveRequesterResult } from '../../services/save-requester';
import type { FieldErrors } from '../views/form';
import { emptyRequesterForm, formFromRequester, requesterFormPage, requesterListPage, type RequesterFormValues } from '../views/requesters/pages';
import { formatPhone } from '../views/volunteers/labels';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, redirectAfterSave, sendPage, setFlash } from './frame';
import { sendForbidden } from './require-admin';

function readForm(body: unknown): RequesterFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  return { name: s('name'), unitId: s('unitId'), phones: s('phones'), contactName: s('contactName'), defaultPlace: s('defaultPlace') };
}

const toInput = (v: RequesterFormValues): RequesterDraftInput => ({
  name: v.name, unitId: v.unitId || null, phones: v.phones.split(/[\n,;]+/), contactName: v.contactName, defaultPlace: v.defaultPlace,
});

/** The problems of a failed save, as the form shows them; undefined for a refusal (403). */
function formErrors(result: Exclude<SaveRequesterResult, { ok: true }>): FieldErrors | undefined {
  if (result.error === 'invalid') return { ...result.errors };
  if (result.error === 'duplicate_phone') {
    const named = result.owners.map((o) => `${formatPhone(o.phone)} tilhører ${o.kind === 'volunteer' ? `den frivillige ${o.name}` : `bestilleren «${o.name}»`}`);
    return { phones: named.length > 0 ? `Nummeret er allerede registrert: ${named.join('; ')}. Ett nummer kan bare høre til én.` : `Nummeret er allerede registrert (som bestiller eller frivillig): ${result.phones.map(formatPhone).join(', ')}.` };
  }
  return undefined;
}

/** Bestillere (/requesters): list, add and edit, for the actor's own unit (admins: all); audit-logged by the service. */
export function requestersRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { ctx } = deps;
  /** A coordinator may put a requester in their own unit only; admins in any. */
  const unitsFor = async (res: Response) => (await listUnits(ctx.db)).filter((u) => can(coordinatorOf(res), 'create', { kind: 'requester', unitId: u.id }));

  router.get('/requesters', async (_req, res) => {
    const scope = listScopeOf(coordinatorOf(res));
    const requesters = await listRequesters(ctx.db, scope.all ? {} : { unitId: scope.unitId });
    sendPage(res, requesterListPage(frameOf(res), { requesters, units: await listUnits(ctx.db) }));
  });

  router.get('/requesters/new', async (_req, res) => {
    sendPage(res, requesterFormPage(frameOf(res), { values: emptyRequesterForm(coordinatorOf(res).unitId), errors: {}, units: await unitsFor(res) }));
  });

  router.post('/requesters/new', async (req, res) => {
    const values = readForm(req.body);
    const result = await createRequester(ctx, coordinatorOf(res), toInput(values));
    await respond(req, res, result, values, undefined);
  });

  /** An id that is no number is no requester (and never reaches Postgres as a bigint). */
  const findById = async (id: string) => (/^\d{1,18}$/.test(id) ? findRequester(ctx.db, id) : undefined);

  router.get('/requesters/:id', async (req, res, next) => {
    const requester = await findById(req.params.id);
    if (!requester) return next();
    if (!can(coordinatorOf(res), 'view', { kind: 'requester', unitId: requester.unitId })) return sendForbidden(res, 'unit');
    sendPage(res, requesterFormPage(frameOf(res), { requester, values: formFromRequester(requester), errors: {}, units: await unitsFor(res) }));
  });

  router.post('/requesters/:id', async (req, res, next) => {
    const requester = await findById(req.params.id);
    if (!requester) return next();
    const values = readForm(req.body);
    const result = await updateRequester(ctx, coordinatorOf(res), requester.id, toInput(values));
    await respond(req, res, result, values, requester);
  });

  async function respond(req: Request, res: Response, result: SaveRequesterResult, values: RequesterFormValues, requester: Parameters<typeof requesterFormPage>[1]['requester']): Promise<void> {
    if (result.ok) {
      setFlash(req, 'ok', `${result.requester.name} er lagret.`);
      redirectAfterSave(req, res, `/admin/requesters/${result.requester.id}`);
      return;
    }
    const errors = formErrors(result);
    if (!errors) return result.error === 'not_found' ? void res.status(404).end() : sendForbidden(res, 'unit');
    sendPage(res, requesterFormPage(frameOf(res), { requester, values, errors, units: await unitsFor(res) }), result.error === 'duplicate_phone' ? 409 : 400);
  }

  return router;
}
