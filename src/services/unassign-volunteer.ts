import type { Actor } from '../domain/access';
import { can } from '../domain/access';
import { renderText, toTaskFacts } from '../domain/messages';
import { insertAuditEvent } from '../db/audit.repo';
import { cancelActiveAssignment } from '../db/assignment.repo';
import type { Tx } from '../db/database';
import { lockTask, moveTask, type Task } from '../db/task.repo';
import type { TaskStatus } from '../db/schema';
import { findVolunteer, type Volunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { dispatchTaskInTx } from './dispatch-task';
import { runUseCase, type Effects } from './effects';

/**
 * Takes the assigned volunteer off a task that still takes place: their assignment is cancelled (so
 * reminders and the check-in do nothing), they get an SMS that they need not come, and the task
 * waits as new — or, with `resend`, is sent out again at once. They are not asked about it again.
 * The caller holds the task lock.
 */
export async function unassignVolunteerInTx(
  trx: Tx, effects: Effects, task: Task, opts: { resend: boolean }, now: Date,
): Promise<{ task: Task; volunteer: Volunteer | undefined } | undefined> {
  const moved = await moveTask(trx, task.id, 'unassign', { assigned_volunteer_id: null, assigned_at: null, dispatched_at: null, closed_at: null }, now);
  if (!moved) return undefined;
  effects.taskChanged(task.id);
  const volunteerId = await cancelActiveAssignment(trx, task.id, now, 'coordinator');
  const volunteer = volunteerId ? await findVolunteer(trx, volunteerId) : undefined;
  if (volunteer) {
    await effects.sms(trx, { to: volunteer.phone, body: renderText(volunteer.language, 'unassigned', { task: toTaskFacts(moved) }), kind: 'unassigned', volunteerId: volunteer.id, taskId: task.id });
  }
  if (!opts.resend) return { task: moved, volunteer };
  const sent = await dispatchTaskInTx(trx, effects, task.id, now);
  return { task: sent.ok ? sent.task : moved, volunteer };
}

export type UnassignResult =
  | { ok: true; task: Task; volunteer: Volunteer | undefined }
  | { ok: false; error: 'not_found' | 'forbidden' }
  | { ok: false; error: 'not_assigned'; status: TaskStatus };

/** «Fjern tildeling»: a coordinator takes the volunteer off; audit-logged. */
export async function unassignTask(ctx: ServiceContext, actor: Actor, taskId: string, opts: { resend: boolean }): Promise<UnassignResult> {
  return runUseCase(ctx, async (trx, effects, now): Promise<UnassignResult> => {
    const task = await lockTask(trx, taskId);
    if (!task) return { ok: false, error: 'not_found' };
    if (!can(actor, 'assign', { kind: 'task', unitId: task.unitId })) return { ok: false, error: 'forbidden' };
    const done = await unassignVolunteerInTx(trx, effects, task, opts, now);
    if (!done) return { ok: false, error: 'not_assigned', status: task.status };
    await insertAuditEvent(trx, actor, {
      action: 'task_unassigned', subjectType: 'task', subjectId: taskId, detail: { volunteerId: done.volunteer?.id ?? null, resent: opts.resend },
    }, now);
    ctx.log.info({ taskId, volunteerId: done.volunteer?.id, resend: opts.resend }, 'volunteer taken off the task');
    return { ok: true, task: done.task, volunteer: done.volunteer };
  });
}
