/**
 * Delayed jobs may fire a little early when hosts' clocks differ. A timer this close to its
 * instant counts as due; one fired earlier does nothing, and the sweeper runs it on time.
 */
export const TIMER_EARLY_TOLERANCE_MS = 2_000;

export function isDue(at: Date, now: Date): boolean {
  return at.getTime() <= now.getTime() + TIMER_EARLY_TOLERANCE_MS;
}
