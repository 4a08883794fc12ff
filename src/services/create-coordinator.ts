import { z } from 'zod';
import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { insertCoordinator, type Coordinator } from '../db/coordinator.repo';
import type { CoordinatorRole } from '../db/schema';
import type { ServiceContext } from './context';
import { checkPasswordStrength, hashPassword } from './passwords';

export interface NewCoordinator { email: string; name: string; password: string; role: CoordinatorRole; unitId: string | null }

export type CreateCoordinatorResult =
  | { ok: true; coordinator: Coordinator }
  | { ok: false; field: 'email' | 'name' | 'password' | 'unitId'; message: string };

const Email = z.email();

/** Creates a coordinator (or admin) account. Used by the admin page and by `npm run create-admin`. */
export async function createCoordinator(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor | 'cli', input: NewCoordinator): Promise<CreateCoordinatorResult> {
  const email = input.email.trim().toLowerCase();
  if (!Email.safeParse(email).success) return { ok: false, field: 'email', message: 'Skriv en gyldig e-postadresse.' };
  if (!input.name.trim()) return { ok: false, field: 'name', message: 'Navn må fylles ut.' };
  const weak = checkPasswordStrength(input.password);
  if (weak) return { ok: false, field: 'password', message: weak };
  if (input.role === 'coordinator' && !input.unitId) return { ok: false, field: 'unitId', message: 'En koordinator må høre til en enhet.' };

  const coordinator = await insertCoordinator(ctx.db, { email, name: input.name, passwordHash: await hashPassword(input.password), role: input.role, unitId: input.unitId });
  if (!coordinator) return { ok: false, field: 'email', message: 'Det finnes allerede en konto med denne e-postadressen.' };
  const who = actor === 'cli' ? { kind: 'anonymous' as const, label: 'command-line' } : actor;
  await insertAuditEvent(ctx.db, who, { action: 'coordinator_created', subjectType: 'coordinator', subjectId: coordinator.id, detail: { role: input.role } }, ctx.now());
  return { ok: true, coordinator };
}
