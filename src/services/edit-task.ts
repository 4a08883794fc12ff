import { can, type Actor } from '../domain/access';
import { renderOffer, renderText, toTaskFacts, type TaskFacts } from '../domain/messages';
import { changedFields, fitnessMayChange, offerTextChanged, volunteersMustHear, type EditedField } from '../domain/task-edit';
import { insertAuditEvent } from '../db/audit.repo';
import type { Tx } from '../db/database';
import { cancelUnsentOfferSms, rewriteUntriedOfferSms } from '../db/message.repo';
import { listLiveOffers, withdrawOffersById, type Offer } from '../db/offer.repo';
import { lockTask, saveTaskEdit, updateTask, type Task, type TaskEdit } from '../db/task.repo';
import type { TaskStatus } from '../db/schema';
import { findVolunteersByIds, type Volunteer } from '../db/volunteer.repo';
import { scheduleAssignmentTimers } from './assignment-timers';
import type { ServiceContext } from './context';
import { alertTimeOf } from './deadline-alert';
import { runUseCase, type Effects } from './effects';
import { fillTaskInTx } from './fill-task';
import { judgeFitness } from './judge-fitness';
import { unassignVolunteerInTx } from './unassign-volunteer';

/** What the coordinator chose once told that the assigned volunteer no longer fits. */
export type UnfitDecision = 'keep' | 'unassign' | 'unassign_resend';

export interface EditTaskInput {
  taskId: string;
  /** The edit_version the form was opened at. */
  expectedVersion: number;
  edit: TaskEdit;
  /** The answer to the question about the assigned volunteer, naming who it was about. */
  decision?: { volunteerId: string; choice: UnfitDecision };
}

export interface EditOutcome { changed: EditedField[]; told: number; withdrawn: number; unassigned: boolean }

export type EditTaskResult =
  | { ok: true; task: Task; outcome: EditOutcome }
  | { ok: false; error: 'not_found' | 'forbidden' | 'unchanged' }
  | { ok: false; error: 'not_editable'; status: TaskStatus }
  /** Another coordinator edited it after this form was opened: nothing was saved. */
  | { ok: false; error: 'stale'; task: Task }
  /** The assigned volunteer would no longer fit: nothing was saved; ask, then call again with `decision`. */
  | { ok: false; error: 'confirm_unfit'; volunteer: { id: string; name: string }; reasons: string[] };

/**
 * A coordinator corrects a task. Under the task's row lock (the lock every JA takes too, so an edit
 * and a simultaneous JA run one after the other and neither is lost):
 * - the assigned volunteer, if the edit makes them unfit by the matching rules, is not changed
 *   without the coordinator's answer (keep them, or take them off and let the task wait or go out again);
 * - volunteers with a live offer who no longer fit get it withdrawn, with a notice; a searching task
 *   then asks others in their place;
 * - a new time or place reaches the assigned volunteer and those with a live offer by SMS (an offer
 *   not sent yet just gets the new text); other changes send nothing;
 * - reminders and the deadline alert follow a new time; the edit is audit-logged with what changed.
 */
