/** How far back a start may lie: a task typed in just after it began is still recorded, older ones are typos. */
export const START_GRACE_MS = 24 * 3600 * 1000;
/** How far ahead a start may lie: volunteers are not booked years ahead; 9999 is a typo. */
export const START_HORIZON_MS = 2 * 366 * 24 * 3600 * 1000;

export type TaskTimeProblem = { field: 'startsAt' | 'fillBy'; message: string };

/**
 * Whether a task's start and fill-by deadline are sane as of `now`: the start at most a day ago and
 * within about two years, the deadline not after the start. Empty when both are.
 */
export function checkTaskTimes(times: { startsAt: Date; fillBy?: Date | null }, now: Date): TaskTimeProblem[] {
  const problems: TaskTimeProblem[] = [];
  const start = times.startsAt.getTime();
  if (start < now.getTime() - START_GRACE_MS) problems.push({ field: 'startsAt', message: 'must not be more than a day in the past' });
  if (start > now.getTime() + START_HORIZON_MS) problems.push({ field: 'startsAt', message: 'must be within two years' });
  if (times.fillBy && times.fillBy.getTime() > start) problems.push({ field: 'fillBy', message: 'must not be after startsAt' });
  return problems;
}
