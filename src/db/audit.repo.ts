import { sql } from 'kysely';
import { actorLabel, type Actor, type ListScope } from '../domain/access';
import type { Queryable } from './database';

export interface AuditEntry { action: string; subjectType?: string; subjectId?: string; detail?: Record<string, unknown> }

export async function insertAuditEvent(db: Queryable, actor: Actor | { kind: 'anonymous'; label: string }, entry: AuditEntry, at: Date): Promise<void> {
  await db.insertInto('audit_event').values({
    at,
    coordinator_id: actor.kind === 'coordinator' ? actor.id : null,
    actor: actor.kind === 'anonymous' ? actor.label : actorLabel(actor),
    action: entry.action,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  }).execute();
}

export interface AuditEvent { id: string; at: Date; actor: string; coordinatorId: string | null; action: string; subjectType: string | null; subjectId: string | null; detail: Record<string, unknown> }

/**
 * An event belongs to the unit of the task it is about, else to the unit of the coordinator who did
 * it. Events with neither (failed logins, which show what was typed as the e-mail; the service
 * token's changes to volunteers) are for admins only.
 */
function eventsInScope(db: Queryable, scope: ListScope) {
  const q = db.selectFrom('audit_event as e');
  if (scope.all) return q;
  if (scope.unitId === null) return q.where(sql.lit(false));
  return q.leftJoin('coordinator as c', 'c.id', 'e.coordinator_id')
    .leftJoin('task as t', (join) => join.on('e.subject_type', '=', 'task').on(sql`t.id::text`, '=', sql.ref('e.subject_id')))
    .where(sql`coalesce(t.unit_id, c.unit_id)`, '=', scope.unitId);
}

export async function listAuditEvents(db: Queryable, opts: { scope: ListScope; limit: number; beforeId?: string; action?: string }): Promise<AuditEvent[]> {
  let q = eventsInScope(db, opts.scope).select(['e.id', 'e.at', 'e.actor', 'e.coordinator_id', 'e.action', 'e.subject_type', 'e.subject_id', 'e.detail']).orderBy('e.id', 'desc').limit(opts.limit);
  if (opts.beforeId) q = q.where('e.id', '<', opts.beforeId);
  if (opts.action) q = q.where('e.action', '=', opts.action);
  return (await q.execute()).map((r) => ({ id: r.id, at: r.at, actor: r.actor, coordinatorId: r.coordinator_id, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, detail: r.detail }));
}
