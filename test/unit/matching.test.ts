import { DateTime } from 'luxon';
import {
  considerVolunteers, findExpiry, pickNextWave, REQUIREMENT_VALIDITY_YEARS, type Candidate, type Consideration, type Exclusion, type MatchTask,
} from '../../src/domain/matching';
import { compareIds, findAnswerRate } from '../../src/domain/ranking';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' }).toJSDate();

// Friday 5 March 2027, 10:00–11:30 in Oslo (ISO week 9).
const task: MatchTask = {
  id: '500', type: 'escort', startsAt: oslo('2027-03-05T10:00'), durationMinutes: 90, area: 'Kolbotn', requirements: [],
};

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: '1', name: 'Kari', optedOut: false, pausedUntil: null, taskTypes: ['shopping', 'escort', 'visit', 'other'], areas: [],
    confidentialitySignedOn: null, policeCertificateOn: null, trainingOn: null, availability: [], absences: [],
    maxTasksPerWeek: null, assignmentsThisWeek: 0, assignments: [], hasOpenOffer: false, alreadyOfferedThisTask: false,
    helpedThisPersonBefore: false, recentOffers: 0, recentAssignments: 0, answeredOffers: 0, totalOffers: 0,
    ...overrides,
  };
}

function exclusionsFor(c: Partial<Candidate>, t: Partial<MatchTask> = {}): Exclusion[] {
  const [only] = considerVolunteers({ ...task, ...t }, [candidate(c)]);
  return only!.exclusions;
}

const assignment = (taskId: string, from: string, to: string) => ({ taskId, startsAt: oslo(from), endsAt: oslo(to) });
const friday = (from: string, to: string) => ({ weekday: 5 as const, from, to });

describe('eligibility: each rule alone', () => {
  it.each<[string, Partial<Candidate>, Partial<MatchTask>, Exclusion[]]>([
    ['a volunteer with no limits is eligible', {}, {}, []],
    ['opted out', { optedOut: true }, {}, [{ code: 'opted_out' }]],
    ['paused through the task date', { pausedUntil: '2027-03-05' }, {}, [{ code: 'paused', until: '2027-03-05' }]],
    ['paused until the day before', { pausedUntil: '2027-03-04' }, {}, []],
    ['paused into the future', { pausedUntil: '2027-04-01' }, {}, [{ code: 'paused', until: '2027-04-01' }]],
    ['paused to the UTC date of a task just after midnight in Oslo', { pausedUntil: '2027-03-04' }, { startsAt: oslo('2027-03-05T00:30') }, []],
    ['does not do this task type', { taskTypes: ['shopping', 'visit'] }, {}, [{ code: 'wrong_task_type', taskType: 'escort' }]],
    ['no task types at all', { taskTypes: [] }, { type: 'other' }, [{ code: 'wrong_task_type', taskType: 'other' }]],
  ])('%s', (_name, c, t, expected) => {
    expect(exclusionsFor(c, t)).toEqual(expected);
  });
});

describe('eligibility: requirements, judged on the task date', () => {
  it.each<[string, Partial<Candidate>, MatchTask['requirements'], Exclusion[]]>([
    ['no requirements asked', {}, [], []],
    ['missing police certificate', {}, ['police_certificate'], [{ code: 'missing_requirement', requirement: 'police_certificate' }]],
    ['confidentiality never expires', { confidentialitySignedOn: '1990-01-01' }, ['confidentiality'], []],
    ['police certificate expiring exactly on the task date', { policeCertificateOn: '2024-03-05' }, ['police_certificate'],
      [{ code: 'expired_requirement', requirement: 'police_certificate', expiredOn: '2027-03-05' }]],
    ['police certificate expiring the day after', { policeCertificateOn: '2024-03-06' }, ['police_certificate'], []],
    ['training expiring exactly on the task date', { trainingOn: '2025-03-05' }, ['training'],
      [{ code: 'expired_requirement', requirement: 'training', expiredOn: '2027-03-05' }]],
    ['training still valid', { trainingOn: '2025-03-06' }, ['training'], []],
    ['obtained after the task date', { trainingOn: '2027-03-06' }, ['training'], [{ code: 'missing_requirement', requirement: 'training' }]],
    ['obtained on the task date', { trainingOn: '2027-03-05' }, ['training'], []],
    ['all reported in a fixed order, whatever the task lists', { policeCertificateOn: '2020-01-01' },
      ['training', 'police_certificate', 'confidentiality', 'training'], [
        { code: 'missing_requirement', requirement: 'confidentiality' },
        { code: 'expired_requirement', requirement: 'police_certificate', expiredOn: '2023-01-01' },
        { code: 'missing_requirement', requirement: 'training' },
      ]],
  ])('%s', (_name, c, requirements, expected) => {
    expect(exclusionsFor(c, { requirements })).toEqual(expected);
  });

  it('keeps the validity table explicit', () => {
    expect(REQUIREMENT_VALIDITY_YEARS).toEqual({ confidentiality: null, police_certificate: 3, training: 2 });
    expect(findExpiry('confidentiality', '2020-01-01')).toBeUndefined();
    expect(findExpiry('training', '2024-02-29')).toBe('2026-02-28');
  });
});

