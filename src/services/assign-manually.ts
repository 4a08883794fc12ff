import { can, type Actor } from '../domain/access';
import { nextTaskStatus } from '../domain/dispatch';
import { insertAuditEvent } from '../db/audit.repo';
import { findLiveOffer } from '../db/offer.repo';
import { lockTask, type Task } from '../db/task.repo';
import { findVolunteer, type Volunteer } from '../db/volunteer.repo';
import type { TaskStatus } from '../db/schema';
import { assignVolunteerInTx } from './assign-volunteer';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';

export type AssignManuallyResult =
  | { ok: true; task: Task; volunteer: Volunteer }
  | { ok: false; error: 'not_found' | 'forbidden' | 'volunteer_not_found' | 'volunteer_opted_out' | 'volunteer_deactivated'; status?: undefined }
  | { ok: false; error: 'not_assignable'; status: TaskStatus };

/**
 * "Avtalt på telefon": a coordinator gives the task to a volunteer they spoke to. It goes through
 * the same assignVolunteerInTx as an SMS JA, under the same task lock, so a manual assignment and
 * a JA arriving at the same moment still end with exactly one volunteer. If the volunteer has a
 * live offer for this task, that offer is the one accepted; everyone else's live offer is withdrawn
 * with a "taken" notice, and the volunteer gets the details by SMS — so only someone who may act
 * on the task may do it (checked here too, under the lock, not only by the route).
 */
export async function assignManually(ctx: ServiceContext, actor: Actor, taskId: string, volunteerId: string): Promise<AssignManuallyResult> {
  return runUseCase(ctx, async (trx, effects, now): Promise<AssignManuallyResult> => {
    const task = await lockTask(trx, taskId);
    if (!task) return { ok: false, error: 'not_found' };
    if (!can(actor, 'assign', { kind: 'task', unitId: task.unitId })) return { ok: false, error: 'forbidden' };
    if (!nextTaskStatus(task.status, 'manual_assign')) return { ok: false, error: 'not_assignable', status: task.status };
    const volunteer = await findVolunteer(trx, volunteerId);
    if (!volunteer) return { ok: false, error: 'volunteer_not_found' };
    // Taken out of the pool (or erased): never given a task, by SMS or by hand.
    if (volunteer.deactivatedAt) return { ok: false, error: 'volunteer_deactivated' };
    // They asked not to get SMS from us; the details could not reach them either.
    if (volunteer.optedOut) return { ok: false, error: 'volunteer_opted_out' };

    const live = await findLiveOffer(trx, volunteer.id);
    const offerId = live?.taskId === task.id ? live.id : undefined;
    const outcome = await assignVolunteerInTx(trx, ctx, effects, { task, volunteer, offerId, late: false, source: 'manual' }, now);
    // We hold the task lock and checked its status, so nobody can have taken it in between.
    if (outcome === 'lost') throw new Error(`task ${taskId} was taken while locked`);
    effects.taskChanged(taskId);
    await insertAuditEvent(trx, actor, {
      action: 'task_assigned_manually', subjectType: 'task', subjectId: taskId, detail: { volunteerId: volunteer.id, offerId: offerId ?? null },
    }, now);
    const assigned = await lockTask(trx, taskId);
    return { ok: true, task: assigned ?? task, volunteer };
  });
}
