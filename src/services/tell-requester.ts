import type { RequestFacts } from '../domain/request-facts';
import { requesterText } from '../domain/requester-templates';
import { firstNameOf } from '../domain/request-conversation';
import type { Tx } from '../db/database';
import { findDraftOfTask, type RequestDraft } from '../db/request-draft.repo';
import type { Effects } from './effects';

export function factsOf(draft: RequestDraft): RequestFacts {
  const f = draft.fields;
  return { ref: `K${draft.id}`, type: f.type, date: f.date, time: f.time, place: f.place, holiday: f.holiday };
}

export type RequesterNews = { kind: 'assigned'; volunteerName: string } | { kind: 'unfilled' };

/**
 * Tells the nursing home that ordered a task by SMS what became of it: who is coming (first name
 * and the doorstep word) or that nobody was found. Tasks nobody ordered by SMS are left alone.
 */
export async function tellRequester(trx: Tx, effects: Effects, taskId: string, news: RequesterNews): Promise<void> {
  const task = await trx.selectFrom('task').select(['requester_id', 'doorstep_word']).where('id', '=', taskId).executeTakeFirst();
  if (!task?.requester_id) return;
  const draft = await findDraftOfTask(trx, taskId);
  if (!draft) return;
  const facts = factsOf(draft);
  const body = news.kind === 'assigned'
    ? requesterText(draft.language, 'assigned', { facts, firstName: firstNameOf(news.volunteerName), doorstepWord: task.doorstep_word })
    : requesterText(draft.language, 'unfilled', { facts });
  await effects.sms(trx, { to: draft.phone, body, kind: `requester_${news.kind}`, taskId });
}
