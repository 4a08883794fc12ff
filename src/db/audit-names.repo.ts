import type { TaskType } from '../domain/messages';
import type { Queryable } from './database';

/** What the audit log names an event's ids by: tasks by type and time, people and units by name. */
export interface AuditNames {
  tasks: Map<string, { type: TaskType; startsAt: Date }>;
  volunteers: Map<string, string>;
  coordinators: Map<string, string>;
  units: Map<string, string>;
  requesters: Map<string, string>;
}

export interface AuditIds { tasks: string[]; volunteers: string[]; coordinators: string[]; units: string[]; requesters: string[] }

const ID = /^\d{1,18}$/;
const clean = (ids: string[]) => [...new Set(ids.filter((id) => ID.test(id)))];

/** One query per kind, only for the ids on the page (a page has at most 50 events). */
export async function loadAuditNames(db: Queryable, ids: AuditIds): Promise<AuditNames> {
  const [tasks, volunteers, coordinators, units, requesters] = await Promise.all([
    pick(clean(ids.tasks), (list) => db.selectFrom('task').select(['id', 'type', 'starts_at']).where('id', 'in', list).execute()),
    pick(clean(ids.volunteers), (list) => db.selectFrom('volunteer').select(['id', 'name']).where('id', 'in', list).execute()),
    pick(clean(ids.coordinators), (list) => db.selectFrom('coordinator').select(['id', 'name']).where('id', 'in', list).execute()),
    pick(clean(ids.units), (list) => db.selectFrom('unit').select(['id', 'name']).where('id', 'in', list).execute()),
    pick(clean(ids.requesters), (list) => db.selectFrom('requester').select(['id', 'name']).where('id', 'in', list).execute()),
  ]);
  return {
    tasks: new Map(tasks.map((t) => [t.id, { type: t.type, startsAt: t.starts_at }])),
    volunteers: new Map(volunteers.map((v) => [v.id, v.name])),
    coordinators: new Map(coordinators.map((c) => [c.id, c.name])),
    units: new Map(units.map((u) => [u.id, u.name])),
    requesters: new Map(requesters.map((r) => [r.id, r.name])),
  };
}

async function pick<T>(ids: string[], load: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  return ids.length === 0 ? [] : load(ids);
}
