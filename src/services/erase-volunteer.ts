import { can, type Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { eraseVolunteerData, listUpcomingAssignments, markDeactivated } from '../db/volunteer-lifecycle.repo';
import { lockVolunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import type { LifecycleRefusal } from './deactivate-volunteer';
import { runUseCase } from './effects';
import { withdrawVolunteerOffer } from './withdraw-volunteer-offer';

export type EraseResult = { ok: true } | LifecycleRefusal;

/**
 * The right to erasure (GDPR art. 17), admins only: the volunteer's name, number, notes, papers,
 * schedule, message texts and pictures are gone; what reports count (offers, answers, tasks, hours)
 * stays under «Slettet frivillig». Their number is free to register again as a new person. Someone
 * holding a task that has not happened is refused until a coordinator has handed it on. The audit
 * event names nobody: it says who erased which id, and how much.
 */
export async function eraseVolunteer(ctx: ServiceContext, actor: Actor, id: string): Promise<EraseResult> {
  if (!can(actor, 'erase', { kind: 'volunteer' })) return { ok: false, error: 'forbidden' };
  return runUseCase(ctx, async (trx, effects, now): Promise<EraseResult> => {
    const volunteer = await lockVolunteer(trx, id);
    if (!volunteer) return { ok: false, error: 'not_found' };
    if (volunteer.erasedAt) return { ok: false, error: 'erased' };
    const assignments = await listUpcomingAssignments(trx, id, now);
    if (assignments.length > 0) return { ok: false, error: 'has_assignments', assignments };
    await markDeactivated(trx, id, now);
    const withdrewOffer = await withdrawVolunteerOffer(trx, ctx, effects, { volunteer, reason: 'erased', notify: false }, now);
    const erased = await eraseVolunteerData(trx, id, volunteer.phone, now);
    await insertAuditEvent(trx, actor, { action: 'volunteer_erased', subjectType: 'volunteer', subjectId: id, detail: { ...erased, withdrewOffer } }, now);
    ctx.log.info({ volunteerId: id, ...erased }, 'volunteer erased');
    return { ok: true };
  });
}
