import type { Actor } from '../domain/access';
import { nextSendableAt } from '../domain/quiet-hours';
import { insertAuditEvent } from '../db/audit.repo';
import { releaseHeldCalls } from '../db/call.repo';
import { releaseHeldSms } from '../db/message.repo';
import { lockTask, updateTask } from '../db/task.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';

export type SendHeldNowResult = { ok: true; released: number; releasedCalls: number } | { ok: false; error: 'not_found' };

/**
 * «Send nå likevel»: a coordinator decides that one task cannot wait for the morning. Its SMS and
 * offer calls held for quiet hours go now, and offers of later waves the same night are not held
 * either (until the quiet window ends). Audit-logged with how many SMS and calls it released.
 */
export async function sendHeldNow(ctx: ServiceContext, actor: Actor, taskId: string): Promise<SendHeldNowResult> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const task = await lockTask(trx, taskId);
    if (!task) return { ok: false, error: 'not_found' };
    const windowEnds = nextSendableAt(ctx.settings.quietHours, now);
    if (windowEnds > now) await updateTask(trx, taskId, { quiet_hours_override_until: windowEnds }, now);
    const released = await releaseHeldSms(trx, taskId, now);
    // The delayed send jobs already in the queue are moved to now rather than added a second time.
    for (const messageId of released) effects.add({ name: 'send-sms', data: { messageId }, reschedule: true });
    const calls = await releaseHeldCalls(trx, taskId, now);
    for (const callId of calls) effects.add({ name: 'place-call', data: { callId }, reschedule: true });
    const detail = { released: released.length, releasedCalls: calls.length };
    await insertAuditEvent(trx, actor, { action: 'task_sent_despite_quiet_hours', subjectType: 'task', subjectId: taskId, detail }, now);
    effects.taskChanged(taskId);
    ctx.log.info({ taskId, ...detail }, 'held offers released despite quiet hours');
    return { ok: true, ...detail };
  });
}
