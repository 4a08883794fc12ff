import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { findOrCreateUnit, listUnits } from '../db/coordinator.repo';
import type { ServiceContext } from './context';
import { checkUnitName, FORBIDDEN, invalid, mayManageAccounts, type AccountChangeResult } from './manage-accounts-rules';

/** Adds a unit (units are data, not code). A name already in use, in any letter case, is refused. */
export async function createUnit(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, name: string): Promise<AccountChangeResult> {
  if (!mayManageAccounts(actor)) return FORBIDDEN;
  const checked = checkUnitName(name);
  if (!checked.ok) return invalid(checked.message);
  const existing = await listUnits(ctx.db);
  if (existing.some((u) => u.name.toLowerCase() === checked.name.toLowerCase())) return invalid(`Enheten «${checked.name}» finnes allerede.`);
  const unit = await findOrCreateUnit(ctx.db, checked.name);
  await insertAuditEvent(ctx.db, actor, { action: 'unit_created', subjectType: 'unit', subjectId: unit.id, detail: { name: unit.name } }, ctx.now());
  return { ok: true };
}
