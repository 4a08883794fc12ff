import { renderText, toTaskFacts } from '../domain/messages';
import { checkInGiveUpAt, checkInSchedule } from '../domain/task-timing';
import type { Tx } from '../db/database';
import { lockAssignment } from '../db/assignment.repo';
import { findTask } from '../db/task.repo';
import { findVolunteer, type Volunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { runUseCase, type Effects } from './effects';
import { isDue } from './timer-due';

export type AskCheckInOutcome = 'asked' | 'not_active' | 'already_asked' | 'not_due';

/** The ask-check-in job: after the task, "Gikk det bra? Svar 1 … 2 …" to the volunteer, once. */
export async function askCheckIn(ctx: ServiceContext, assignmentId: string): Promise<AskCheckInOutcome> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const a = await lockAssignment(trx, assignmentId);
    if (!a || a.status !== 'active') return 'not_active';
    if (a.check_in !== null) return 'already_asked';
    const { askAt } = checkInSchedule({ startsAt: a.starts_at, durationMinutes: a.duration_minutes }, ctx.settings.quietHours);
    if (!isDue(askAt, now)) return 'not_due';
    const [task, volunteer] = await Promise.all([findTask(trx, a.task_id), findVolunteer(trx, a.volunteer_id)]);
    if (!task || !volunteer) return 'not_active';
    await trx.updateTable('assignment').set({ check_in: 'asked', check_in_asked_at: now }).where('id', '=', assignmentId).execute();
    await effects.sms(trx, {
      to: volunteer.phone,
      body: renderText(volunteer.language, 'check_in_question', { task: toTaskFacts(task) }),
      kind: 'check_in_question',
      volunteerId: volunteer.id,
      taskId: task.id,
    });
    effects.add({ name: 'close-check-in', data: { assignmentId }, runAt: checkInGiveUpAt(now) });
    return 'asked';
  });
}

/** The close-check-in job: no answer in two days leaves it for the task's coordinator. */
export async function closeCheckIn(ctx: ServiceContext, assignmentId: string): Promise<'closed' | 'not_asked' | 'not_due'> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const a = await lockAssignment(trx, assignmentId);
    if (!a || a.check_in !== 'asked' || !a.check_in_asked_at) return 'not_asked';
    if (!isDue(checkInGiveUpAt(a.check_in_asked_at), now)) return 'not_due';
    await trx.updateTable('assignment').set({ check_in: 'no_answer' }).where('id', '=', assignmentId).execute();
    effects.taskChanged(a.task_id);
    return 'closed';
  });
}

export type CheckInAnswer = 'ok' | 'follow_up';

/**
 * A volunteer's 1 or 2 to the check-in question. Either way the task is done and the hours are
 * logged; 2 also puts a follow-up in front of the task's own coordinators (the Today page).
 */
export async function answerCheckInInTx(trx: Tx, effects: Effects, volunteer: Volunteer, answer: { assignmentId: string; outcome: CheckInAnswer }, now: Date): Promise<boolean> {
  const a = await lockAssignment(trx, answer.assignmentId);
  if (!a || a.check_in !== 'asked') return false;
  await trx.updateTable('assignment')
    .set({ check_in: answer.outcome, check_in_answered_at: now, status: 'done', hours: (a.duration_minutes / 60).toFixed(2) })
    .where('id', '=', a.id).execute();
  effects.taskChanged(a.task_id);
  const template = answer.outcome === 'ok' ? 'check_in_thanks_ok' : 'check_in_thanks_follow_up';
  await effects.sms(trx, { to: volunteer.phone, body: renderText(volunteer.language, template, {}), kind: template, volunteerId: volunteer.id, taskId: a.task_id });
  return true;
}
