import { DateTime } from 'luxon';
import { OSLO_ZONE } from '../../src/domain/oslo-time';
import { parseQuietHours, type QuietHours } from '../../src/domain/quiet-hours';
import {
  checkInSchedule, deadlineAlertAt, DEFAULT_URGENCY_SETTINGS, dispatchPolicy, fillByDeadline, reminderSchedule,
  type DispatchPolicy, type ReminderKind,
} from '../../src/domain/task-timing';

/** Rows give Oslo wall-clock times; inside the repeated October hour they carry the offset. */
const oslo = (s: string): Date => DateTime.fromISO(s, { zone: OSLO_ZONE }).toJSDate();
const wall = (d: Date): string => DateTime.fromJSDate(d, { zone: OSLO_ZONE }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
const realHours = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / 3_600_000;

function quietHours(spec: string): QuietHours {
  const parsed = parseQuietHours(spec);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('dispatchPolicy', () => {
  const now = '2026-06-15T10:00';

  it.each<[string, string, number, number, boolean, DispatchPolicy]>([
    ['next week', '2026-06-22T10:00', 2, 60, false, { urgent: false, waveSize: 2, offerTimeoutMinutes: 60 }],
    ['next week, one at a time', '2026-06-22T10:00', 3, 60, true, { urgent: false, waveSize: 1, offerTimeoutMinutes: 60 }],
    ['24 h + 1 min away', '2026-06-16T10:01', 2, 60, false, { urgent: false, waveSize: 2, offerTimeoutMinutes: 60 }],
    ['exactly 24 h away', '2026-06-16T10:00', 2, 60, false, { urgent: true, waveSize: 6, offerTimeoutMinutes: 15 }],
    ['3 h away', '2026-06-15T13:00', 2, 60, false, { urgent: true, waveSize: 6, offerTimeoutMinutes: 15 }],
    // urgency only widens and hurries: a bigger wave or a shorter timeout of the task's own stays
    ['3 h away, big wave, short timeout', '2026-06-15T13:00', 10, 10, false, { urgent: true, waveSize: 10, offerTimeoutMinutes: 10 }],
    // urgency overrides one-at-a-time
    ['3 h away, one at a time', '2026-06-15T13:00', 3, 60, true, { urgent: true, waveSize: 6, offerTimeoutMinutes: 15 }],
    ['already started', '2026-06-15T09:00', 2, 60, false, { urgent: true, waveSize: 6, offerTimeoutMinutes: 15 }],
  ])('%s', (_name, startsAt, waveSize, offerTimeoutMinutes, oneAtATime, expected) => {
    const input = { startsAt: oslo(startsAt), now: oslo(now), waveSize, offerTimeoutMinutes, oneAtATime };
    expect(dispatchPolicy(input, DEFAULT_URGENCY_SETTINGS)).toEqual(expected);
  });

  it.each<[string, string, boolean]>([
    ['2026-10-24T12:00', '2026-10-25T11:30', false], // 23.5 h on the clock, 24.5 real hours
    ['2027-03-27T12:00', '2027-03-28T12:30', true], // 24.5 h on the clock, 23.5 real hours
  ])('counts real hours across DST: now %s, start %s -> urgent %s', (at, startsAt, urgent) => {
    const input = { startsAt: oslo(startsAt), now: oslo(at), waveSize: 2, offerTimeoutMinutes: 60 };
    expect(dispatchPolicy(input, DEFAULT_URGENCY_SETTINGS).urgent).toBe(urgent);
  });

  it('follows the settings it is given', () => {
    const settings = { urgentWithinHours: 4, urgentWaveSize: 3, urgentOfferTimeoutMinutes: 20 };
    const input = { now: oslo(now), waveSize: 1, offerTimeoutMinutes: 45 };
    expect(dispatchPolicy({ ...input, startsAt: oslo('2026-06-15T15:00') }, settings))
      .toEqual({ urgent: false, waveSize: 1, offerTimeoutMinutes: 45 });
    expect(dispatchPolicy({ ...input, startsAt: oslo('2026-06-15T14:00') }, settings))
      .toEqual({ urgent: true, waveSize: 3, offerTimeoutMinutes: 20 });
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_URGENCY_SETTINGS).toEqual({ urgentWithinHours: 24, urgentWaveSize: 6, urgentOfferTimeoutMinutes: 15 });
  });
});

describe('fillByDeadline', () => {
  it.each<[string, string | null | undefined, string]>([
    ['2026-06-15T10:00', undefined, '2026-06-15T08:00'],
    ['2026-06-15T10:00', null, '2026-06-15T08:00'],
    ['2026-06-15T01:00', undefined, '2026-06-14T23:00'],
    ['2027-03-28T04:00', undefined, '2027-03-28T01:00'], // 2 real hours across the skipped hour
    ['2026-10-25T03:00', undefined, '2026-10-25T02:00+02:00'], // 2 real hours into the repeated hour
    ['2026-06-15T10:00', '2026-06-14T20:00', '2026-06-14T20:00'],
    ['2026-06-15T10:00', '2026-06-15T12:00', '2026-06-15T10:00'], // a fill-by after the start is the start
  ])('start %s, fill-by %s -> %s', (startsAt, fillBy, expected) => {
    const given = fillBy === null || fillBy === undefined ? fillBy : oslo(fillBy);
    expect(wall(fillByDeadline(oslo(startsAt), given))).toBe(wall(oslo(expected)));
  });
});

describe('deadlineAlertAt', () => {
  it.each<[string, string, string, string]>([
    ['75% of the way', '2026-06-15T10:00', '2026-06-15T18:00', '2026-06-15T16:00'],
    ['75% of several days', '2026-06-15T10:00', '2026-06-18T10:00', '2026-06-17T16:00'],
    ['no later than 1 h before fill-by', '2026-06-15T10:00', '2026-06-15T12:00', '2026-06-15T11:00'],
    ['never before dispatch', '2026-06-15T10:00', '2026-06-15T10:40', '2026-06-15T10:00'],
    ['fill-by at dispatch', '2026-06-15T10:00', '2026-06-15T10:00', '2026-06-15T10:00'],
    ['fill-by already passed', '2026-06-15T10:00', '2026-06-15T09:00', '2026-06-15T10:00'],
    // real time: 12 real hours over the October night, so 75% is 9 h after 20:00 summer time
    ['over the October night', '2026-10-24T20:00', '2026-10-25T07:00', '2026-10-25T04:00'],
  ])('%s: dispatched %s, fill-by %s -> %s', (_name, dispatchedAt, fillBy, expected) => {
    const at = deadlineAlertAt({ dispatchedAt: oslo(dispatchedAt), fillBy: oslo(fillBy) });
    expect(wall(at)).toBe(wall(oslo(expected)));
  });
});

describe('reminderSchedule', () => {
  type Row = [string, string, string, [ReminderKind, string][]];
  const check = (startsAt: string, assignedAt: string, expected: [ReminderKind, string][], q?: QuietHours) => {
    const got = reminderSchedule({ startsAt: oslo(startsAt), assignedAt: oslo(assignedAt) }, q);
    expect(got.map((r) => [r.kind, wall(r.at)])).toEqual(expected.map(([kind, at]) => [kind, wall(oslo(at))]));
  };

  it.each<Row>([
    ['a morning task', '2026-06-16T10:00', '2026-06-10T12:00',
      [['day_before', '2026-06-15T18:00'], ['two_hours_before', '2026-06-16T08:00']]],
    ['just after midnight', '2026-06-16T00:30', '2026-06-10T12:00',
      [['day_before', '2026-06-15T18:00'], ['two_hours_before', '2026-06-15T22:30']]],
    // the two are a day apart, so both go out
    ['at 19:30', '2026-06-16T19:30', '2026-06-10T12:00',
      [['day_before', '2026-06-15T18:00'], ['two_hours_before', '2026-06-16T17:30']]],
    ['at 20:00', '2026-06-16T20:00', '2026-06-10T12:00',
      [['day_before', '2026-06-15T18:00'], ['two_hours_before', '2026-06-16T18:00']]],
    ['across a month end', '2026-07-01T10:00', '2026-06-10T12:00',
      [['day_before', '2026-06-30T18:00'], ['two_hours_before', '2026-07-01T08:00']]],
  ])('%s', (_name, startsAt, assignedAt, expected) => check(startsAt, assignedAt, expected));

  it.each<Row>([
    ['assigned after the day-before time', '2026-06-16T10:00', '2026-06-15T19:00',
      [['two_hours_before', '2026-06-16T08:00']]],
    ['assigned exactly at it', '2026-06-16T10:00', '2026-06-15T18:00',
      [['two_hours_before', '2026-06-16T08:00']]],
    ['assigned exactly at the two-hours time', '2026-06-16T10:00', '2026-06-16T08:00', []],
    ['assigned an hour before the start', '2026-06-16T10:00', '2026-06-16T09:00', []],
  ])('drops what is not after the assignment: %s', (_name, startsAt, assignedAt, expected) =>
    check(startsAt, assignedAt, expected));

  it.each<Row>([
    ['on the spring-forward day', '2027-03-28T10:00', '2027-03-01T12:00',
      [['day_before', '2027-03-27T18:00'], ['two_hours_before', '2027-03-28T08:00']]],
    ['the day after it', '2027-03-29T10:00', '2027-03-01T12:00',
      [['day_before', '2027-03-28T18:00'], ['two_hours_before', '2027-03-29T08:00']]],
    ['early on the spring-forward day', '2027-03-28T04:00', '2027-03-01T12:00',
      [['day_before', '2027-03-27T18:00'], ['two_hours_before', '2027-03-28T01:00']]],
    ['on the fall-back day', '2026-10-25T10:00', '2026-10-01T12:00',
      [['day_before', '2026-10-24T18:00'], ['two_hours_before', '2026-10-25T08:00']]],
    ['the day after it', '2026-10-26T09:00', '2026-10-01T12:00',
      [['day_before', '2026-10-25T18:00'], ['two_hours_before', '2026-10-26T07:00']]],
    ['early on the fall-back day', '2026-10-25T03:30', '2026-10-01T12:00',
      [['day_before', '2026-10-24T18:00'], ['two_hours_before', '2026-10-25T02:30+02:00']]],
  ])('DST: %s', (_name, startsAt, assignedAt, expected) => check(startsAt, assignedAt, expected));

  it('gives real hours before the start on DST days', () => {
    const startsAt = oslo('2026-10-25T03:30');
    const [, twoHours] = reminderSchedule({ startsAt, assignedAt: oslo('2026-10-01T12:00') });
    expect(realHours(twoHours!.at, startsAt)).toBe(2);
  });

  it.each<[string, string, string, string, [ReminderKind, string][]]>([
    ['an early task loses the reminder quiet hours would hold past its start', '21:00-08:00',
      '2026-06-16T07:00', '2026-06-10T12:00', [['day_before', '2026-06-15T18:00']]],
    ['a task at 09:00 gets it when quiet hours end', '21:00-08:00',
      '2026-06-16T09:00', '2026-06-10T12:00', [['day_before', '2026-06-15T18:00'], ['two_hours_before', '2026-06-16T08:00']]],
    ['a daytime task is untouched', '21:00-08:00',
      '2026-06-16T10:00', '2026-06-10T12:00', [['day_before', '2026-06-15T18:00'], ['two_hours_before', '2026-06-16T08:00']]],
    ['a held day-before reminder absorbs a two-hours one 10 min later', '18:00-22:10',
      '2026-06-16T00:20', '2026-06-10T12:00', [['day_before', '2026-06-15T22:10']]],
    ['unless the day-before one was dropped', '18:00-22:10',
      '2026-06-16T00:20', '2026-06-15T22:15', [['two_hours_before', '2026-06-15T22:20']]],
    ['off changes nothing', 'off',
      '2026-06-16T07:00', '2026-06-10T12:00', [['day_before', '2026-06-15T18:00'], ['two_hours_before', '2026-06-16T05:00']]],
  ])('with quiet hours: %s (%s)', (_name, spec, startsAt, assignedAt, expected) =>
    check(startsAt, assignedAt, expected, quietHours(spec)));
});

describe('checkInSchedule', () => {
  it.each<[string, string, number, string, string]>([
    ['21:00-08:00', '2026-06-15T10:00', 120, '2026-06-15T12:30', '2026-06-17T12:30'],
    ['21:00-08:00', '2026-06-15T18:00', 149, '2026-06-15T20:59', '2026-06-17T20:59'],
    ['21:00-08:00', '2026-06-15T18:00', 150, '2026-06-16T08:00', '2026-06-18T08:00'], // 21:00 is quiet
    ['21:00-08:00', '2026-06-15T18:00', 180, '2026-06-16T08:00', '2026-06-18T08:00'],
    ['21:00-08:00', '2026-06-15T22:00', 600, '2026-06-16T08:30', '2026-06-18T08:30'], // a night shift
    ['13:00-14:00', '2026-06-15T10:00', 150, '2026-06-15T14:00', '2026-06-17T14:00'],
    ['off', '2026-06-15T20:00', 120, '2026-06-15T22:30', '2026-06-17T22:30'],
    ['21:00-08:00', '2026-10-24T18:00', 240, '2026-10-25T08:00', '2026-10-27T08:00'],
    ['21:00-08:00', '2027-03-27T18:00', 240, '2027-03-28T08:00', '2027-03-30T08:00'],
  ])('%s: start %s, %d min -> ask %s, give up %s', (spec, startsAt, durationMinutes, askAt, giveUpAt) => {
    const got = checkInSchedule({ startsAt: oslo(startsAt), durationMinutes }, quietHours(spec));
    expect([wall(got.askAt), wall(got.giveUpAt)]).toEqual([wall(oslo(askAt)), wall(oslo(giveUpAt))]);
  });

  it.each<[string, number]>([
    ['2026-06-15T10:00', 48],
    ['2026-10-24T10:00', 49], // the October night has an extra hour
    ['2027-03-27T10:00', 47], // the March night loses one
  ])('gives up two Oslo calendar days after asking: ask on %s -> %d real hours', (startsAt, hours) => {
    const got = checkInSchedule({ startsAt: oslo(startsAt), durationMinutes: 90 }, quietHours('21:00-08:00'));
    expect(realHours(got.askAt, got.giveUpAt)).toBe(hours);
  });
});
