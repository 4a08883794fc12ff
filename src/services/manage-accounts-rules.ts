import { isAdmin, type Actor } from '../domain/access';

/** What every account-management use case answers: done, or why not (in Norwegian, for the page). */
export type AccountChangeResult = { ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'invalid'; message: string };

export const FORBIDDEN: AccountChangeResult = { ok: false, reason: 'forbidden', message: 'Bare administratorer kan endre enheter og koordinatorer.' };

export function invalid(message: string): AccountChangeResult {
  return { ok: false, reason: 'invalid', message };
}

/** Checked in every use case, not only by the page: the rule lives with the change it guards. */
export function mayManageAccounts(actor: Actor): boolean {
  return isAdmin(actor);
}

export const UNIT_NAME_MAX = 100;

/** A trimmed unit name, or the reason it cannot be one. */
export function checkUnitName(name: string): { ok: true; name: string } | { ok: false; message: string } {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) return { ok: false, message: 'Skriv et navn på enheten.' };
  if (trimmed.length > UNIT_NAME_MAX) return { ok: false, message: `Navnet kan ha høyst ${UNIT_NAME_MAX} tegn.` };
  return { ok: true, name: trimmed };
}

/** Postgres unique violation: the name is taken (checked by the database, so races cannot slip past). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}
