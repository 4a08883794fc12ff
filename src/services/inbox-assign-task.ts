import type { Actor } from '../domain/access';
import { nextTaskStatus } from '../domain/dispatch';
import { insertAuditEvent } from '../db/audit.repo';
import type { Tx } from '../db/database';
import { findAttentionMessage, markMessageHandled } from '../db/inbox.repo';
import { lockSender } from '../db/message.repo';
import type { TaskStatus } from '../db/schema';
import { lockTask } from '../db/task.repo';
import { findVolunteer } from '../db/volunteer.repo';
import { assignVolunteerInTx } from './assign-volunteer';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';

export type InboxAssignResult =
  | { ok: true; taskId: string; volunteerName: string }
  | { ok: false; error: 'not_found' | 'not_a_reply' | 'already_handled' | 'opted_out' }
  | { ok: false; error: 'already_theirs'; taskId: string; volunteerName: string }
  /** Someone else has the task (a JA, or a coordinator, got there first): nothing changed. */
  | { ok: false; error: 'taken'; taskId: string; takenBy: string | null }
  | { ok: false; error: 'not_assignable'; taskId: string; status: TaskStatus };

/**
 * «Tildel oppdraget» on an unclear reply in Innboks: the volunteer who wrote it gets the task the
 * reply was about. It goes through assignVolunteerInTx — the same conditional update as an SMS JA,
 * under the same sender and task locks — so a JA from someone else at the same moment still leaves
 * exactly one volunteer; if the task is taken by then, nothing changes and the coordinator is told.
 * Their offer for the task is the one accepted (late, if it had run out or been declined).
 */
export async function assignFromInbox(ctx: ServiceContext, actor: Extract<Actor, { kind: 'coordinator' }>, messageId: string): Promise<InboxAssignResult> {
  return runUseCase(ctx, async (trx, effects, now): Promise<InboxAssignResult> => {
    const message = await findAttentionMessage(trx, messageId);
    if (!message) return { ok: false, error: 'not_found' };
    if (!message.volunteerId || !message.taskId) return { ok: false, error: 'not_a_reply' };
    if (message.handled) return { ok: false, error: 'already_handled' };
    await lockSender(trx, message.fromPhone); // after the sender's own queued replies, as every reply is handled
    const task = await lockTask(trx, message.taskId);
    const volunteer = await findVolunteer(trx, message.volunteerId);
    if (!task || !volunteer) return { ok: false, error: 'not_found' };
    if (volunteer.optedOut) return { ok: false, error: 'opted_out' };
    if (task.status === 'assigned') {
      if (task.assignedVolunteerId !== volunteer.id) return { ok: false, error: 'taken', taskId: task.id, takenBy: await nameOf(trx, task.assignedVolunteerId) };
      await markMessageHandled(trx, messageId, actor.id, now);
      return { ok: false, error: 'already_theirs', taskId: task.id, volunteerName: volunteer.name };
    }
    if (!nextTaskStatus(task.status, 'manual_assign')) return { ok: false, error: 'not_assignable', taskId: task.id, status: task.status };

    const offer = await trx.selectFrom('offer').select(['id', 'status']).where('task_id', '=', task.id).where('volunteer_id', '=', volunteer.id).orderBy('id', 'desc').executeTakeFirst();
    const live = offer?.status === 'pending' || offer?.status === 'open';
    const late = offer?.status === 'expired' || offer?.status === 'declined';
    const outcome = await assignVolunteerInTx(trx, ctx, effects, { task, volunteer, offerId: live || late ? offer.id : undefined, late, source: 'manual' }, now);
    if (outcome === 'lost') throw new Error(`task ${task.id} was taken while locked`);
    effects.taskChanged(task.id);
    await markMessageHandled(trx, messageId, actor.id, now);
    await insertAuditEvent(trx, actor, { action: 'inbox_assigned', subjectType: 'message', subjectId: messageId, detail: { taskId: task.id, volunteerId: volunteer.id } }, now);
    await insertAuditEvent(trx, actor, { action: 'task_assigned_from_inbox', subjectType: 'task', subjectId: task.id, detail: { messageId, volunteerId: volunteer.id } }, now);
    return { ok: true, taskId: task.id, volunteerName: volunteer.name };
  });
}

async function nameOf(trx: Tx, volunteerId: string | null): Promise<string | null> {
  if (!volunteerId) return null;
  return (await trx.selectFrom('volunteer').select('name').where('id', '=', volunteerId).executeTakeFirst())?.name ?? null;
}
