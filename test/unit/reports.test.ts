import {
  buildYearReport, fillRate, isUnfilled, median, minutesToFill, monthKeyOf, monthsOfYear, NO_UNIT, osloYear, summarize, yearBounds,
  type TaskFact,
} from '../../src/domain/reports';

const now = new Date('2026-06-15T10:00:00Z');

function fact(overrides: Partial<TaskFact> = {}): TaskFact {
  return {
    unitId: '1', startsAt: new Date('2026-05-10T08:00:00Z'), status: 'assigned', durationMinutes: 60,
    dispatchedAt: new Date('2026-05-01T08:00:00Z'), assignedAt: new Date('2026-05-01T08:30:00Z'), volunteerId: 'v1',
    ...overrides,
  };
}

describe('median', () => {
  it.each<[string, number[], number | null]>([
    ['no values', [], null],
    ['one value', [7], 7],
    ['an odd count takes the middle', [30, 5, 12], 12],
    ['an even count averages the middle two', [10, 40, 20, 30], 25],
    ['two values', [1, 2], 1.5],
    ['unsorted with duplicates', [5, 1, 5, 9, 1], 5],
  ])('%s', (_name, values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('fillRate', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [3, 1, 0.75],
    [0, 4, 0],
    [5, 0, 1],
  ])('%i filled and %i unfilled → %p', (filled, unfilled, expected) => {
    expect(fillRate(filled, unfilled)).toBe(expected);
  });
});

describe('month bucketing in Oslo time', () => {
  it.each<[string, string, string]>([
    ['winter: 23:30 UTC on 31 Jan is 1 Feb in Oslo', '2026-01-31T23:30:00Z', '2026-02'],
    ['winter: 22:59 UTC on 31 Jan is still January', '2026-01-31T22:59:00Z', '2026-01'],
    ['summer time: 22:30 UTC on 31 Mar is 1 Apr in Oslo (UTC+2)', '2026-03-31T22:30:00Z', '2026-04'],
    ['summer time: 21:59 UTC on 31 Mar is still March', '2026-03-31T21:59:00Z', '2026-03'],
    ['the night clocks go forward stays in March', '2026-03-29T01:30:00Z', '2026-03'],
    ['back to winter time: 23:30 UTC on 31 Oct is 1 Nov', '2026-10-31T23:30:00Z', '2026-11'],
    ['back to winter time: 22:30 UTC on 31 Oct is still October', '2026-10-31T22:30:00Z', '2026-10'],
    ['new year in Oslo before it is in UTC', '2026-12-31T23:15:00Z', '2027-01'],
  ])('%s', (_name, iso, expected) => {
    expect(monthKeyOf(new Date(iso))).toBe(expected);
  });

  it('the year runs from Oslo midnight to Oslo midnight', () => {
    expect(yearBounds(2026)).toEqual({ start: new Date('2025-12-31T23:00:00Z'), end: new Date('2026-12-31T23:00:00Z') });
    expect(osloYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
  });

  it('lists the twelve months', () => {
    expect(monthsOfYear(2026)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
  });
});

describe('what counts as unfilled', () => {
  it.each<[string, Partial<TaskFact>, boolean]>([
    ['dispatch ran out of volunteers', { status: 'unfilled', startsAt: new Date('2026-07-01T08:00:00Z') }, true],
    ['still searching, start ahead: not yet', { status: 'searching', startsAt: new Date('2026-07-01T08:00:00Z') }, false],
    ['still searching, start passed', { status: 'searching', startsAt: new Date('2026-06-01T08:00:00Z') }, true],
    ['never dispatched, start passed', { status: 'new', startsAt: new Date('2026-06-01T08:00:00Z') }, true],
    ['assigned', { status: 'assigned' }, false],
    ['cancelled', { status: 'cancelled', startsAt: new Date('2026-06-01T08:00:00Z') }, false],
  ])('%s → %p', (_name, overrides, expected) => {
    expect(isUnfilled(fact(overrides), now)).toBe(expected);
  });
});

describe('minutesToFill', () => {
  it.each<[string, Partial<TaskFact>, number | undefined]>([
    ['dispatch to assignment', {}, 30],
    ['assigned by phone without a dispatch', { dispatchedAt: null }, undefined],
    ['not assigned', { assignedAt: null }, undefined],
    ['clock skew never gives a negative time', { assignedAt: new Date('2026-05-01T07:59:00Z') }, 0],
  ])('%s', (_name, overrides, expected) => {
    expect(minutesToFill(fact(overrides))).toBe(expected);
  });
});

describe('summarize', () => {
  it('an empty month has zeros and no rate or median', () => {
    expect(summarize([], now)).toEqual({
      created: 0, filled: 0, unfilled: 0, cancelled: 0, fillRate: null, medianMinutesToFill: null, volunteerMinutes: 0, activeVolunteers: 0,
    });
  });

  it('counts every figure of a mixed month', () => {
    const facts = [
      fact({ volunteerId: 'v1', durationMinutes: 60 }),
      fact({ volunteerId: 'v1', durationMinutes: 90, assignedAt: new Date('2026-05-01T09:00:00Z') }),
      fact({ volunteerId: 'v2', durationMinutes: 30, dispatchedAt: null }),
      fact({ status: 'unfilled', volunteerId: null, assignedAt: null }),
      fact({ status: 'cancelled', volunteerId: null, assignedAt: null }),
    ];
    expect(summarize(facts, now)).toEqual({
      created: 5, filled: 3, unfilled: 1, cancelled: 1, fillRate: 0.75,
      medianMinutesToFill: 45, // 30 and 60 minutes; the phone assignment has no dispatch
      volunteerMinutes: 180, activeVolunteers: 2,
    });
  });
});

describe('buildYearReport', () => {
  const facts = [
    fact({ unitId: '1', startsAt: new Date('2026-01-31T23:30:00Z'), volunteerId: 'v1' }), // 1 Feb in Oslo
    fact({ unitId: '2', startsAt: new Date('2026-02-10T10:00:00Z'), volunteerId: 'v1' }),
    fact({ unitId: null, startsAt: new Date('2026-02-11T10:00:00Z'), status: 'unfilled', volunteerId: null }),
    fact({ unitId: '1', startsAt: new Date('2025-12-31T22:00:00Z') }), // 23:00 on 31 Dec: last year
  ];
  const report = buildYearReport(facts, { year: 2026, now, unitKeys: ['1', '2', '3'] });

  it('has twelve months and keeps units without tasks, then any other unit', () => {
    expect(report.months.map((m) => m.month)).toEqual(monthsOfYear(2026));
    expect(report.unitKeys).toEqual(['1', '2', '3', NO_UNIT]);
  });

  it('puts each task in its Oslo month and unit, and leaves out other years', () => {
    const feb = report.months[1]!;
    expect(feb.total.created).toBe(3);
    expect(report.months[0]!.total.created).toBe(0);
    expect(feb.byUnit['1']!.filled).toBe(1);
    expect(feb.byUnit['3']!.created).toBe(0);
    expect(feb.byUnit[NO_UNIT]!.unfilled).toBe(1);
    expect(report.total.created).toBe(3);
  });

  it('counts a volunteer active in two units once in the total', () => {
    expect(report.months[1]!.byUnit['1']!.activeVolunteers).toBe(1);
    expect(report.months[1]!.byUnit['2']!.activeVolunteers).toBe(1);
    expect(report.months[1]!.total.activeVolunteers).toBe(1);
    expect(report.total.activeVolunteers).toBe(1);
  });
});