describe('eligibility: area', () => {
  it.each<[string, string[], string, boolean]>([
    ['an empty list means anywhere', [], 'Kolbotn', true],
    ['the same area', ['Kolbotn'], 'Kolbotn', true],
    ['case and outer spaces do not matter', ['  kolbotn '], 'KOLBOTN', true],
    ['inner spaces are collapsed', ['Kolbotn   sentrum'], 'kolbotn sentrum', true],
    ['decomposed letters match composed ones', ['Oppega\u030Ard'], 'Oppegård', true],
    ['one of several', ['Ski', 'Kolbotn'], 'Kolbotn', true],
    ['another area', ['Oppegård'], 'Kolbotn', false],
    ['a longer name is not a match', ['Kolbotn sentrum'], 'Kolbotn', false],
  ])('%s', (_name, areas, area, eligible) => {
    expect(exclusionsFor({ areas }, { area })).toEqual(eligible ? [] : [{ code: 'outside_area', area }]);
  });
});

describe('eligibility: weekly availability in Oslo wall clock', () => {
  it.each<[string, Candidate['availability'], Partial<MatchTask>, Exclusion[]]>([
    ['an empty list means any time', [], {}, []],
    ['exactly the window', [friday('10:00', '11:30')], {}, []],
    ['inside a wider window', [friday('08:00', '16:00')], {}, []],
    ['ends a minute after the window', [friday('10:00', '11:29')], {},
      [{ code: 'outside_hours', weekday: 5, windows: [{ from: '10:00', to: '11:29' }] }]],
    ['starts a minute before the window', [friday('10:01', '12:00')], {},
      [{ code: 'outside_hours', weekday: 5, windows: [{ from: '10:01', to: '12:00' }] }]],
    ['two windows that only together cover it, listed in time order', [friday('10:30', '12:00'), friday('09:00', '10:30')], {},
      [{ code: 'outside_hours', weekday: 5, windows: [{ from: '09:00', to: '10:30' }, { from: '10:30', to: '12:00' }] }]],
    ['one of several windows fits', [friday('08:00', '09:00'), friday('10:00', '12:00')], {}, []],
    ['no window on the weekday', [{ weekday: 4, from: '08:00', to: '20:00' }], {}, [{ code: 'not_available_weekday', weekday: 5 }]],
    ['the weekday is Oslo’s, not UTC’s (Saturday 00:30 in Oslo)', [friday('00:00', '24:00')], { startsAt: oslo('2027-03-06T00:30'), durationMinutes: 30 },
      [{ code: 'not_available_weekday', weekday: 6 }]],
    ['a task past midnight does not fit a window ending at 24:00', [friday('20:00', '24:00')], { startsAt: oslo('2027-03-05T23:00') },
      [{ code: 'outside_hours', weekday: 5, windows: [{ from: '20:00', to: '24:00' }] }]],
    ['a task ending at midnight fits a window ending at 24:00', [friday('20:00', '24:00')], { startsAt: oslo('2027-03-05T23:00'), durationMinutes: 60 }, []],
    // 2027-03-28: Oslo moves from 02:00 CET to 03:00 CEST.
    ['DST day: 10:00 CEST is 08:00 UTC and fits 10:00–11:30', [{ weekday: 7, from: '10:00', to: '11:30' }],
      { startsAt: new Date('2027-03-28T08:00:00Z') }, []],
    ['DST day: 09:00 UTC is 11:00 CEST, outside 10:00–11:30', [{ weekday: 7, from: '10:00', to: '11:30' }],
      { startsAt: new Date('2027-03-28T09:00:00Z') }, [{ code: 'outside_hours', weekday: 7, windows: [{ from: '10:00', to: '11:30' }] }]],
    ['DST day: an hour from 01:30 ends at 03:30 on the clock', [{ weekday: 7, from: '01:00', to: '03:00' }],
      { startsAt: oslo('2027-03-28T01:30'), durationMinutes: 60 }, [{ code: 'outside_hours', weekday: 7, windows: [{ from: '01:00', to: '03:00' }] }]],
    ['DST day: …and fits a window to 03:30', [{ weekday: 7, from: '01:00', to: '03:30' }],
      { startsAt: oslo('2027-03-28T01:30'), durationMinutes: 60 }, []],
  ])('%s', (_name, availability, t, expected) => {
    expect(exclusionsFor({ availability }, t)).toEqual(expected);
  });
});

