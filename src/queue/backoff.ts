/** The backoff type every Svarja job uses; its strategy is registered on each Worker. */
export const RETRY_BACKOFF = { type: 'capped-exponential', delay: 1_000 } as const;

/** No retry waits longer than this: an offer held up by a flaky provider should leave as soon as it recovers. */
export const MAX_RETRY_DELAY_MS = 30_000;

/**
 * 1, 2, 4, 8, 16, then 30 s between attempts, each with up to half of it taken off at random, so
 * that the many sends one provider outage failed do not all come back in the same second.
 */
export function retryDelayMs(attemptsMade: number, random: () => number = Math.random): number {
  const full = Math.min(MAX_RETRY_DELAY_MS, RETRY_BACKOFF.delay * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(full * (0.5 + random() / 2));
}
