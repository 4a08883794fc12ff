import { renderText, toTaskFacts } from '../domain/messages';
import type { Queryable, Tx } from '../db/database';
import { cancelActiveAssignment } from '../db/assignment.repo';
import { findTask, moveTask, type Task } from '../db/task.repo';
import { findVolunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { alertTimeOf } from './deadline-alert';
import { runOneStatementUseCase, runUseCase, type Effects } from './effects';
import { fillLaneOf } from './fill-searching-tasks';
import { withdrawOffersWithNotice } from './withdraw-offers';

export type DispatchResult = { ok: true; task: Task } | { ok: false; error: 'not_found' | 'not_dispatchable'; status?: string };

/**
 * Starts (or, after `unfilled`, restarts) looking for a volunteer. The offers themselves are made
 * by the fill-searching-tasks job, so the request returns at once.
 */
export async function dispatchTask(ctx: ServiceContext, taskId: string): Promise<DispatchResult> {
  // One UPDATE does it: a burst of dispatches saves two round trips each (issue 14).
  return runOneStatementUseCase(ctx, (db, effects, now) => dispatchTaskInTx(db, effects, taskId, now));
}

/** dispatchTask inside the caller's transaction (a requester's OK creates and dispatches in one). Writes one statement. */
export async function dispatchTaskInTx(db: Queryable, effects: Effects, taskId: string, now: Date): Promise<DispatchResult> {
  const moved = await moveTask(db, taskId, 'dispatch', { dispatched_at: now, closed_at: null, fill_settled_at: null, fill_requested_at: now }, now);
  if (!moved) {
    const task = await findTask(db, taskId);
    return task ? { ok: false, error: 'not_dispatchable', status: task.status } : { ok: false, error: 'not_found' };
  }
  // Filled in a batch with other tasks dispatched meanwhile (fill-searching-tasks).
  effects.add({ name: 'fill-searching-tasks', data: { lane: fillLaneOf(taskId) } });
  const alertAt = alertTimeOf(moved);
  if (alertAt && !moved.deadlineAlertedAt) effects.add({ name: 'deadline-alert', data: { taskId }, runAt: alertAt });
  effects.taskChanged(taskId);
  return { ok: true, task: moved };
}

export type CancelResult = { ok: true; task: Task } | { ok: false; error: 'not_found' | 'not_cancellable'; status?: string };

/** Cancels a task: live offers are withdrawn with a notice, and an assigned volunteer is told. */
export async function cancelTask(ctx: ServiceContext, taskId: string): Promise<CancelResult> {
  return runUseCase(ctx, (trx, effects, now) => cancelTaskInTx(trx, ctx, effects, taskId, now));
}

/** cancelTask inside the caller's transaction («AVBRYT K7» from the requester who ordered it). */
export async function cancelTaskInTx(trx: Tx, ctx: Pick<ServiceContext, 'log'>, effects: Effects, taskId: string, now: Date): Promise<CancelResult> {
  const moved = await moveTask(trx, taskId, 'cancel', { closed_at: now, assigned_volunteer_id: null }, now);
  if (!moved) {
    const task = await findTask(trx, taskId);
    return task ? { ok: false, error: 'not_cancellable', status: task.status } : { ok: false, error: 'not_found' };
  }
  effects.taskChanged(taskId);
  const facts = toTaskFacts(moved);
  const withdrawn = await withdrawOffersWithNotice(trx, effects, { taskId, reason: 'cancelled', notice: 'offer_withdrawn', task: facts }, now);
  const assignedId = await cancelActiveAssignment(trx, taskId, now, 'coordinator');
  const assigned = assignedId ? await findVolunteer(trx, assignedId) : undefined;
  if (assigned) {
    await effects.sms(trx, { to: assigned.phone, body: renderText(assigned.language, 'task_cancelled', { task: facts }), kind: 'task_cancelled', volunteerId: assigned.id, taskId });
  }
  ctx.log.info({ taskId, withdrawn: withdrawn.offers.length, hadVolunteer: Boolean(assigned) }, 'task cancelled');
  return { ok: true, task: moved };
}
