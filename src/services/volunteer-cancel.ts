import { renderText, toTaskFacts } from '../domain/messages';
import type { Tx } from '../db/database';
import { insertAuditEvent } from '../db/audit.repo';
import { listUpcomingAssignments } from '../db/assignment.repo';
import { lockTask, moveTask } from '../db/task.repo';
import type { Volunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import type { Effects } from './effects';
import { fillTaskInTx } from './fill-task';

/**
 * AVBRYT from an assigned volunteer: their next task that has not started is released, the
 * volunteer gets a confirmation naming it, the coordinator is told, and the task goes straight back
 * to dispatch (the same volunteer is not asked again: one offer per volunteer and task). Pending
 * reminders and the check-in find the assignment cancelled and do nothing.
 */
export async function cancelByVolunteerInTx(
  trx: Tx, ctx: ServiceContext, effects: Effects, volunteer: Volunteer, now: Date, assignmentId?: string,
): Promise<'cancelled' | 'nothing_to_cancel'> {
  const upcoming = (await listUpcomingAssignments(trx, volunteer.id, now)).filter((a) => a.startsAt > now);
  // A free-text withdrawal that named a day gives back that task; AVBRYT the next one.
  const next = assignmentId === undefined ? upcoming[0] : upcoming.find((a) => a.id === assignmentId);
  const reply = (kind: string, body: string, taskId?: string) => effects.sms(trx, { to: volunteer.phone, body, kind, volunteerId: volunteer.id, taskId });
  if (!next) {
    await reply('cancel_nothing_to_cancel', renderText(volunteer.language, 'cancel_nothing_to_cancel', {}));
    return 'nothing_to_cancel';
  }
  await lockTask(trx, next.taskId);
  const released = await trx.updateTable('assignment').set({ status: 'cancelled', cancelled_at: now, cancelled_by: 'volunteer' })
    .where('id', '=', next.id).where('status', '=', 'active').returning('id').executeTakeFirst();
  const task = released ? await moveTask(trx, next.taskId, 'release', { assigned_volunteer_id: null, assigned_at: null, closed_at: null }, now) : undefined;
  // Their offer stays 'accepted' for the record but no longer holds the task: the next JA may be accepted.
  if (task) await trx.updateTable('offer').set({ released_at: now }).where('task_id', '=', task.id).where('status', '=', 'accepted').where('released_at', 'is', null).execute();
  if (!task) {
    await reply('cancel_nothing_to_cancel', renderText(volunteer.language, 'cancel_nothing_to_cancel', {}));
    return 'nothing_to_cancel';
  }
  effects.taskChanged(task.id);
  const facts = toTaskFacts(task);
  await reply('cancel_confirmed', renderText(volunteer.language, 'cancel_confirmed', { task: facts }), task.id);
  if (ctx.settings.coordinatorPhone) {
    await effects.sms(trx, {
      to: ctx.settings.coordinatorPhone,
      body: renderText('nb', 'volunteer_cancelled_coordinator', { task: facts, volunteerName: volunteer.name }),
      kind: 'volunteer_cancelled_coordinator',
      taskId: task.id,
    });
  } else {
    ctx.log.warn({ taskId: task.id }, 'COORDINATOR_PHONE is not set: nobody was told by SMS that a volunteer cancelled');
  }
  await insertAuditEvent(trx, { kind: 'anonymous', label: 'sms' }, { action: 'assignment_cancelled_by_volunteer', subjectType: 'task', subjectId: task.id, detail: { volunteerId: volunteer.id } }, now);
  ctx.log.info({ taskId: task.id, volunteerId: volunteer.id }, 'volunteer cancelled; task back to dispatch');
  await fillTaskInTx(trx, ctx, effects, task.id, now);
  return 'cancelled';
}
