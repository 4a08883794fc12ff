import { parseIntake } from '../domain/intake';
import {
  answerQuestion, applyCorrection, DRAFT_TIMEOUT_MS, fieldsFromIntake, firstStep, pickCancelDay, readRequesterCommand, refOf, type DraftFields, type DraftStep,
} from '../domain/request-conversation';
import { OSLO_ZONE } from '../domain/oslo-time';
import { DateTime } from 'luxon';
import { requesterText } from '../domain/requester-templates';
import type { Tx } from '../db/database';
import { closeDraft, insertDraft, listTasksOfDraft, tagDraftMessage, lockDraftOfRequester, lockOpenDraft, markRequesterMessage, saveDraftStep, type RequestDraft } from '../db/request-draft.repo';
import type { Requester } from '../db/requester.repo';
import type { MessageRow } from '../db/schema';
import { lockTask } from '../db/task.repo';
import type { ServiceContext } from './context';
import { createRequestedTasksInTx } from './create-requested-task';
import { cancelTaskInTx } from './dispatch-task';
import type { Effects } from './effects';
import { factsOf } from './tell-requester';

/** What became of a requester's SMS (message.classification is `request:<outcome>`). */
export type RequesterOutcome = 'asked' | 'summary' | 'confirmed' | 'not_understood' | 'cancelled' | 'abandoned' | 'cancel_unknown' | 'not_a_request';

/** `draftId`: the conversation this text belongs to, once known; its SMS both ways are tagged with it for the task timeline. */
interface Turn { trx: Tx; ctx: ServiceContext; effects: Effects; requester: Requester; message: MessageRow; now: Date; draftId: string | null }

/**
 * The conversation with a registered requester (a nursing home): routed here before any volunteer
 * handling. The draft lives in request_draft, so a restart between two texts loses nothing; one
 * sender's texts are handled one at a time (the inbound job locks the sender).
 */
export async function handleRequesterSms(trx: Tx, ctx: ServiceContext, effects: Effects, requester: Requester, message: MessageRow, now: Date): Promise<RequesterOutcome> {
  const turn: Turn = { trx, ctx, effects, requester, message, now, draftId: null };
  const command = readRequesterCommand(message.body);
  const draft = await lockOpenDraft(trx, message.from_phone);
  const outcome = command.kind === 'cancel' ? await cancelRequest(turn, draft, command.ref, command.day)
    : draft ? await continueDraft(turn, draft, command.kind === 'ok')
      : await startDraft(turn);
  ctx.log.info({ messageId: message.id, requesterId: requester.id, outcome }, 'requester sms handled');
  return outcome;
}

async function reply(t: Turn, body: string, kind: string, taskId?: string): Promise<void> {
  const messageId = await t.effects.sms(t.trx, { to: t.message.from_phone, body, kind, taskId: taskId ?? null });
  if (t.draftId) await tagDraftMessage(t.trx, messageId, t.draftId);
}

async function mark(t: Turn, outcome: RequesterOutcome, o: { needsAttention?: boolean; taskId?: string | null } = {}): Promise<RequesterOutcome> {
  await markRequesterMessage(t.trx, t.message.id, { requesterId: t.requester.id, classification: `request:${outcome}`, needsAttention: o.needsAttention ?? false, taskId: o.taskId, draftId: t.draftId });
  return outcome;
}

/** The expiry timer runs from every text: two quiet hours after the last one, the draft goes to Innboks. */
function scheduleExpiry(t: Turn, draftId: string): void {
  t.effects.add({ name: 'expire-request-draft', data: { draftId }, runAt: new Date(t.now.getTime() + DRAFT_TIMEOUT_MS) });
}

async function sendStep(t: Turn, draftId: string, fields: DraftFields, step: DraftStep): Promise<RequesterOutcome> {
  if (step.kind === 'ask') {
    await reply(t, step.question, 'requester_question');
    return 'asked';
  }
  await reply(t, requesterText(fields.language, 'summary', { facts: factsOf({ id: draftId, fields } as RequestDraft) }), 'requester_summary');
  return 'summary';
}

async function startDraft(t: Turn): Promise<RequesterOutcome> {
  const intake = parseIntake(t.message.body, t.message.created_at);
  // Thanks, questions, complaints and changes without a reference are for a person to read.
  if (!intake.isRequest) return mark(t, 'not_a_request', { needsAttention: true });
  const fields = fieldsFromIntake(intake);
  const step = firstStep(intake);
  const draft = await insertDraft(t.trx, {
    requesterId: t.requester.id, phone: t.message.from_phone, language: fields.language, status: step.kind === 'ask' ? 'asking' : 'confirming',
    fields, asked: step.kind === 'ask' ? step.field : null, text: t.message.body, receivedAt: t.message.created_at,
  }, t.now);
  t.draftId = draft.id;
  scheduleExpiry(t, draft.id);
  await alertIfUrgent(t, draft.id, fields);
  return mark(t, await sendStep(t, draft.id, fields, step));
}

/** «NÅ», or a start within two hours: the coordinator hears of it at once, before any question is answered. */
async function alertIfUrgent(t: Turn, draftId: string, fields: DraftFields): Promise<void> {
  const phone = t.ctx.settings.coordinatorPhone;
  if (!fields.urgent || !phone) return;
  await t.effects.sms(t.trx, { to: phone, body: requesterText('nb', 'coordinator_urgent', { requesterName: t.requester.name, ref: refOf(draftId) }), kind: 'coordinator_urgent_request' });
}

