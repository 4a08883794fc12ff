import { can, type Actor } from '../domain/access';
import { nextTaskStatus } from '../domain/dispatch';
import { insertAuditEvent } from '../db/audit.repo';
import type { Tx } from '../db/database';
import { findLiveOffer } from '../db/offer.repo';
import { lockTask, type Task } from '../db/task.repo';
import { findVolunteer, type Volunteer } from '../db/volunteer.repo';
import type { TaskStatus } from '../db/schema';
import { assignVolunteerInTx } from './assign-volunteer';
import type { ServiceContext } from './context';
import { runUseCase, type Effects } from './effects';
import { judgeFitness } from './judge-fitness';
import { unassignVolunteerInTx } from './unassign-volunteer';

export type AssignManuallyResult =
  | { ok: true; task: Task; volunteer: Volunteer; replaced?: Volunteer }
  | { ok: false; error: 'not_found' | 'forbidden' | 'volunteer_not_found' | 'volunteer_opted_out' | 'volunteer_deactivated' | 'already_theirs'; status?: undefined }
  | { ok: false; error: 'not_assignable'; status: TaskStatus }
  /** The volunteer does not fit the task; nothing was changed. Ask, then call again with allowUnfit. */
  | { ok: false; error: 'unfit'; volunteer: Volunteer; reasons: string[]; status?: undefined };

export interface AssignOptions {
  /** The coordinator was told why the volunteer does not fit and assigns them anyway. */
  allowUnfit?: boolean;
  /**
   * «Bytt frivillig»: the volunteer the coordinator saw on the task and means to replace. Without it,
   * or when someone else has the task by now, an assigned task is not assignable (two coordinators
   * clicking «Tildel» at once must not silently swap each other's choice).
   */
  replacing?: string;
}

/**
 * "Avtalt på telefon": a coordinator gives the task to a volunteer they spoke to. It goes through
 * the same assignVolunteerInTx as an SMS JA, under the same task lock, so a manual assignment and
 * a JA arriving at the same moment still end with exactly one volunteer. If the volunteer has a
 * live offer for this task, that offer is the one accepted; everyone else's live offer is withdrawn
 * with a "taken" notice, and the volunteer gets the details by SMS — so only someone who may act
 * on the task may do it (checked here too, under the lock, not only by the route).
 *
 * On a task someone already has, this is «Bytt frivillig»: the one who had it is taken off and told,
 * and the new one gets the details, in one transaction. Someone the matching rules say does not fit
 * (wrong type, unavailable, missing papers …) is only assigned with `allowUnfit`, after the
 * coordinator has seen why.
 */
export async function assignManually(ctx: ServiceContext, actor: Actor, taskId: string, volunteerId: string, opts: AssignOptions = {}): Promise<AssignManuallyResult> {
  return runUseCase(ctx, async (trx, effects, now): Promise<AssignManuallyResult> => {
    const task = await lockTask(trx, taskId);
    if (!task) return { ok: false, error: 'not_found' };
    if (!can(actor, 'assign', { kind: 'task', unitId: task.unitId })) return { ok: false, error: 'forbidden' };
    const swapping = task.status === 'assigned' && opts.replacing !== undefined && task.assignedVolunteerId === opts.replacing;
    if (!swapping && !nextTaskStatus(task.status, 'manual_assign')) return { ok: false, error: 'not_assignable', status: task.status };
    if (swapping && task.assignedVolunteerId === volunteerId) return { ok: false, error: 'already_theirs' };
    const volunteer = await findVolunteer(trx, volunteerId);
    if (!volunteer) return { ok: false, error: 'volunteer_not_found' };
    // Taken out of the pool (or erased): never given a task, by SMS or by hand.
    if (volunteer.deactivatedAt) return { ok: false, error: 'volunteer_deactivated' };
    // They asked not to get SMS from us; the details could not reach them either.
    if (volunteer.optedOut) return { ok: false, error: 'volunteer_opted_out' };
    const fitness = (await judgeFitness(trx, task, now, [volunteer.id])).get(volunteer.id);
    const reasons = fitness?.reasons ?? [];
    if (reasons.length > 0 && !opts.allowUnfit) return { ok: false, error: 'unfit', volunteer, reasons };

    const replaced = swapping ? await takeOffCurrent(trx, effects, task, now) : undefined;
    const free = swapping ? (await lockTask(trx, taskId)) ?? task : task;
    const live = await findLiveOffer(trx, volunteer.id);
    const offerId = live?.taskId === task.id ? live.id : undefined;
    const outcome = await assignVolunteerInTx(trx, ctx, effects, { task: free, volunteer, offerId, late: false, source: 'manual' }, now);
    // We hold the task lock and checked its status, so nobody can have taken it in between.
    if (outcome === 'lost') throw new Error(`task ${taskId} was taken while locked`);
    effects.taskChanged(taskId);
    await insertAuditEvent(trx, actor, {
      action: swapping ? 'task_reassigned' : 'task_assigned_manually',
      subjectType: 'task',
      subjectId: taskId,
      detail: { volunteerId: volunteer.id, offerId: offerId ?? null, ...(replaced ? { replacedVolunteerId: replaced.id } : {}), ...(reasons.length > 0 ? { unfit: reasons } : {}) },
    }, now);
    const assigned = await lockTask(trx, taskId);
    return { ok: true, task: assigned ?? task, volunteer, replaced };
  });
}

/** «Bytt frivillig»: the one who had it hears they are no longer needed before the new one is given it. */
async function takeOffCurrent(trx: Tx, effects: Effects, task: Task, now: Date): Promise<Volunteer | undefined> {
  const done = await unassignVolunteerInTx(trx, effects, task, { resend: false }, now);
  if (!done) throw new Error(`task ${task.id} could not be unassigned while locked`);
  return done.volunteer;
}
