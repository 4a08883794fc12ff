import type { Queryable } from './database';

export async function insertAssignment(db: Queryable, a: { taskId: string; volunteerId: string; offerId: string | null; source: 'sms' | 'manual' }, now: Date): Promise<string> {
  const row = await db.insertInto('assignment').values({
    task_id: a.taskId,
    volunteer_id: a.volunteerId,
    offer_id: a.offerId,
    source: a.source,
    assigned_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function cancelActiveAssignment(db: Queryable, taskId: string, now: Date): Promise<string | undefined> {
  const row = await db.updateTable('assignment').set({ status: 'cancelled', cancelled_at: now })
    .where('task_id', '=', taskId).where('status', '=', 'active').returning('volunteer_id').executeTakeFirst();
  return row?.volunteer_id;
}
