import { renderText, toTaskFacts } from '../domain/messages';
import { pickWithdrawal } from '../domain/reply-reading/index';
import type { Tx } from '../db/database';
import { findTask } from '../db/task.repo';
import type { Volunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import type { Effects } from './effects';
import { tasksAhead, type InboundReading } from './read-inbound-reply';
import { cancelByVolunteerInTx } from './volunteer-cancel';

export interface ReadingOutcome {
  /** Shown in Innboks: the volunteer was asked which task, or the help text was throttled. */
  needsAttention: boolean;
  taskId?: string;
}

/**
 * The readings that are not an answer to an offer (issue 12). A withdrawal gives back the task
 * on the day named, or the only one ahead, exactly as AVBRYT does; when that does not settle which,
 * the volunteer is asked and a coordinator sees it. A question about who writes gets the help text.
 */
export async function applyReadingApart(
  trx: Tx, ctx: ServiceContext, effects: Effects, volunteer: Volunteer, read: InboundReading, now: Date, throttle: () => Promise<boolean>,
): Promise<ReadingOutcome> {
  const reply = (kind: string, body: string) => effects.sms(trx, { to: volunteer.phone, body, kind, volunteerId: volunteer.id });
  if (read.reading.intent === 'help_question') {
    const allowed = await throttle();
    const { name, phone } = ctx.settings.centre;
    if (allowed) await reply('help_who', renderText(volunteer.language, 'help_who', { centreName: name, centrePhone: phone }));
    return { needsAttention: !allowed };
  }
  const upcoming = read.upcoming ?? (await tasksAhead(trx, volunteer.id, now));
  if (upcoming.length === 0) {
    await reply('cancel_nothing_to_cancel', renderText(volunteer.language, 'cancel_nothing_to_cancel', {}));
    return { needsAttention: true };
  }
  const chosen = pickWithdrawal(upcoming, read.reading.day, now);
  if (chosen) {
    await cancelByVolunteerInTx(trx, ctx, effects, volunteer, now, chosen.id);
    return { needsAttention: false, taskId: chosen.taskId };
  }
  const tasks = [];
  for (const a of upcoming) {
    const task = await findTask(trx, a.taskId);
    if (task) tasks.push(toTaskFacts(task));
  }
  await reply('withdraw_which', renderText(volunteer.language, 'withdraw_which', { tasks }));
  return { needsAttention: true };
}
