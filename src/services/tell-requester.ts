import { DateTime } from 'luxon';
import { OSLO_ZONE } from '../domain/oslo-time';
import type { RequestFacts } from '../domain/request-facts';
import { requesterText } from '../domain/requester-templates';
import { daysOf, firstNameOf, refOf } from '../domain/request-conversation';
import type { Tx } from '../db/database';
import { findDraftOfTask, tagDraftMessage, type RequestDraft } from '../db/request-draft.repo';
import type { Effects } from './effects';

/** The request as a whole: every day it asked for. */
export function factsOf(draft: Pick<RequestDraft, 'id' | 'fields'>): RequestFacts {
  const f = draft.fields;
  // The holiday is named from the days as they stand (a correction may have moved them).
  return { ref: refOf(draft.id), type: f.type, date: f.date, dates: daysOf(f), time: f.time, place: f.place, holiday: null };
}

/** One task of the request: its own day and time, as the task stands now (a coordinator may have moved it). */
function factsOfTask(draft: RequestDraft, startsAt: Date): RequestFacts {
  const start = DateTime.fromJSDate(startsAt).setZone(OSLO_ZONE);
  const date = start.toISODate()!;
  return { ...factsOf(draft), date, dates: [date], time: start.toFormat('HH:mm') };
}

export type RequesterNews = { kind: 'assigned'; volunteerName: string } | { kind: 'unfilled' };

/**
 * Tells the nursing home that ordered a task by SMS what became of it: who is coming (first name
 * and the doorstep word), that another volunteer comes instead of one who cancelled, or that
 * nobody was found (after a cancellation: that a coordinator takes over). Tasks nobody ordered by
 * SMS are left alone.
 */
export async function tellRequester(trx: Tx, effects: Effects, taskId: string, news: RequesterNews): Promise<void> {
  const task = await trx.selectFrom('task').select(['requester_id', 'doorstep_word', 'starts_at']).where('id', '=', taskId).executeTakeFirst();
  if (!task?.requester_id) return;
  const draft = await findDraftOfTask(trx, taskId);
  if (!draft) return;
  const facts = factsOfTask(draft, task.starts_at);
  // The home was told someone was coming: now it hears of the change, not a first confirmation.
  const replaced = await trx.selectFrom('assignment').select('id').where('task_id', '=', taskId).where('status', '=', 'cancelled').executeTakeFirst();
  const kind = news.kind === 'assigned' ? (replaced ? 'replaced' : 'assigned') : replaced ? 'unfilled_after_cancel' : 'unfilled';
  const body = news.kind === 'assigned'
    ? requesterText(draft.language, kind as 'assigned' | 'replaced', { facts, firstName: firstNameOf(news.volunteerName), doorstepWord: task.doorstep_word })
    : requesterText(draft.language, kind as 'unfilled' | 'unfilled_after_cancel', { facts });
  await tagDraftMessage(trx, await effects.sms(trx, { to: draft.phone, body, kind: `requester_${kind}`, taskId }), draft.id);
}
