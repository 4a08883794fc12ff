/**
 * Who is acting, and what they may see. A coordinator belongs to a unit; admins and the service's
 * own API token see everything. Everyone sees the shared volunteer pool.
 */
export type Actor =
  | { kind: 'coordinator'; id: string; email: string; name: string; role: 'admin' | 'coordinator'; unitId: string | null }
  | { kind: 'service' }; // API_TOKEN: the operator's own integrations

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'service' || actor.role === 'admin';
}

/** A task's private details (who, where exactly) are for its own unit's coordinators and admins. */
export function canSeeTaskDetails(actor: Actor, task: { unitId: string | null }): boolean {
  if (isAdmin(actor)) return true;
  return actor.kind === 'coordinator' && task.unitId !== null && task.unitId === actor.unitId;
}

/** How the actor appears in the audit log. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'service' ? 'api-token' : actor.email;
}
