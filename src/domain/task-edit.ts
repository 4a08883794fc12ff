/**
 * What an edit of a task changed, and who must hear about it. Pure: the service passes the task as
 * it was and as it will be.
 */
export interface EditableFacts {
  type: string;
  startsAt: Date;
  durationMinutes: number;
  area: string;
  summary: string;
  details: string;
  requirements: readonly string[];
  personRef: string | null;
  fillBy: Date | null;
  waveSize: number;
  offerTimeoutMinutes: number;
}

export type EditedField = keyof EditableFacts;

/** In the order the task page lists them. */
export const EDITED_FIELDS: readonly EditedField[] = [
  'type', 'startsAt', 'durationMinutes', 'area', 'summary', 'details', 'requirements', 'personRef', 'fillBy', 'waveSize', 'offerTimeoutMinutes',
];

const time = (d: Date | null) => (d === null ? null : d.getTime());
const same: { [F in EditedField]: (a: EditableFacts[F], b: EditableFacts[F]) => boolean } = {
  type: (a, b) => a === b,
  startsAt: (a, b) => time(a) === time(b),
  durationMinutes: (a, b) => a === b,
  area: (a, b) => a === b,
  summary: (a, b) => a === b,
  details: (a, b) => a === b,
  requirements: (a, b) => [...a].sort().join() === [...b].sort().join(),
  personRef: (a, b) => (a ?? '') === (b ?? ''),
  fillBy: (a, b) => time(a) === time(b),
  waveSize: (a, b) => a === b,
  offerTimeoutMinutes: (a, b) => a === b,
};

export function changedFields(before: EditableFacts, after: EditableFacts): EditedField[] {
  return EDITED_FIELDS.filter((f) => !(same[f] as (a: unknown, b: unknown) => boolean)(before[f], after[f]));
}

/** A volunteer who was offered the task or has it is told only when they must be somewhere else or at another time. */
export function volunteersMustHear(changed: readonly EditedField[]): boolean {
  return changed.some((f) => f === 'startsAt' || f === 'durationMinutes' || f === 'area');
}

/** What the offer SMS shows: an offer not yet sent is rewritten when any of it changed. */
export function offerTextChanged(changed: readonly EditedField[]): boolean {
  return changed.some((f) => f === 'type' || f === 'startsAt' || f === 'durationMinutes' || f === 'area' || f === 'summary');
}

/** Whether anyone's fitness can have changed: who does the type, has the papers, is free then, covers the place. */
export function fitnessMayChange(changed: readonly EditedField[]): boolean {
  return changed.some((f) => f === 'type' || f === 'startsAt' || f === 'durationMinutes' || f === 'area' || f === 'requirements');
}
