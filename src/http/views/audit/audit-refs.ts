import type { AuditEvent } from '../../../db/audit.repo';
import type { AuditIds, AuditNames } from '../../../db/audit-names.repo';
import { formatWhen, TASK_TYPE_LABELS } from '../format';
import { html, type SafeHtml } from '../html';

/** Every id a page of events mentions, so their names are loaded in one go. */
export function idsOf(events: readonly AuditEvent[]): AuditIds {
  const ids: AuditIds = { tasks: [], volunteers: [], coordinators: [], units: [], requesters: [] };
  const add = (list: string[], value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') list.push(String(value));
  };
  for (const e of events) {
    if (e.coordinatorId) ids.coordinators.push(e.coordinatorId);
    const bucket = { task: ids.tasks, volunteer: ids.volunteers, coordinator: ids.coordinators, unit: ids.units, requester: ids.requesters }[e.subjectType ?? ''];
    if (bucket && e.subjectId) bucket.push(e.subjectId);
    add(ids.volunteers, e.detail.volunteerId);
    add(ids.volunteers, e.detail.replacedVolunteerId);
    add(ids.volunteers, (e.detail.assignedUnfit as { volunteerId?: unknown } | undefined)?.volunteerId);
    add(ids.tasks, e.detail.taskId);
    add(ids.units, e.detail.unitId);
    add(ids.units, e.detail.previousUnitId);
    add(ids.requesters, e.detail.requesterId);
  }
  return ids;
}

/** Names and links for the ids of one event; an id whose row is gone (erased, deleted) says so. */
export class AuditRefs {
  constructor(private readonly names: AuditNames, private readonly isAdmin: boolean) {}

  /** Who did it: the coordinator's name, or what the stored label stands for. */
  actor(e: AuditEvent): string {
    const name = e.coordinatorId ? this.names.coordinators.get(e.coordinatorId) : undefined;
    if (name) return name;
    if (e.actor === 'system') return 'Svarja';
    if (e.actor === 'api-token') return 'Tjenestens API-nøkkel';
    if (e.actor === 'cli') return 'Kommandolinjen';
    if (e.actor === 'sms') return 'Den frivillige (på SMS)';
    return e.actor;
  }

  task(id: unknown): SafeHtml {
    const key = String(id ?? '');
    const t = this.names.tasks.get(key);
    const what = t ? `oppdrag ${key} (${(TASK_TYPE_LABELS[t.type] ?? t.type).toLowerCase()} ${formatWhen(t.startsAt)})` : `oppdrag ${key}`;
    return t ? html`<a href="/admin/tasks/${key}">${what}</a>` : html`${what} (finnes ikke lenger)`;
  }

  volunteer(id: unknown): SafeHtml {
    const key = String(id ?? '');
    const name = this.names.volunteers.get(key);
    return name ? html`<a href="/admin/volunteers/${key}">${name}</a>` : html`en frivillig som ikke finnes lenger`;
  }

  coordinator(id: unknown): SafeHtml {
    const key = String(id ?? '');
    const name = this.names.coordinators.get(key) ?? `koordinator ${key}`;
    return this.isAdmin ? html`<a href="/admin/settings#coordinator-${key}">${name}</a>` : html`${name}`;
  }

  unit(id: unknown): string {
    return this.names.units.get(String(id)) ?? 'en enhet som ikke finnes lenger';
  }

  /** ' i Frivilligsentralen', or ' uten enhet'. */
  inUnit(id: unknown): string {
    return id === null || id === undefined || id === '' ? ' uten enhet' : ` i ${this.unit(id)}`;
  }

  requester(id: unknown): SafeHtml {
    const key = String(id ?? '');
    const name = this.names.requesters.get(key);
    return name ? html`<a href="/admin/requesters/${key}">${name}</a>` : html`en bestiller som ikke finnes lenger`;
  }
}
