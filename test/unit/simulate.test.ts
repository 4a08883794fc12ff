import { buildScenario, runSimulation, type SimulationResult } from '../../bench/simulate/run';
import { DEFAULT_OPTIONS } from '../../bench/simulate/model';
import { renderReport } from '../../bench/simulate/format';
import { parseArgs } from '../../bench/simulate';

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

  describe('the voice channel (issue 15)', () => {
    it('has call-only pensioners that only the run with calls reaches, on the same tasks', () => {
      const { smsOnly, withCalls } = first.voice;
      expect(first.parameters.callOnlyVolunteers).toBeGreaterThan(0);
      expect(smsOnly).toBe(first.policies[0]); // the SMS-only row is Svarja's own run
      expect(smsOnly.filledByCallOnly).toBe(0);
      expect(smsOnly.calls).toEqual({ placed: 0, answered: 0 });
      expect(withCalls.tasks).toBe(smsOnly.tasks);
      expect(withCalls.filledByCallOnly).toBeGreaterThan(0);
      expect(withCalls.calls.placed).toBeGreaterThanOrEqual(withCalls.calls.answered);
      expect(withCalls.calls.answered).toBeGreaterThan(0);
      expect(withCalls.filled + withCalls.unfilledExhausted + withCalls.unfilledDeadline).toBe(withCalls.tasks);
      expect(first.voice.onlyWithCalls - first.voice.onlyWithout).toBe(withCalls.filled - smsOnly.filled);
    });

    it('without call-only volunteers the two runs are the same run', () => {
      const none = runSimulation({ ...SHORT, seed: 42, callOnlyShare: 0 });
      expect(none.parameters.callOnlyVolunteers).toBe(0);
      const { policy: _a, ...sms } = none.voice.smsOnly;
      const { policy: _b, ...calls } = none.voice.withCalls;
      expect(calls).toEqual(sms);
    });

    it('marks only pensioners, from a stream of its own: the rest of the population is unchanged', () => {
      const options = { ...DEFAULT_OPTIONS, ...SHORT, seed: 42 };
      const none = buildScenario({ ...options, callOnlyShare: 0 });
      const all = buildScenario({ ...options, callOnlyShare: 1 });
      expect(all.volunteers.filter((v) => v.callOnly).map((v) => v.id)).toEqual(all.volunteers.filter((v) => v.profile === 'pensioner').map((v) => v.id));
      expect(all.volunteers.map((v) => ({ ...v, callOnly: false }))).toEqual(none.volunteers);
      expect(all.tasks).toEqual(none.tasks);
    });

    it('prints the table with and without calls, and takes --call-only-share', () => {
      const report = renderReport(first);
      expect(report).toMatch(/voice channel\s+reachable\s+fill rate/);
      expect(report).toMatch(/without \(SMS only\)\s+\d+\s+\d+\.\d%/);
      expect(report).toMatch(/with offer calls\s+\d+\s+\d+\.\d%/);
      expect(parseArgs(['--call-only-share', '0.5']).callOnlyShare).toBe(0.5);
      expect(() => parseArgs(['--call-only-share', '2'])).toThrow(/from 0 to 1/);
    });
  });
});
