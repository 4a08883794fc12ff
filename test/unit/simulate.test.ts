import { runSimulation, type SimulationResult } from '../../bench/simulate/run';

/**
 * A short run of the dispatch simulation: 4 weeks, 60 volunteers. With fewer (say 30) most tasks
 * have only a wave's worth of eligible volunteers, so broadcasting costs about what a wave does and
 * the SMS comparison below would hinge on the seed rather than on the policies.
 */
const SHORT = { days: 28, volunteers: 60, warmupDays: 14 };

describe('dispatch simulation', () => {
  let first: SimulationResult;
  beforeAll(() => {
    first = runSimulation({ ...SHORT, seed: 42 });
  });

  it('is deterministic for a seed', () => {
    expect(runSimulation({ ...SHORT, seed: 42 })).toEqual(first);
  });

  it('differs for another seed', () => {
    expect(runSimulation({ ...SHORT, seed: 43 })).not.toEqual(first);
  });

  it('reports sane figures', () => {
    expect(first.parameters.tasks).toBeGreaterThan(40);
    expect(first.policies.map((p) => p.policy)).toEqual(['Svarja', 'Svarja, no quiet hours (ref.)', 'Broadcast', 'One at a time']);
    for (const p of first.policies) {
      expect(p.fillRate).toBeGreaterThan(0);
      expect(p.fillRate).toBeLessThanOrEqual(1);
      expect(p.filled + p.unfilledExhausted + p.unfilledDeadline).toBe(p.tasks);
    }
  });

  it('sends no offers at night under Svarja and more SMS per filled task when broadcasting', () => {
    const [svarja, , broadcast] = first.policies;
    expect(svarja!.offersAtNight).toBe(0);
    expect(broadcast!.smsPerFilled).toBeGreaterThan(svarja!.smsPerFilled);
  });
});