async function continueDraft(t: Turn, draft: RequestDraft, ok: boolean): Promise<RequesterOutcome> {
  t.draftId = draft.id;
  if (draft.status === 'confirming' && ok) return confirm(t, draft);
  if (draft.status === 'asking' && draft.asked) {
    const r = answerQuestion(draft.fields, draft.asked, t.message.body, t.message.created_at);
    await saveDraftStep(t.trx, draft.id, { status: r.step.kind === 'ask' ? 'asking' : 'confirming', fields: r.fields, asked: r.step.kind === 'ask' ? r.step.field : null, text: t.message.body }, t.now);
    scheduleExpiry(t, draft.id);
    return mark(t, await sendStep(t, draft.id, r.fields, r.step));
  }
  const r = applyCorrection(draft.fields, t.message.body, t.message.created_at);
  await saveDraftStep(t.trx, draft.id, { status: 'confirming', fields: r.fields, asked: null, text: t.message.body }, t.now);
  scheduleExpiry(t, draft.id);
  if (r.changed.length === 0) {
    await reply(t, requesterText(draft.language, 'not_understood', { ref: refOf(draft.id) }), 'requester_hint');
    return mark(t, 'not_understood', { needsAttention: true });
  }
  return mark(t, await sendStep(t, draft.id, r.fields, r.step));
}

/** OK: one task per day of the request, all dispatched; the draft points at the first. */
async function confirm(t: Turn, draft: RequestDraft): Promise<RequesterOutcome> {
  const tasks = await createRequestedTasksInTx(t.trx, t.effects, draft, t.requester, t.now);
  const first = tasks[0]!;
  await closeDraft(t.trx, draft.id, 'confirmed', t.now, first.id);
  await reply(t, requesterText(draft.language, 'sent', { facts: factsOf(draft) }), 'requester_sent', first.id);
  t.ctx.log.info({ draftId: draft.id, taskIds: tasks.map((x) => x.id), requesterId: t.requester.id }, 'request confirmed: tasks created and dispatched');
  return mark(t, 'confirmed', { taskId: first.id });
}

/**
 * «AVBRYT K7» cancels every task of K7 that is still open (their volunteers are told); «AVBRYT K7
 * tirsdag» only that day's; «AVBRYT» alone drops the open draft.
 */
async function cancelRequest(t: Turn, open: RequestDraft | undefined, ref: string | null, day: string | null): Promise<RequesterOutcome> {
  const target = ref === null ? open : ref === open?.id ? open : await lockDraftOfRequester(t.trx, ref, t.requester.id);
  const language = target?.language ?? open?.language ?? 'nb';
  t.draftId = target?.id ?? null;
  if (target && (target.status === 'asking' || target.status === 'confirming')) {
    await closeDraft(t.trx, target.id, 'abandoned', t.now);
    await reply(t, requesterText(language, 'abandoned'), 'requester_cancelled');
    return mark(t, 'abandoned');
  }
  if (target?.taskId) return cancelTasks(t, target, day);
  await reply(t, requesterText(language, 'cancel_unknown', { ref }), 'requester_hint');
  return mark(t, 'cancel_unknown', { needsAttention: true, taskId: target?.taskId });
}

async function cancelTasks(t: Turn, draft: RequestDraft, day: string | null): Promise<RequesterOutcome> {
  const osloDay = (d: Date) => DateTime.fromJSDate(d).setZone(OSLO_ZONE).toISODate()!;
  const all = await listTasksOfDraft(t.trx, draft);
  const picked = day === null ? null : pickCancelDay(day, all.map((x) => osloDay(x.startsAt)), t.message.created_at);
  if (day !== null && picked === null) {
    await reply(t, requesterText(draft.language, 'cancel_day_unknown', { facts: { ...factsOf(draft), dates: all.map((x) => osloDay(x.startsAt)) } }), 'requester_hint');
    return mark(t, 'cancel_unknown', { needsAttention: true, taskId: draft.taskId });
  }
  const chosen = all.filter((x) => picked === null || osloDay(x.startsAt) === picked);
  let cancelledAny = false;
  let hadVolunteer = false;
  for (const task of chosen) {
    const before = await lockTask(t.trx, task.id);
    const cancelled = await cancelTaskInTx(t.trx, t.ctx, t.effects, task.id, t.now);
    if (!cancelled.ok) continue;
    cancelledAny = true;
    hadVolunteer ||= Boolean(before?.assignedVolunteerId);
  }
  const firstId = chosen[0]?.id ?? draft.taskId ?? undefined;
  if (!cancelledAny) {
    await reply(t, requesterText(draft.language, 'cancel_unknown', { ref: draft.id }), 'requester_hint');
    return mark(t, 'cancel_unknown', { needsAttention: true, taskId: firstId });
  }
  const oneOfSeveral = picked !== null && all.length > 1 ? picked : null;
  await reply(t, requesterText(draft.language, 'cancelled', { ref: refOf(draft.id), hadVolunteer, day: oneOfSeveral }), 'requester_cancelled', firstId);
  return mark(t, 'cancelled', { taskId: firstId });
}
