import { Router, type Response } from 'express';
import { z } from 'zod';
import { can, listScopeOf } from '../../domain/access';
import { findRequester, listRequesters, type Requester } from '../../db/requester.repo';
import type { ServiceContext } from '../../services/context';
import { createRequester, updateRequester, type SaveRequesterResult } from '../../services/save-requester';
import { actorOf } from '../auth';
import { sendApiForbidden } from '../forbidden';
import { parseRequest } from '../validate';

const NumericId = z.union([z.string().regex(/^\d{1,18}$/, 'must be a numeric id'), z.number().int().positive()]).transform(String);
const Text = (max: number) => z.string().trim().max(max);

const RequesterBody = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  unitId: NumericId.nullable().optional(),
  phones: z.array(z.string().min(1).max(40)).min(1, 'at least one phone').max(20),
  contactName: Text(200).nullable().optional(),
  defaultPlace: Text(200).nullable().optional(),
});
const RequesterPatch = RequesterBody.partial();
const IdParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric id') });

const toJson = (r: Requester) => ({
  id: r.id, name: r.name, unitId: r.unitId, contactName: r.contactName, defaultPlace: r.defaultPlace, phones: r.phones,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

function sendResult(res: Response, result: SaveRequesterResult, okStatus: number): void {
  if (result.ok) {
    res.status(okStatus).json(toJson(result.requester));
    return;
  }
  switch (result.error) {
    case 'forbidden': return sendApiForbidden(res, 'requesters belong to a unit: you may manage your own unit\'s only');
    case 'not_found': res.status(404).json({ error: 'not_found', message: 'requester not found' }); return;
    case 'duplicate_phone':
      res.status(409).json({
        error: 'duplicate',
        message: result.owners.length > 0
          ? `already someone's number: ${result.owners.map((o) => `${o.phone} belongs to ${o.kind === 'volunteer' ? 'the volunteer' : 'the requester'} ${o.name}`).join('; ')}`
          : `already someone's number: ${result.phones.join(', ')}`,
        fields: [{ field: 'phones', message: 'already registered' }],
      });
      return;
    case 'invalid': {
      const fields = Object.entries(result.errors).map(([field, message]) => ({ field, message }));
      res.status(400).json({ error: 'invalid_request', message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields });
    }
  }
}

/** `POST/GET/PATCH /api/requesters`: nursing homes and others who order by SMS. */
export function requesterRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/requesters', async (_req, res) => {
    const scope = listScopeOf(actorOf(res));
    res.json({ requesters: (await listRequesters(ctx.db, scope.all ? {} : { unitId: scope.unitId })).map(toJson) });
  });

  router.get('/requesters/:id', async (req, res) => {
    const { id } = parseRequest(IdParam, req.params);
    const requester = await findRequester(ctx.db, id);
    if (!requester) {
      res.status(404).json({ error: 'not_found', message: 'requester not found' });
      return;
    }
    if (!can(actorOf(res), 'view', { kind: 'requester', unitId: requester.unitId })) return sendApiForbidden(res, 'the requester belongs to another unit');
    res.json(toJson(requester));
  });

  router.post('/requesters', async (req, res) => {
    const actor = actorOf(res);
    const body = parseRequest(RequesterBody, req.body);
    const unitId = body.unitId === undefined ? (actor.kind === 'coordinator' ? actor.unitId : null) : body.unitId;
    sendResult(res, await createRequester(ctx, actor, { ...body, unitId }), 201);
  });

  router.patch('/requesters/:id', async (req, res) => {
    const { id } = parseRequest(IdParam, req.params);
    const body = parseRequest(RequesterPatch, req.body);
    sendResult(res, await updateRequester(ctx, actorOf(res), id, body), 200);
  });

  return router;
}