export async function editTask(ctx: ServiceContext, actor: Actor, input: EditTaskInput): Promise<EditTaskResult> {
  return runUseCase(ctx, async (trx, effects, now): Promise<EditTaskResult> => {
    const before = await lockTask(trx, input.taskId);
    if (!before) return { ok: false, error: 'not_found' };
    if (!can(actor, 'edit', { kind: 'task', unitId: before.unitId })) return { ok: false, error: 'forbidden' };
    if (before.status === 'cancelled') return { ok: false, error: 'not_editable', status: before.status };
    if (before.editVersion !== input.expectedVersion) return { ok: false, error: 'stale', task: before };
    const changed = changedFields(before, input.edit);
    if (changed.length === 0) return { ok: false, error: 'unchanged' };
    const planned: Task = { ...before, ...input.edit };

    const assignedUnfit = await judgeAssigned(trx, before, planned, changed, now);
    const decision = assignedUnfit && input.decision?.volunteerId === assignedUnfit.id ? input.decision.choice : undefined;
    if (assignedUnfit && !decision) return { ok: false, error: 'confirm_unfit', volunteer: assignedUnfit, reasons: assignedUnfit.reasons };

    const saved = await saveTaskEdit(trx, before.id, before.editVersion, input.edit, now);
    if (!saved) throw new Error(`task ${before.id} changed while locked`);
    effects.taskChanged(saved.id);
    const timeChanged = changed.includes('startsAt') || changed.includes('durationMinutes') || changed.includes('fillBy');
    if (timeChanged) await followNewTime(trx, ctx, effects, saved, now);

    const offers = await reviseLiveOffers(trx, effects, before, saved, changed, now);
    const unassign = decision === 'unassign' || decision === 'unassign_resend';
    let task = saved;
    let told = offers.told;
    if (unassign) {
      task = (await unassignVolunteerInTx(trx, effects, saved, { resend: decision === 'unassign_resend' }, now))?.task ?? saved;
    } else if (saved.assignedVolunteerId && volunteersMustHear(changed)) {
      told += await tellVolunteers(trx, effects, [saved.assignedVolunteerId], toTaskFacts(before), toTaskFacts(saved), true);
    }
    if (task.status === 'searching' && (offers.withdrawn > 0 || fitnessMayChange(changed) || changed.includes('waveSize'))) {
      await fillTaskInTx(trx, ctx, effects, task.id, now);
    }

    const outcome: EditOutcome = { changed, told, withdrawn: offers.withdrawn, unassigned: unassign };
    await insertAuditEvent(trx, actor, { action: 'task_edited', subjectType: 'task', subjectId: task.id, detail: auditDetail(before, saved, outcome, assignedUnfit, decision) }, now);
    ctx.log.info({ taskId: task.id, changed, told, withdrawn: offers.withdrawn, unassigned: unassign }, 'task edited');
    return { ok: true, task: (await lockTask(trx, task.id)) ?? task, outcome };
  });
}

type UnfitVolunteer = { id: string; name: string; reasons: string[] };

/** The assigned volunteer, with why, when the edit would make them unfit; undefined when they still fit. */
async function judgeAssigned(trx: Tx, before: Task, planned: Task, changed: EditedField[], now: Date): Promise<UnfitVolunteer | undefined> {
  const id = before.status === 'assigned' ? before.assignedVolunteerId : null;
  if (!id || !fitnessMayChange(changed)) return undefined;
  const fitness = (await judgeFitness(trx, planned, now, [id])).get(id);
  return fitness && fitness.reasons.length > 0 ? { id, name: fitness.name, reasons: fitness.reasons } : undefined;
}

/** Reminders, the check-in and the deadline alert follow a new time; the old timers find it and do nothing. */
async function followNewTime(trx: Tx, ctx: ServiceContext, effects: Effects, task: Task, now: Date): Promise<void> {
  if (task.deadlineAlertedAt) await updateTask(trx, task.id, { deadline_alerted_at: null }, now);
  const alertAt = alertTimeOf(task);
  if (task.status === 'searching' && alertAt) effects.add({ name: 'deadline-alert', data: { taskId: task.id }, runAt: alertAt });
  const active = await trx.selectFrom('assignment').select(['id', 'assigned_at']).where('task_id', '=', task.id).where('status', '=', 'active').executeTakeFirst();
  if (active) scheduleAssignmentTimers(ctx, effects, { assignmentId: active.id, startsAt: task.startsAt, durationMinutes: task.durationMinutes, assignedAt: active.assigned_at });
}

/**
 * Live offers after the edit: withdrawn (with a notice) from those who no longer fit; for the rest,
 * an offer SMS not sent yet is rewritten, and one already sent is followed by a change notice.
 */