describe('eligibility: absences (inclusive)', () => {
  it.each<[string, Candidate['absences'], Partial<MatchTask>, Exclusion[]]>([
    ['starts on the task date', [{ from: '2027-03-05', to: '2027-03-10' }], {}, [{ code: 'absent', until: '2027-03-10' }]],
    ['ends on the task date', [{ from: '2027-03-01', to: '2027-03-05' }], {}, [{ code: 'absent', until: '2027-03-05' }]],
    ['one day', [{ from: '2027-03-05', to: '2027-03-05' }], {}, [{ code: 'absent', until: '2027-03-05' }]],
    ['ended the day before', [{ from: '2027-03-01', to: '2027-03-04' }], {}, []],
    ['starts the day after', [{ from: '2027-03-06', to: '2027-03-10' }], {}, []],
    ['back the Oslo day after, even if UTC is still in the absence', [{ from: '2027-03-01', to: '2027-03-04' }],
      { startsAt: oslo('2027-03-05T00:30') }, []],
    ['back-to-back absences give the real return', [{ from: '2027-03-11', to: '2027-03-20' }, { from: '2027-03-01', to: '2027-03-10' }],
      {}, [{ code: 'absent', until: '2027-03-20' }]],
    ['overlapping absences give the latest end', [{ from: '2027-03-01', to: '2027-03-08' }, { from: '2027-03-04', to: '2027-03-06' }],
      {}, [{ code: 'absent', until: '2027-03-08' }]],
    ['a gap ends the chain', [{ from: '2027-03-01', to: '2027-03-10' }, { from: '2027-03-12', to: '2027-03-20' }],
      {}, [{ code: 'absent', until: '2027-03-10' }]],
  ])('%s', (_name, absences, t, expected) => {
    expect(exclusionsFor({ absences }, t)).toEqual(expected);
  });
});

