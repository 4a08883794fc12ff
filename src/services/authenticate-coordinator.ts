import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { findCredentials, markLoggedIn, type Coordinator } from '../db/coordinator.repo';
import type { ServiceContext } from './context';
import { verifyPassword } from './passwords';

export function coordinatorActor(c: Coordinator): Actor {
  return { kind: 'coordinator', id: c.id, email: c.email, name: c.name, role: c.role, unitId: c.unitId };
}

/** Checks e-mail and password; records the attempt either way. Undefined for any failure (no hint which part was wrong). */
export async function authenticateCoordinator(ctx: Pick<ServiceContext, 'db' | 'now'>, email: string, password: string): Promise<Coordinator | undefined> {
  const found = await findCredentials(ctx.db, email);
  const ok = await verifyPassword(found?.active ? found.passwordHash : undefined, password);
  const now = ctx.now();
  if (!found || !ok) {
    await insertAuditEvent(ctx.db, { kind: 'anonymous', label: email.trim().toLowerCase().slice(0, 200) }, { action: 'login_failed' }, now);
    return undefined;
  }
  const { passwordHash: _hash, ...coordinator } = found;
  await markLoggedIn(ctx.db, coordinator.id, now);
  await insertAuditEvent(ctx.db, coordinatorActor(coordinator), { action: 'login' }, now);
  return coordinator;
}
