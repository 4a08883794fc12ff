import { checkInSchedule, reminderSchedule } from '../domain/task-timing';
import type { ServiceContext } from './context';
import type { Effects } from './effects';

export interface NewAssignmentTimes { assignmentId: string; startsAt: Date; durationMinutes: number; assignedAt: Date }

/**
 * The timers of a new assignment: the reminders before the task and the check-in after it.
 * Never removed: each job re-reads the assignment and does nothing once it is cancelled or done,
 * and the sweeper re-creates any that Redis lost.
 */
export function scheduleAssignmentTimers(ctx: Pick<ServiceContext, 'settings'>, effects: Effects, a: NewAssignmentTimes): void {
  for (const reminder of reminderSchedule(a, ctx.settings.quietHours)) {
    effects.add({ name: 'send-reminder', data: { assignmentId: a.assignmentId, kind: reminder.kind }, runAt: reminder.at });
  }
  effects.add({ name: 'ask-check-in', data: { assignmentId: a.assignmentId }, runAt: checkInSchedule(a, ctx.settings.quietHours).askAt });
}
