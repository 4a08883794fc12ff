import { randomInt } from 'node:crypto';
import { drawDoorstepWord, durationFor, refOf, startsOf } from '../domain/request-conversation';
import type { Tx } from '../db/database';
import { insertAuditEvent } from '../db/audit.repo';
import type { RequestDraft } from '../db/request-draft.repo';
import type { Requester } from '../db/requester.repo';
import { insertTask, updateTask, type Task } from '../db/task.repo';
import type { TaskType } from '../domain/language';
import { dispatchTaskInTx } from './dispatch-task';
import type { Effects } from './effects';

const LABEL: Record<TaskType, string> = {
  shopping: 'Handlehjelp', escort: 'Følge', visit: 'Besøk', walk: 'Tur', practical: 'Praktisk hjelp', other: 'Hjelp',
};

/**
 * The summary goes out in offers: what, and from which nursing home (the when and the rough where
 * are in the offer already). Never the helped person's name, needs or notes, and not the
 * destination either: «til kreftpoliklinikken» is a health detail. Those are the details, which
 * only the volunteer who says JA gets.
 */
function summaryOf(draft: RequestDraft, requester: Requester): string {
  return `${LABEL[draft.fields.type]} for en beboer på ${requester.name}.`.slice(0, 300);
}

function detailsOf(draft: RequestDraft, requester: Requester, word: string): string {
  const contact = requester.contactName ? `, kontakt ${requester.contactName}` : '';
  return [
    draft.fields.place ? `Hvor: ${draft.fields.place}.` : null,
    draft.fields.notes.trim() || null,
    `Bestilt på SMS av ${requester.name} (${refOf(draft.id)})${contact}, tlf. ${draft.phone}.`,
    `Dørord: ${word}. Si det ved døren, så vet de at du kommer fra oss.`,
  ].filter(Boolean).join('\n').slice(0, 2000);
}

/**
 * OK from the requester: one task per day of the request («man og tirs kl 12» makes two), each in
 * the requester's unit, tied to the requester and the request's reference, with its own doorstep
 * word (different volunteers may come), and dispatched by the normal policy, all in the caller's
 * transaction. Returned in day order.
 */
export async function createRequestedTasksInTx(trx: Tx, effects: Effects, draft: RequestDraft, requester: Requester, now: Date): Promise<Task[]> {
  const starts = startsOf(draft.fields);
  if (starts.length === 0) throw new Error(`draft ${draft.id} is confirmed without a start`);
  const tasks: Task[] = [];
  for (const startsAt of starts) tasks.push(await createOne(trx, effects, draft, requester, startsAt, now));
  return tasks;
}

async function createOne(trx: Tx, effects: Effects, draft: RequestDraft, requester: Requester, startsAt: Date, now: Date): Promise<Task> {
  const created = await insertTask(trx, {
    type: draft.fields.type, startsAt, durationMinutes: durationFor(draft.fields.type),
    area: (requester.defaultPlace ?? requester.name).slice(0, 100), summary: summaryOf(draft, requester), details: 'x', unitId: requester.unitId,
  });
  // The details carry the word and the reference; written once the task exists.
  const word = drawDoorstepWord((n) => randomInt(n));
  await updateTask(trx, created.id, { details: detailsOf(draft, requester, word), requester_id: requester.id, request_ref: refOf(draft.id), doorstep_word: word }, now);
  await insertAuditEvent(trx, { kind: 'anonymous', label: `sms:${requester.name}` }, { action: 'task_created', subjectType: 'task', subjectId: created.id, detail: { type: created.type, unitId: requester.unitId, requesterId: requester.id, ref: refOf(draft.id) } }, now);
  const dispatched = await dispatchTaskInTx(trx, effects, created.id, now);
  if (!dispatched.ok) throw new Error(`new task ${created.id} could not be dispatched: ${dispatched.error}`);
  return dispatched.task;
}
