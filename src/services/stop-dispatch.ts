import type { Actor } from '../domain/access';
import { toTaskFacts } from '../domain/messages';
import { insertAuditEvent } from '../db/audit.repo';
import { findTask, moveTask, type Task } from '../db/task.repo';
import type { TaskStatus } from '../db/schema';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { withdrawOffersWithNotice } from './withdraw-offers';

export type StopDispatchResult =
  | { ok: true; task: Task; withdrawn: number; told: number }
  | { ok: false; error: 'not_found' | 'not_stoppable'; status?: TaskStatus };

/**
 * Stops looking for a volunteer: the task goes back to `new`, and every live offer is withdrawn
 * with a notice to its volunteer, so nobody answers an offer that no longer stands. The task can
 * be sent out again later; volunteers already asked are not asked twice.
 *
 * The status change is the first write, so it takes the task's row lock before the offers are
 * touched (the lock order every dispatch use case follows); a fill-task job that runs afterwards
 * finds the task no longer searching and does nothing.
 */
export async function stopDispatch(ctx: ServiceContext, actor: Actor, taskId: string): Promise<StopDispatchResult> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const moved = await moveTask(trx, taskId, 'stop', { dispatched_at: null }, now);
    if (!moved) {
      const task = await findTask(trx, taskId);
      return task ? { ok: false, error: 'not_stoppable', status: task.status } : { ok: false, error: 'not_found' };
    }
    effects.taskChanged(taskId);
    const withdrawn = await withdrawOffersWithNotice(trx, effects, { taskId, reason: 'stopped', notice: 'offer_withdrawn', task: toTaskFacts(moved) }, now);
    await insertAuditEvent(trx, actor, { action: 'task_dispatch_stopped', subjectType: 'task', subjectId: taskId, detail: { withdrawnOffers: withdrawn.offers.length, told: withdrawn.told } }, now);
    ctx.log.info({ taskId, withdrawn: withdrawn.offers.length }, 'dispatch stopped');
    return { ok: true, task: moved, withdrawn: withdrawn.offers.length, told: withdrawn.told };
  });
}
