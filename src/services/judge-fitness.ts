import { unfitReasons } from '../domain/fitness';
import { describeExclusion } from '../domain/match-reasons';
import { considerVolunteers, type Exclusion } from '../domain/matching';
import { osloDate } from '../domain/oslo-time';
import type { Queryable } from '../db/database';
import { loadCandidates, toMatchTask } from '../db/matching.repo';
import type { Task } from '../db/task.repo';

export interface Fitness { volunteerId: string; name: string; unfit: Exclusion[]; reasons: string[] }

/**
 * Judges these volunteers for the task as given (which may be an edit not saved yet) by the same
 * rules the dispatcher uses, leaving out the queue rules (see domain/fitness). Volunteers not found
 * are left out of the answer.
 */
export async function judgeFitness(db: Queryable, task: Task, now: Date, volunteerIds: readonly string[]): Promise<Map<string, Fitness>> {
  const out = new Map<string, Fitness>();
  if (volunteerIds.length === 0) return out;
  const candidates = await loadCandidates(db, task, now, { ids: volunteerIds });
  const reference = osloDate(task.startsAt);
  for (const c of considerVolunteers(toMatchTask(task), candidates)) {
    const unfit = unfitReasons(c.exclusions);
    out.set(c.volunteerId, { volunteerId: c.volunteerId, name: c.name, unfit, reasons: unfit.map((e) => describeExclusion(e, 'nb', reference)) });
  }
  return out;
}
