import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import { listUnits } from '../db/coordinator.repo';
import { insertTask, type NewTask, type Task } from '../db/task.repo';
import { inTransaction } from '../db/transaction';
import type { ServiceContext } from './context';

export type CreateTaskResult = { ok: true; task: Task } | { ok: false; error: 'unknown_unit' };

/**
 * Creates a task on behalf of a coordinator or the API. The task belongs to the given unit, by
 * default the actor's own (so its coordinators see the details; `API_TOKEN` has no unit). The
 * creation is audit-logged in the same transaction; nothing is sent until the task is dispatched.
 */
export async function createTask(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, input: NewTask): Promise<CreateTaskResult> {
  const unitId = input.unitId ?? (actor.kind === 'coordinator' ? actor.unitId : null);
  if (unitId !== null && !(await listUnits(ctx.db)).some((u) => u.id === unitId)) {
    return { ok: false, error: 'unknown_unit' };
  }
  const createdBy = actor.kind === 'coordinator' ? actor.id : null;
  const task = await inTransaction(ctx.db, async (trx) => {
    const created = await insertTask(trx, { ...input, unitId, createdBy });
    await insertAuditEvent(trx, actor, { action: 'task_created', subjectType: 'task', subjectId: created.id, detail: { type: created.type, unitId } }, ctx.now());
    return created;
  });
  return { ok: true, task };
}
