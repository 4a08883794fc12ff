import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { findCoordinator, listUnits, updateCoordinator } from '../db/coordinator.repo';
import type { CoordinatorRole } from '../db/schema';
import type { ServiceContext } from './context';
import { FORBIDDEN, invalid, mayManageAccounts, type AccountChangeResult } from './manage-accounts-rules';

export interface AccessChange { role: CoordinatorRole; unitId: string | null }

/**
 * Changes a coordinator's role and unit. A coordinator must belong to a unit (their unit decides
 * whose task details they see); an admin may, but need not. An admin cannot demote themselves,
 * so there is always at least one admin left.
 */
export async function changeCoordinatorAccess(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, coordinatorId: string, change: AccessChange): Promise<AccountChangeResult> {
  if (!mayManageAccounts(actor)) return FORBIDDEN;
  const target = await findCoordinator(ctx.db, coordinatorId);
  if (!target) return { ok: false, reason: 'not_found', message: 'Fant ikke koordinatoren.' };
  if (change.role === 'coordinator' && !change.unitId) return invalid('En koordinator må høre til en enhet.');
  if (change.unitId && !(await listUnits(ctx.db)).some((u) => u.id === change.unitId)) return invalid('Fant ikke enheten.');
  if (actor.kind === 'coordinator' && actor.id === target.id && change.role !== 'admin') {
    return invalid('Du kan ikke ta fra deg selv administratortilgangen. Be en annen administrator gjøre det.');
  }
  await updateCoordinator(ctx.db, target.id, { role: change.role, unitId: change.unitId });
  await insertAuditEvent(ctx.db, actor, {
    action: 'coordinator_updated', subjectType: 'coordinator', subjectId: target.id,
    detail: { role: change.role, unitId: change.unitId, previousRole: target.role, previousUnitId: target.unitId },
  }, ctx.now());
  return { ok: true };
}
