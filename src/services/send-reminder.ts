import { renderText, toTaskFacts } from '../domain/messages';
import { reminderSchedule, type ReminderKind } from '../domain/task-timing';
import { lockAssignment } from '../db/assignment.repo';
import { findTask } from '../db/task.repo';
import { findVolunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { isDue } from './timer-due';

export type ReminderOutcome = 'sent' | 'not_active' | 'already_sent' | 'not_due' | 'not_scheduled';

const COLUMN = { day_before: 'reminded_day_before_at', two_hours_before: 'reminded_two_hours_at' } as const;
const TEMPLATE = { day_before: 'reminder_day_before', two_hours_before: 'reminder_two_hours' } as const;

/**
 * The send-reminder job: the assigned volunteer gets the task with its details again. Marked on the
 * assignment in the same transaction as the SMS row, so it goes once however often the job runs; an
 * assignment cancelled meanwhile gets nothing.
 */
export async function sendReminder(ctx: ServiceContext, assignmentId: string, kind: ReminderKind): Promise<ReminderOutcome> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const a = await lockAssignment(trx, assignmentId);
    if (!a || a.status !== 'active') return 'not_active';
    if (a[COLUMN[kind]]) return 'already_sent';
    const due = reminderSchedule({ startsAt: a.starts_at, assignedAt: a.assigned_at }, ctx.settings.quietHours).find((r) => r.kind === kind);
    if (!due) return 'not_scheduled';
    if (!isDue(due.at, now)) return 'not_due'; // the sweeper sends it on time
    const [task, volunteer] = await Promise.all([findTask(trx, a.task_id), findVolunteer(trx, a.volunteer_id)]);
    if (!task || !volunteer) return 'not_active';
    await trx.updateTable('assignment').set({ [COLUMN[kind]]: now }).where('id', '=', assignmentId).execute();
    const template = TEMPLATE[kind];
    await effects.sms(trx, {
      to: volunteer.phone,
      body: renderText(volunteer.language, template, { task: toTaskFacts(task), details: task.details }),
      kind: template,
      volunteerId: volunteer.id,
      taskId: task.id,
    });
    return 'sent';
  });
}
