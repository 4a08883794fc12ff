import { can, type Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { listUpcomingAssignments, markDeactivated, markReactivated, type UpcomingAssignment } from '../db/volunteer-lifecycle.repo';
import { lockVolunteer, type Volunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { withdrawVolunteerOffer } from './withdraw-volunteer-offer';

export type LifecycleRefusal =
  | { ok: false; error: 'not_found' | 'forbidden' | 'erased' }
  /** They hold tasks that have not happened yet: a coordinator must hand those on first. */
  | { ok: false; error: 'has_assignments'; assignments: UpcomingAssignment[] };

export type DeactivateResult = { ok: true; volunteer: Volunteer; changed: boolean; withdrewOffer: boolean } | LifecycleRefusal;

/**
 * Takes a volunteer out of the pool for good (moved away, no longer fit): kept for reports and the
 * history of their tasks, never offered anything again. A live offer is withdrawn with a notice and
 * the next volunteer is asked. Someone holding a task that has not happened is refused: the
 * coordinator decides who takes it first. Deactivated is not opted out: that stays the volunteer's.
 */
export async function deactivateVolunteer(ctx: ServiceContext, actor: Actor, id: string): Promise<DeactivateResult> {
  if (!can(actor, 'deactivate', { kind: 'volunteer' })) return { ok: false, error: 'forbidden' };
  return runUseCase(ctx, async (trx, effects, now): Promise<DeactivateResult> => {
    const volunteer = await lockVolunteer(trx, id);
    if (!volunteer) return { ok: false, error: 'not_found' };
    if (volunteer.erasedAt) return { ok: false, error: 'erased' };
    if (volunteer.deactivatedAt) return { ok: true, volunteer, changed: false, withdrewOffer: false };
    const assignments = await listUpcomingAssignments(trx, id, now);
    if (assignments.length > 0) return { ok: false, error: 'has_assignments', assignments };
    // First, so the fill that replaces their offer cannot pick them again.
    await markDeactivated(trx, id, now);
    const withdrewOffer = await withdrawVolunteerOffer(trx, ctx, effects, { volunteer, reason: 'deactivated', notify: true }, now);
    await insertAuditEvent(trx, actor, { action: 'volunteer_deactivated', subjectType: 'volunteer', subjectId: id, detail: { withdrewOffer } }, now);
    ctx.log.info({ volunteerId: id, withdrewOffer }, 'volunteer deactivated');
    return { ok: true, volunteer: { ...volunteer, deactivatedAt: now }, changed: true, withdrewOffer };
  });
}

export type ReactivateResult = { ok: true; volunteer: Volunteer; changed: boolean } | LifecycleRefusal;

/** Back in the pool: offered again from the next fill on (the sweeper refills searching tasks). */
export async function reactivateVolunteer(ctx: ServiceContext, actor: Actor, id: string): Promise<ReactivateResult> {
  if (!can(actor, 'deactivate', { kind: 'volunteer' })) return { ok: false, error: 'forbidden' };
  return runUseCase(ctx, async (trx, _effects, now): Promise<ReactivateResult> => {
    const volunteer = await lockVolunteer(trx, id);
    if (!volunteer) return { ok: false, error: 'not_found' };
    if (volunteer.erasedAt) return { ok: false, error: 'erased' };
    const changed = await markReactivated(trx, id, now);
    if (changed) await insertAuditEvent(trx, actor, { action: 'volunteer_reactivated', subjectType: 'volunteer', subjectId: id }, now);
    return { ok: true, volunteer: { ...volunteer, deactivatedAt: null }, changed };
  });
}
