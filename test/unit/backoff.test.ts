import { MAX_RETRY_DELAY_MS, retryDelayMs } from '../../src/queue/backoff';

describe('retry backoff', () => {
  it('doubles from one second and never waits longer than 30 s', () => {
    const longest = (n: number) => retryDelayMs(n, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 19].map(longest)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('takes up to half off at random, so retries after one outage spread out', () => {
    expect(retryDelayMs(6, () => 0)).toBe(MAX_RETRY_DELAY_MS / 2);
    expect(retryDelayMs(1, () => 0.5)).toBe(750);
  });

  it('covers about seven minutes over the 20 attempts a job gets', () => {
    let total = 0;
    for (let made = 1; made < 20; made++) total += retryDelayMs(made, () => 1);
    expect(total).toBeGreaterThan(6 * 60_000);
    expect(total).toBeLessThan(8 * 60_000);
  });
});
