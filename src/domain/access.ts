/**
 * Who may see and do what: the one access model every route and every serializer consults.
 *
 * - Admins, and the service's own API_TOKEN, may do everything.
 * - A coordinator acts only on what belongs to their own unit (tasks, follow-ups, inbox messages
 *   about the unit's tasks, the unit's reports and audit log; requesters). They see
 *   other units' tasks, but never their `details` or `personRef`.
 * - The volunteer pool is shared: every coordinator may see and manage every volunteer, and
 *   deactivate one; erasing one's personal data for good is for admins.
 * - The simulator, accounts and queues are for admins only.
 */
export type Actor =
  | { kind: 'coordinator'; id: string; email: string; name: string; role: 'admin' | 'coordinator'; unitId: string | null }
  | { kind: 'service' }; // API_TOKEN: the operator's own integrations

/**
 * What can be done to each kind of thing. A thing that belongs to a unit carries its `unitId`
 * (null: it belongs to no unit, which only admins may act on). A new kind — `requester` with issue
 * 11 — is one more entry here and one more line in UNIT_SCOPED.
 */
export interface ActionsOn {
  task: 'view' | 'view_details' | 'dispatch' | 'stop' | 'cancel' | 'assign' | 'edit';
  /** Acting "in a unit": creating its tasks, reading its reports and audit log. */
  unit: 'create_task' | 'view_reports' | 'view_audit';
  follow_up: 'view' | 'handle';
  inbox_message: 'view' | 'reply' | 'handle';
  /** `erase` (GDPR erasure, cannot be undone) is for admins only; the rest is every coordinator's. */
  volunteer: 'view' | 'create' | 'edit' | 'import' | 'export' | 'deactivate' | 'erase';
  /** A nursing home or home-care team that orders by SMS: its unit's coordinators own it. */
  requester: 'view' | 'create' | 'edit';
  /** Whole-service tools that show every unit's data or change accounts. */
  system: 'use_simulator' | 'manage_accounts' | 'view_queues' | 'see_all_units';
}

export type ResourceKind = keyof ActionsOn;

/** An inbox message not about any task (an unknown sender, a volunteer's unclear text) is every coordinator's. */
export const SHARED = 'shared' as const;

export type Resource =
  | { kind: 'task'; unitId: string | null }
  | { kind: 'unit'; unitId: string | null }
  | { kind: 'follow_up'; unitId: string | null }
  | { kind: 'inbox_message'; unitId: string | null | typeof SHARED }
  | { kind: 'volunteer' }
  | { kind: 'requester'; unitId: string | null }
  | { kind: 'system' };

export type ResourceOf<K extends ResourceKind> = Extract<Resource, { kind: K }>;

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'service' || actor.role === 'admin';
}

function isOwnUnit(actor: Actor, unitId: string | null): boolean {
  return actor.kind === 'coordinator' && unitId !== null && unitId === actor.unitId;
}

/** Every action on a task except looking at its public part needs the task's own unit. */
const PUBLIC_TASK_ACTIONS: ReadonlySet<string> = new Set<ActionsOn['task']>(['view']);

/** May `actor` do `action` to `resource`? Pure and total: every route asks it before reading or writing. */
export function can<K extends ResourceKind>(actor: Actor, action: ActionsOn[K], resource: ResourceOf<K>): boolean {
  if (isAdmin(actor)) return true;
  const r = resource as Resource;
  switch (r.kind) {
    case 'volunteer': return action !== 'erase';
    case 'system': return false;
    case 'task': return PUBLIC_TASK_ACTIONS.has(action) || isOwnUnit(actor, r.unitId);
    case 'inbox_message': return r.unitId === SHARED || isOwnUnit(actor, r.unitId);
    case 'unit':
    case 'follow_up':
    case 'requester': return isOwnUnit(actor, r.unitId);
  }
}

/**
 * Which units' lists (audit log, inbox, reports, follow-ups) an actor reads: all of them, or one unit
 * (null for a coordinator without a unit: then only what is shared).
 */
export type ListScope = { all: true } | { all: false; unitId: string | null };

export function listScopeOf(actor: Actor): ListScope {
  if (can(actor, 'see_all_units', { kind: 'system' })) return { all: true };
  return { all: false, unitId: actor.kind === 'coordinator' ? actor.unitId : null };
}

/** A task's private details (who, where exactly) are for its own unit's coordinators and admins. */
export function canSeeTaskDetails(actor: Actor, task: { unitId: string | null }): boolean {
  return can(actor, 'view_details', { kind: 'task', unitId: task.unitId });
}

/**
 * A task as this actor may see it: without `details` and `personRef` (and with `detailsHidden`)
 * unless the actor may see them. Every task that leaves the API or a page goes through this.
 */
export type VisibleTask<T extends { details: string; personRef: string | null }> =
  | (T & { detailsHidden?: undefined })
  | (Omit<T, 'details' | 'personRef'> & { detailsHidden: true });

export function visibleTask<T extends { unitId: string | null; details: string; personRef: string | null }>(actor: Actor, task: T): VisibleTask<T> {
  if (canSeeTaskDetails(actor, task)) return task;
  const { details: _details, personRef: _personRef, ...rest } = task;
  return { ...rest, detailsHidden: true };
}

/** How the actor appears in the audit log. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'service' ? 'api-token' : actor.email;
}