async function reviseLiveOffers(trx: Tx, effects: Effects, before: Task, after: Task, changed: EditedField[], now: Date): Promise<{ told: number; withdrawn: number }> {
  const live = await listLiveOffers(trx, after.id);
  if (live.length === 0) return { told: 0, withdrawn: 0 };
  const fitness = fitnessMayChange(changed) ? await judgeFitness(trx, after, now, live.map((o) => o.volunteerId)) : new Map();
  const unfit = live.filter((o) => (fitness.get(o.volunteerId)?.reasons.length ?? 0) > 0);
  const withdrawn = await withdrawWithNotice(trx, effects, after.id, unfit, toTaskFacts(before), now);
  const staying = live.filter((o) => !unfit.includes(o));
  if (staying.length === 0 || !offerTextChanged(changed)) return { told: 0, withdrawn };
  const volunteers = await findVolunteersByIds(trx, staying.map((o) => o.volunteerId));
  const bodies = new Map(staying.map((o) => [o.id, renderOffer(languageOf(volunteers, o.volunteerId), toTaskFacts(after), after.offerTimeoutMinutes)]));
  const rewritten = await rewriteUntriedOfferSms(trx, bodies, now);
  if (!volunteersMustHear(changed)) return { told: 0, withdrawn };
  const toTell = staying.filter((o) => !rewritten.has(o.id)).map((o) => o.volunteerId);
  return { told: await tellVolunteers(trx, effects, toTell, toTaskFacts(before), toTaskFacts(after), false, staying), withdrawn };
}

function languageOf(volunteers: Volunteer[], id: string): string {
  return volunteers.find((v) => v.id === id)?.language ?? 'nb';
}

async function withdrawWithNotice(trx: Tx, effects: Effects, taskId: string, offers: Offer[], before: TaskFacts, now: Date): Promise<number> {
  const withdrawn = await withdrawOffersById(trx, taskId, offers.map((o) => o.id), 'task_changed', now);
  const neverSent = await cancelUnsentOfferSms(trx, withdrawn.map((o) => o.id), now);
  const told = withdrawn.filter((o) => !neverSent.has(o.id));
  for (const v of await findVolunteersByIds(trx, told.map((o) => o.volunteerId))) {
    const offerId = told.find((o) => o.volunteerId === v.id)?.id;
    await effects.sms(trx, { to: v.phone, body: renderText(v.language, 'offer_withdrawn', { task: before }), kind: 'offer_withdrawn', volunteerId: v.id, taskId, offerId });
  }
  return withdrawn.length;
}

/** The new time and place, to each of these volunteers in their language; returns how many were told. */
async function tellVolunteers(trx: Tx, effects: Effects, ids: string[], before: TaskFacts, after: TaskFacts, assigned: boolean, offers: Offer[] = []): Promise<number> {
  let told = 0;
  for (const v of await findVolunteersByIds(trx, ids)) {
    if (v.optedOut) continue;
    const offerId = offers.find((o) => o.volunteerId === v.id)?.id;
    const kind = assigned ? 'task_changed' : 'offer_changed';
    const sent = await effects.sms(trx, { to: v.phone, body: renderText(v.language, 'task_changed', { before, task: after, assigned }), kind, volunteerId: v.id, taskId: after.taskId, offerId });
    if (sent) told += 1;
  }
  return told;
}

/** What the timeline and the audit log say: which fields, the old and new time and place (never the details). */
function auditDetail(before: Task, after: Task, o: EditOutcome, unfit: UnfitVolunteer | undefined, decision: UnfitDecision | undefined): Record<string, unknown> {
  return {
    changed: o.changed,
    ...(o.changed.includes('startsAt') ? { startsAt: { from: before.startsAt.toISOString(), to: after.startsAt.toISOString() } } : {}),
    ...(o.changed.includes('durationMinutes') ? { durationMinutes: { from: before.durationMinutes, to: after.durationMinutes } } : {}),
    ...(o.changed.includes('area') ? { area: { from: before.area, to: after.area } } : {}),
    ...(o.changed.includes('type') ? { type: { from: before.type, to: after.type } } : {}),
    told: o.told,
    withdrawn: o.withdrawn,
    ...(unfit ? { assignedUnfit: { volunteerId: unfit.id, reasons: unfit.reasons, decision } } : {}),
  };
}
