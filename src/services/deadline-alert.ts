import { renderText, toTaskFacts } from '../domain/messages';
import { deadlineAlertAt, fillByDeadline } from '../domain/task-timing';
import { countOffers } from '../db/offer.repo';
import { lockTask, updateTask, type Task } from '../db/task.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { isDue } from './timer-due';

/** When the coordinator should hear that a dispatched task has nobody yet. */
export function alertTimeOf(task: Pick<Task, 'startsAt' | 'fillBy' | 'dispatchedAt'>): Date | undefined {
  if (!task.dispatchedAt) return undefined;
  return deadlineAlertAt({ dispatchedAt: task.dispatchedAt, fillBy: fillByDeadline(task.startsAt, task.fillBy) });
}

/**
 * The deadline-alert job: if the task is still looking for someone as its fill-by deadline nears,
 * the coordinator gets one SMS (deadline_alerted_at makes it once, whatever runs the job twice).
 */
export async function alertDeadline(ctx: ServiceContext, taskId: string): Promise<'alerted' | 'not_needed' | 'not_due' | 'no_coordinator_phone'> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const task = await lockTask(trx, taskId);
    if (!task || task.status !== 'searching' || task.deadlineAlertedAt) return 'not_needed';
    const at = alertTimeOf(task);
    if (!at || !isDue(at, now)) return 'not_due';
    await updateTask(trx, taskId, { deadline_alerted_at: now }, now);
    const coordinator = ctx.settings.coordinatorPhone;
    if (!coordinator) {
      ctx.log.warn({ taskId }, 'COORDINATOR_PHONE is not set: nobody was told by SMS that the fill-by deadline is near');
      return 'no_coordinator_phone';
    }
    await effects.sms(trx, {
      to: coordinator,
      body: renderText('nb', 'coordinator_deadline_alert', { task: toTaskFacts(task), offersSent: await countOffers(trx, taskId) }),
      kind: 'coordinator_deadline_alert',
      taskId,
    });
    effects.taskChanged(taskId);
    return 'alerted';
  });
}
