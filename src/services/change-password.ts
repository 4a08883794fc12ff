import { randomInt } from 'node:crypto';
import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { findCoordinator, findCredentials, updateCoordinator } from '../db/coordinator.repo';
import { deleteSessionsOf } from '../db/session.repo';
import type { ServiceContext } from './context';
import { mayManageAccounts } from './manage-accounts-rules';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords';

export interface PasswordChange { current: string; next: string; repeat: string }
export type ChangePasswordResult = { ok: true; loggedOut: number } | { ok: false; field: 'current' | 'next' | 'repeat'; message: string };

/**
 * Min konto: a coordinator changes their own password. The current one must be right (a session
 * left open on a shared computer must not be enough to take the account), and every other session
 * of theirs ends. Audit-logged, never with either password.
 */
export async function changeOwnPassword(
  ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Extract<Actor, { kind: 'coordinator' }>, change: PasswordChange, currentSid: string,
): Promise<ChangePasswordResult> {
  const credentials = await findCredentials(ctx.db, actor.email);
  if (!credentials || !(await verifyPassword(credentials.passwordHash, change.current))) {
    return { ok: false, field: 'current', message: 'Nåværende passord er feil.' };
  }
  const weak = checkPasswordStrength(change.next);
  if (weak) return { ok: false, field: 'next', message: weak };
  if (change.next !== change.repeat) return { ok: false, field: 'repeat', message: 'Passordene er ikke like. Skriv det nye passordet likt to ganger.' };
  if (change.next === change.current) return { ok: false, field: 'next', message: 'Det nye passordet må være et annet enn det nåværende.' };
  await updateCoordinator(ctx.db, actor.id, { passwordHash: await hashPassword(change.next) });
  const loggedOut = await deleteSessionsOf(ctx.db, actor.id, currentSid);
  await insertAuditEvent(ctx.db, actor, { action: 'password_changed', subjectType: 'coordinator', subjectId: actor.id, detail: { otherSessionsEnded: loggedOut } }, ctx.now());
  return { ok: true, loggedOut };
}

export type ResetPasswordResult = { ok: true; password: string; name: string } | { ok: false; message: string };

// No look-alikes (0/O, 1/l/I): the password is read off a screen and typed or said on the phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four groups of four: 23 characters with dashes, about 94 bits. */
export function generatePassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/**
 * An admin resets someone's password: a new one is generated and shown once (never stored in clear
 * or logged), and every session of theirs ends. They change it under Min konto after logging in.
 */
export async function resetPassword(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, coordinatorId: string): Promise<ResetPasswordResult> {
  if (!mayManageAccounts(actor)) return { ok: false, message: 'Bare administratorer kan nullstille passord.' };
  const target = await findCoordinator(ctx.db, coordinatorId);
  if (!target) return { ok: false, message: 'Fant ikke koordinatoren.' };
  if (actor.kind === 'coordinator' && actor.id === target.id) return { ok: false, message: 'Bytt ditt eget passord under Min konto.' };
  const password = generatePassword();
  await updateCoordinator(ctx.db, target.id, { passwordHash: await hashPassword(password) });
  const loggedOut = await deleteSessionsOf(ctx.db, target.id);
  await insertAuditEvent(ctx.db, actor, { action: 'password_reset', subjectType: 'coordinator', subjectId: target.id, detail: { sessionsEnded: loggedOut } }, ctx.now());
  return { ok: true, password, name: target.name };
}
