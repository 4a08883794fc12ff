import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { findCoordinator, updateCoordinator } from '../db/coordinator.repo';
import type { ServiceContext } from './context';
import { FORBIDDEN, invalid, mayManageAccounts, type AccountChangeResult } from './manage-accounts-rules';

/**
 * Deactivates or reactivates an account. A deactivated coordinator is logged out at their next
 * request (every request re-reads the account) and their API tokens stop working. The account and
 * its history stay: audit events and tasks still point at it.
 */
export async function setCoordinatorActive(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, coordinatorId: string, active: boolean): Promise<AccountChangeResult> {
  if (!mayManageAccounts(actor)) return FORBIDDEN;
  const target = await findCoordinator(ctx.db, coordinatorId);
  if (!target) return { ok: false, reason: 'not_found', message: 'Fant ikke koordinatoren.' };
  if (!active && actor.kind === 'coordinator' && actor.id === target.id) return invalid('Du kan ikke deaktivere din egen konto.');
  if (target.active === active) return { ok: true }; // already so: nothing to record
  await updateCoordinator(ctx.db, target.id, { active });
  await insertAuditEvent(ctx.db, actor, { action: active ? 'coordinator_reactivated' : 'coordinator_deactivated', subjectType: 'coordinator', subjectId: target.id }, ctx.now());
  return { ok: true };
}