describe('eligibility: workload and offers', () => {
  it.each<[string, Partial<Candidate>, Exclusion[]]>([
    ['weekly limit reached', { maxTasksPerWeek: 2, assignmentsThisWeek: 2 }, [{ code: 'weekly_limit_reached', limit: 2, week: 9 }]],
    ['weekly limit not reached', { maxTasksPerWeek: 2, assignmentsThisWeek: 1 }, []],
    ['a limit of zero', { maxTasksPerWeek: 0, assignmentsThisWeek: 0 }, [{ code: 'weekly_limit_reached', limit: 0, week: 9 }]],
    ['no limit of their own', { maxTasksPerWeek: null, assignmentsThisWeek: 9 }, []],
    ['an assignment ending as the task starts', { assignments: [assignment('7', '2027-03-05T08:30', '2027-03-05T10:00')] }, []],
    ['an assignment starting as the task ends', { assignments: [assignment('7', '2027-03-05T11:30', '2027-03-05T12:00')] }, []],
    ['overlapping the start by a minute', { assignments: [assignment('7', '2027-03-05T09:00', '2027-03-05T10:01')] },
      [{ code: 'overlapping_assignment', taskIds: ['7'] }]],
    ['overlapping the end by a minute', { assignments: [assignment('7', '2027-03-05T11:29', '2027-03-05T12:00')] },
      [{ code: 'overlapping_assignment', taskIds: ['7'] }]],
    ['an assignment inside the task', { assignments: [assignment('7', '2027-03-05T10:30', '2027-03-05T10:45')] },
      [{ code: 'overlapping_assignment', taskIds: ['7'] }]],
    ['several clashes, earliest first', { assignments: [
      assignment('9', '2027-03-05T11:00', '2027-03-05T12:00'), assignment('8', '2027-03-05T12:00', '2027-03-05T13:00'),
      assignment('7', '2027-03-05T09:00', '2027-03-05T10:30'),
    ] }, [{ code: 'overlapping_assignment', taskIds: ['7', '9'] }]],
    ['an open offer for another task', { hasOpenOffer: true }, [{ code: 'open_offer' }]],
    ['already offered this task', { alreadyOfferedThisTask: true }, [{ code: 'already_offered' }]],
  ])('%s', (_name, c, expected) => {
    expect(exclusionsFor(c)).toEqual(expected);
  });
});

it('reports every failing rule together, in a fixed order', () => {
  const codes = exclusionsFor({
    optedOut: true, pausedUntil: '2027-03-31', taskTypes: ['visit'], areas: ['Ski'],
    availability: [{ weekday: 1, from: '08:00', to: '16:00' }], absences: [{ from: '2027-03-01', to: '2027-03-07' }],
    maxTasksPerWeek: 1, assignmentsThisWeek: 1, assignments: [assignment('7', '2027-03-05T10:00', '2027-03-05T11:00')],
    hasOpenOffer: true, alreadyOfferedThisTask: true,
  }, { requirements: ['training', 'confidentiality'] }).map((e) => e.code);
  expect(codes).toEqual([
    'opted_out', 'paused', 'wrong_task_type', 'missing_requirement', 'missing_requirement', 'outside_area',
    'not_available_weekday', 'absent', 'weekly_limit_reached', 'overlapping_assignment', 'open_offer', 'already_offered',
  ]);
});

