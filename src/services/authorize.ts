import { can, SHARED, type ActionsOn, type Actor } from '../domain/access';
import type { Queryable } from '../db/database';
import { findTask, type Task } from '../db/task.repo';

/**
 * Reads what a request is about and asks the access model before anything is changed: a route
 * calls one of these first and maps `forbidden` to 403 (`not_found` to 404).
 */
export type Authorized<T> = { ok: true; value: T } | { ok: false; error: 'not_found' | 'forbidden' };

export async function authorizeTask(db: Queryable, actor: Actor, taskId: string, action: ActionsOn['task']): Promise<Authorized<Task>> {
  const task = await findTask(db, taskId);
  if (!task) return { ok: false, error: 'not_found' };
  return can(actor, action, { kind: 'task', unitId: task.unitId }) ? { ok: true, value: task } : { ok: false, error: 'forbidden' };
}

/** A follow-up is an assignment's check-in; it belongs to the unit of its task. */
export async function authorizeFollowUp(db: Queryable, actor: Actor, assignmentId: string): Promise<Authorized<string>> {
  const row = await db.selectFrom('assignment as a').innerJoin('task as t', 't.id', 'a.task_id')
    .select('t.unit_id').where('a.id', '=', assignmentId).executeTakeFirst();
  if (!row) return { ok: false, error: 'not_found' };
  return can(actor, 'handle', { kind: 'follow_up', unitId: row.unit_id }) ? { ok: true, value: assignmentId } : { ok: false, error: 'forbidden' };
}

/**
 * An inbound message belongs to the unit of the task it is about; one about no task (an unknown
 * sender, a volunteer's unclear text between tasks) is shared by every coordinator.
 */
export async function authorizeInboxMessage(db: Queryable, actor: Actor, messageId: string, action: ActionsOn['inbox_message']): Promise<Authorized<string>> {
  const row = await db.selectFrom('message as m').leftJoin('task as t', 't.id', 'm.task_id')
    .select(['m.task_id', 't.unit_id']).where('m.id', '=', messageId).where('m.direction', '=', 'inbound').executeTakeFirst();
  if (!row) return { ok: false, error: 'not_found' };
  const unitId = row.task_id === null ? SHARED : row.unit_id;
  return can(actor, action, { kind: 'inbox_message', unitId }) ? { ok: true, value: messageId } : { ok: false, error: 'forbidden' };
}
