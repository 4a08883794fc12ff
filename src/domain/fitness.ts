import type { Exclusion } from './matching';

/**
 * Whether a given person can do a task, as opposed to whether the dispatcher should ask them next.
 * Waiting to answer another offer, or having been asked about this task already, says nothing about
 * the person: a coordinator may still give them the task, and an edit does not make them unfit.
 */
const QUEUE_RULES: ReadonlySet<Exclusion['code']> = new Set<Exclusion['code']>(['open_offer', 'already_offered']);

/** The exclusions that make someone unfit for the task itself; empty means they fit. */
export function unfitReasons(exclusions: readonly Exclusion[]): Exclusion[] {
  return exclusions.filter((e) => !QUEUE_RULES.has(e.code));
}
