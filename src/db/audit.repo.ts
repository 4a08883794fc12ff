import { actorLabel, type Actor } from '../domain/access';
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

export interface AuditEvent { id: string; at: Date; actor: string; action: string; subjectType: string | null; subjectId: string | null; detail: Record<string, unknown> }

export async function listAuditEvents(db: Queryable, opts: { limit: number; beforeId?: string; action?: string }): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_event').select(['id', 'at', 'actor', 'action', 'subject_type', 'subject_id', 'detail']).orderBy('id', 'desc').limit(opts.limit);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  if (opts.action) q = q.where('action', '=', opts.action);
  return (await q.execute()).map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, detail: r.detail }));
}
