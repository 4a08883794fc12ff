import { findTask, type Task } from '../db/task.repo';
import type { Queryable } from '../db/database';

export interface OfferView {
  id: string;
  wave: number;
  status: string;
  closeReason: string | null;
  volunteer: { id: string; name: string; phone: string };
  createdAt: Date;
  sentAt: Date | null;
  expiresAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
}

export interface TaskView extends Task {
  assignedVolunteer: { id: string; name: string; phone: string } | null;
  offers: OfferView[];
}

export async function getTaskView(db: Queryable, taskId: string): Promise<TaskView | undefined> {
  const task = await findTask(db, taskId);
  if (!task) return undefined;
  const rows = await db.selectFrom('offer as o').innerJoin('volunteer as v', 'v.id', 'o.volunteer_id')
    .select(['o.id', 'o.wave', 'o.status', 'o.close_reason', 'o.created_at', 'o.sent_at', 'o.expires_at', 'o.answered_at', 'o.closed_at',
      'v.id as volunteer_id', 'v.name as volunteer_name', 'v.phone as volunteer_phone'])
    .where('o.task_id', '=', taskId).orderBy('o.id').execute();
  const offers: OfferView[] = rows.map((r) => ({
    id: r.id,
    wave: r.wave,
    status: r.status,
    closeReason: r.close_reason,
    volunteer: { id: r.volunteer_id, name: r.volunteer_name, phone: r.volunteer_phone },
    createdAt: r.created_at,
    sentAt: r.sent_at,
    expiresAt: r.expires_at,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
  }));
  let assignedVolunteer: TaskView['assignedVolunteer'] = null;
  if (task.assignedVolunteerId) {
    const v = await db.selectFrom('volunteer').select(['id', 'name', 'phone']).where('id', '=', task.assignedVolunteerId).executeTakeFirst();
    assignedVolunteer = v ?? null;
  }
  return { ...task, assignedVolunteer, offers };
}
