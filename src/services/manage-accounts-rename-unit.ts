import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { renameUnit } from '../db/coordinator.repo';
import type { ServiceContext } from './context';
import { checkUnitName, FORBIDDEN, invalid, isUniqueViolation, mayManageAccounts, type AccountChangeResult } from './manage-accounts-rules';

/** Gives a unit a new name; its tasks and coordinators keep belonging to it (they refer to its id). */
export async function changeUnitName(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, unitId: string, name: string): Promise<AccountChangeResult> {
  if (!mayManageAccounts(actor)) return FORBIDDEN;
  const checked = checkUnitName(name);
  if (!checked.ok) return invalid(checked.message);
  try {
    if (!(await renameUnit(ctx.db, unitId, checked.name))) return { ok: false, reason: 'not_found', message: 'Fant ikke enheten.' };
  } catch (err) {
    if (isUniqueViolation(err)) return invalid(`Enheten «${checked.name}» finnes allerede.`);
    throw err;
  }
  await insertAuditEvent(ctx.db, actor, { action: 'unit_renamed', subjectType: 'unit', subjectId: unitId, detail: { name: checked.name } }, ctx.now());
  return { ok: true };
}