describe('ranking', () => {
  const rankedIds = (cs: Partial<Candidate>[]) => considerVolunteers(task, cs.map((c) => candidate(c))).map((c) => c.volunteerId);

  it.each<[string, Partial<Candidate>[], string[]]>([
    ['helped this person before beats fairness', [
      { id: '1', recentAssignments: 0 }, { id: '2', recentAssignments: 5, helpedThisPersonBefore: true },
    ], ['2', '1']],
    ['fewer recent assignments first', [{ id: '1', recentAssignments: 2 }, { id: '2', recentAssignments: 1 }], ['2', '1']],
    ['assignments weigh before offers', [
      { id: '1', recentAssignments: 1, recentOffers: 0 }, { id: '2', recentAssignments: 0, recentOffers: 6 },
    ], ['2', '1']],
    ['with equal assignments, fewer offers first', [
      { id: '1', recentAssignments: 1, recentOffers: 3 }, { id: '2', recentAssignments: 1, recentOffers: 2 },
    ], ['2', '1']],
    ['fairness beats reliability', [
      { id: '1', recentOffers: 1, answeredOffers: 10, totalOffers: 10 }, { id: '2', recentOffers: 0, answeredOffers: 1, totalOffers: 10 },
    ], ['2', '1']],
    ['a higher answer rate first', [
      { id: '1', answeredOffers: 5, totalOffers: 10 }, { id: '2', answeredOffers: 9, totalOffers: 10 },
    ], ['2', '1']],
    ['a newcomer counts as 0.75: above 0.5, below 0.8', [
      { id: '1', answeredOffers: 1, totalOffers: 2 }, { id: '2', answeredOffers: 4, totalOffers: 5 }, { id: '3', answeredOffers: 1, totalOffers: 0 },
      { id: '4', answeredOffers: 2, totalOffers: 4 },
    ], ['2', '1', '3', '4']],
    ['a newcomer ties with a 0.75 rate, then id decides', [
      { id: '12', answeredOffers: 3, totalOffers: 4 }, { id: '11', answeredOffers: 0, totalOffers: 2 },
    ], ['11', '12']],
    ['ids break ties numerically', [{ id: '10' }, { id: '9' }, { id: '100' }, { id: '011' }], ['9', '10', '011', '100']],
  ])('%s', (_name, cs, expected) => {
    expect(rankedIds(cs)).toEqual(expected);
  });

  it('lists the eligible in rank order, then the excluded by name and id', () => {
    const result = considerVolunteers(task, [
      candidate({ id: '5', name: 'Åse', optedOut: true }),
      candidate({ id: '4', name: 'Bjørn', recentAssignments: 1 }),
      candidate({ id: '3', name: 'anne', hasOpenOffer: true }),
      candidate({ id: '2', name: 'Øystein', optedOut: true }),
      candidate({ id: '10', name: 'Anne', hasOpenOffer: true }),
      candidate({ id: '1', name: 'Ola' }),
    ]);
    expect(result.map((c) => [c.volunteerId, c.rank])).toEqual([
      ['1', 1], ['4', 2], ['3', undefined], ['10', undefined], ['2', undefined], ['5', undefined],
    ]);
  });

  it('explains each eligible placing and nothing for the excluded', () => {
    const [helper, newcomer, excluded] = considerVolunteers(task, [
      candidate({ id: '1', helpedThisPersonBefore: true, recentAssignments: 2, recentOffers: 3, answeredOffers: 4, totalOffers: 5 }),
      candidate({ id: '2', name: 'Nils', totalOffers: 1, answeredOffers: 1, recentOffers: 1 }),
      candidate({ id: '3', optedOut: true }),
    ]);
    expect(helper!.rankReasons).toEqual([
      { code: 'helped_before' }, { code: 'recent_load', assignments: 2, offers: 3 },
      { code: 'answer_rate', rate: 0.8, answered: 4, total: 5 },
    ]);
    expect(newcomer!.rankReasons).toEqual([
      { code: 'recent_load', assignments: 0, offers: 1 }, { code: 'new_volunteer', rate: 0.75, total: 1 },
    ]);
    expect(excluded).toMatchObject({ eligible: false, rankReasons: [] });
    expect(excluded!.rank).toBeUndefined();
  });

  it.each<[number, number, number]>([[0, 0, 0.75], [2, 2, 0.75], [0, 3, 0], [3, 3, 1], [3, 4, 0.75]])(
    'answer rate of %i answered of %i is %d', (answeredOffers, totalOffers, rate) => {
      expect(findAnswerRate({ answeredOffers, totalOffers })).toBe(rate);
    });

  it.each<[string, string, number]>([['9', '10', -1], ['10', '9', 1], ['10', '010', 0], ['123456789012345678901', '123456789012345678902', -1]])(
    'compareIds(%s, %s) has the sign %i', (a, b, sign) => {
      expect(Math.sign(compareIds(a, b))).toBe(sign);
    });
});

describe('pickNextWave', () => {
  const considerations = considerVolunteers(task, [
    candidate({ id: '3', recentAssignments: 2 }), candidate({ id: '1', optedOut: true }),
    candidate({ id: '2', recentAssignments: 1 }), candidate({ id: '4' }),
  ]);

  it.each<[number, string[]]>([[0, []], [-1, []], [1, ['4']], [2, ['4', '2']], [3, ['4', '2', '3']], [10, ['4', '2', '3']]])(
    'the first %i eligible', (n, expected) => {
      expect(pickNextWave(considerations, n)).toEqual(expected);
    });

  it('follows the rank, not the array order', () => {
    const shuffled: Consideration[] = [...considerations].reverse();
    expect(pickNextWave(shuffled, 2)).toEqual(['4', '2']);
  });
});
