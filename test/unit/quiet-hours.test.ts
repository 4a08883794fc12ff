import { DateTime } from 'luxon';
import { OSLO_ZONE } from '../../src/domain/oslo-time';
import {
  addActiveMinutes, DEFAULT_QUIET_HOURS, isHeldInQuietHours, isQuiet, nextSendableAt, parseQuietHours,
  type QuietHours, type SmsKind,
} from '../../src/domain/quiet-hours';

/** Rows give Oslo wall-clock times; inside the repeated October hour they carry the offset. */
const oslo = (s: string): Date => DateTime.fromISO(s, { zone: OSLO_ZONE }).toJSDate();
const wall = (d: Date): string => DateTime.fromJSDate(d, { zone: OSLO_ZONE }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
const realMinutes = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / 60_000;

function quietHours(spec: string): QuietHours {
  const parsed = parseQuietHours(spec);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('parseQuietHours', () => {
  it.each<[string, QuietHours]>([
    ['21:00-08:00', { kind: 'window', startMinute: 21 * 60, endMinute: 8 * 60 }],
    ['13:00-14:00', { kind: 'window', startMinute: 13 * 60, endMinute: 14 * 60 }],
    [' 22:30 - 06:45 ', { kind: 'window', startMinute: 22 * 60 + 30, endMinute: 6 * 60 + 45 }],
    ['00:00-23:59', { kind: 'window', startMinute: 0, endMinute: 23 * 60 + 59 }],
    ['off', { kind: 'off' }],
    ['OFF', { kind: 'off' }],
    [' Off ', { kind: 'off' }],
  ])('%j is accepted', (spec, expected) => {
    expect(parseQuietHours(spec)).toEqual({ ok: true, value: expected });
  });

  it('accepts the default', () => {
    expect(parseQuietHours(DEFAULT_QUIET_HOURS)).toEqual({
      ok: true, value: { kind: 'window', startMinute: 21 * 60, endMinute: 8 * 60 },
    });
  });

  it.each([
    [''],
    ['on'],
    ['21-08'],
    ['21:00'],
    ['9:00-17:00'], // HH means two digits, so a typo is not read as something else
    ['24:00-08:00'],
    ['21:60-08:00'],
    ['21:00–08:00'], // an en dash pasted from a document
    ['21:00-08:00-09:00'],
  ])('%j is refused with what is expected', (spec) => {
    const result = parseQuietHours(spec);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('must be HH:MM-HH:MM in Europe/Oslo time');
    if (!result.ok) expect(result.message).toContain('"off"');
  });

  it('refuses equal start and end and points to "off"', () => {
    const result = parseQuietHours('08:00-08:00');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('different times') });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('"off"') });
  });
});

describe('isQuiet', () => {
  it.each<[string, string, boolean]>([
    // a normal summer night with the default window
    ['21:00-08:00', '2026-06-15T12:00', false],
    ['21:00-08:00', '2026-06-15T20:59:59', false],
    ['21:00-08:00', '2026-06-15T21:00', true], // the start is quiet
    ['21:00-08:00', '2026-06-15T23:59', true],
    ['21:00-08:00', '2026-06-16T00:00', true],
    ['21:00-08:00', '2026-06-16T07:59:59', true],
    ['21:00-08:00', '2026-06-16T08:00', false], // the end is not
    // a window that does not wrap midnight
    ['13:00-14:00', '2026-06-15T12:59', false],
    ['13:00-14:00', '2026-06-15T13:00', true],
    ['13:00-14:00', '2026-06-15T13:59', true],
    ['13:00-14:00', '2026-06-15T14:00', false],
    ['13:00-14:00', '2026-06-15T23:00', false],
    ['13:00-14:00', '2026-06-16T03:00', false],
    // off is never quiet
    ['off', '2026-06-15T03:00', false],
    ['off', '2026-06-15T21:00', false],
    // DST nights
    ['21:00-08:00', '2027-03-28T01:59', true],
    ['21:00-08:00', '2027-03-28T03:00', true],
    ['21:00-08:00', '2027-03-28T08:00', false],
    ['21:00-08:00', '2026-10-25T02:30+02:00', true],
    ['21:00-08:00', '2026-10-25T02:30+01:00', true],
    ['21:00-08:00', '2026-10-25T08:00', false],
    // a window around the skipped / repeated hour
    ['01:00-03:00', '2027-03-28T00:59', false],
    ['01:00-03:00', '2027-03-28T01:59', true],
    ['01:00-03:00', '2027-03-28T03:00', false], // one real minute after 01:59
    ['01:00-03:00', '2026-10-25T02:30+02:00', true],
    ['01:00-03:00', '2026-10-25T02:30+01:00', true], // the repeated hour is quiet both times
    ['01:00-03:00', '2026-10-25T03:00', false],
    // an end inside the repeated hour closes the window at its first showing
    ['01:00-02:30', '2026-10-25T02:29+02:00', true],
    ['01:00-02:30', '2026-10-25T02:30+02:00', false],
    ['01:00-02:30', '2026-10-25T02:10+01:00', false],
    // a window wholly inside the skipped hour never happens
    ['02:00-02:30', '2027-03-28T01:59', false],
    ['02:00-02:30', '2027-03-28T03:00', false],
  ])('%s at %s -> %s', (spec, at, expected) => {
    expect(isQuiet(quietHours(spec), oslo(at))).toBe(expected);
  });

  it('reads the Oslo clock, not UTC', () => {
    expect(isQuiet(quietHours('21:00-08:00'), new Date('2026-06-15T19:00:00Z'))).toBe(true); // 21:00 in Oslo
    expect(isQuiet(quietHours('21:00-08:00'), new Date('2026-01-15T07:30:00Z'))).toBe(false); // 08:30 in Oslo
  });
});

describe('nextSendableAt', () => {
  it.each<[string, string, string]>([
    ['21:00-08:00', '2026-06-15T12:00', '2026-06-15T12:00'],
    ['21:00-08:00', '2026-06-15T20:59', '2026-06-15T20:59'],
    ['21:00-08:00', '2026-06-15T21:00', '2026-06-16T08:00'],
    ['21:00-08:00', '2026-06-15T23:30', '2026-06-16T08:00'],
    ['21:00-08:00', '2026-06-16T03:00', '2026-06-16T08:00'],
    ['21:00-08:00', '2026-06-16T08:00', '2026-06-16T08:00'],
    ['21:00-08:00', '2026-12-31T22:00', '2027-01-01T08:00'],
    ['13:00-14:00', '2026-06-15T13:15', '2026-06-15T14:00'],
    ['13:00-14:00', '2026-06-15T21:30', '2026-06-15T21:30'],
    ['off', '2026-06-15T23:00', '2026-06-15T23:00'],
    ['21:00-08:00', '2027-03-27T22:00', '2027-03-28T08:00'],
    ['21:00-08:00', '2027-03-28T03:30', '2027-03-28T08:00'],
    ['21:00-08:00', '2026-10-24T22:00', '2026-10-25T08:00'],
    ['21:00-08:00', '2026-10-25T02:30+02:00', '2026-10-25T08:00'],
    ['01:00-03:00', '2027-03-28T01:30', '2027-03-28T03:00'],
    ['01:00-03:00', '2026-10-25T01:30', '2026-10-25T03:00'],
    ['01:00-02:30', '2027-03-28T01:30', '2027-03-28T03:00'], // the clock jumps past 02:30
  ])('%s from %s -> %s', (spec, at, expected) => {
    expect(wall(nextSendableAt(quietHours(spec), oslo(at)))).toBe(wall(oslo(expected)));
  });

  it.each<[string, string, number]>([
    ['21:00-08:00', '2026-06-15T21:00', 11],
    ['21:00-08:00', '2027-03-27T21:00', 10], // spring forward: one hour shorter
    ['21:00-08:00', '2026-10-24T21:00', 12], // fall back: one hour longer
    ['01:00-03:00', '2026-06-16T01:00', 2],
    ['01:00-03:00', '2027-03-28T01:00', 1],
    ['01:00-03:00', '2026-10-25T01:00', 3],
  ])('%s opening %s lasts %d real hours', (spec, start, hours) => {
    const from = oslo(start);
    expect(realMinutes(from, nextSendableAt(quietHours(spec), from))).toBe(hours * 60);
  });
});

describe('addActiveMinutes', () => {
  it.each<[string, string, number, string]>([
    ['21:00-08:00', '2026-06-15T12:00', 30, '2026-06-15T12:30'],
    ['21:00-08:00', '2026-06-15T20:50', 30, '2026-06-16T08:20'], // the timeout sleeps through the night
    ['21:00-08:00', '2026-06-15T20:30', 30, '2026-06-15T21:00'], // runs out as the window opens
    ['21:00-08:00', '2026-06-15T23:00', 30, '2026-06-16T08:30'], // starts counting at 08:00
    ['21:00-08:00', '2026-06-15T21:00', 0, '2026-06-16T08:00'],
    ['21:00-08:00', '2026-06-15T12:00', 0, '2026-06-15T12:00'],
    ['13:00-14:00', '2026-06-15T12:30', 60, '2026-06-15T14:30'],
    ['13:00-14:00', '2026-06-15T20:50', 30, '2026-06-15T21:20'],
    ['off', '2026-06-15T20:50', 30, '2026-06-15T21:20'],
    // several days: 13 active hours a day with the default window
    ['21:00-08:00', '2026-06-15T08:00', 3 * 13 * 60, '2026-06-17T21:00'],
    ['21:00-08:00', '2026-06-15T08:00', 3 * 13 * 60 + 1, '2026-06-18T08:01'],
    ['21:00-08:00', '2026-06-15T12:00', 48 * 60, '2026-06-18T21:00'],
    ['13:00-14:00', '2026-06-15T12:00', 1450, '2026-06-16T14:10'],
    ['21:00-08:00', '2026-10-23T12:00', 2000, '2026-10-25T19:20'],
    ['21:00-08:00', '2027-03-26T20:00', 1630, '2027-03-29T08:10'],
  ])('%s: %s + %d active minutes -> %s', (spec, from, minutes, expected) => {
    expect(wall(addActiveMinutes(quietHours(spec), oslo(from), minutes))).toBe(wall(oslo(expected)));
  });

  it.each<[string, string, number, string, number]>([
    ['21:00-08:00', '2027-03-27T20:50', 30, '2027-03-28T08:20', 630],
    ['21:00-08:00', '2026-10-24T20:50', 30, '2026-10-25T08:20', 750],
    ['21:00-08:00', '2026-06-15T20:50', 30, '2026-06-16T08:20', 690],
    ['01:00-03:00', '2027-03-28T00:30', 60, '2027-03-28T03:30', 120],
    ['01:00-03:00', '2026-10-25T00:30', 60, '2026-10-25T03:30', 240],
    ['01:00-03:00', '2026-10-25T02:15+01:00', 10, '2026-10-25T03:10', 55],
    ['01:00-02:30', '2026-10-25T00:30', 60, '2026-10-25T02:00+01:00', 150],
    ['01:00-02:30', '2026-10-25T02:10+01:00', 10, '2026-10-25T02:20+01:00', 10],
    ['off', '2027-03-28T01:30', 60, '2027-03-28T03:30', 60],
    ['off', '2026-10-25T02:30+02:00', 60, '2026-10-25T02:30+01:00', 60],
  ])('DST: %s: %s + %d -> %s, %d real minutes', (spec, from, minutes, expected, elapsed) => {
    const start = oslo(from);
    const end = addActiveMinutes(quietHours(spec), start, minutes);
    expect(wall(end)).toBe(wall(oslo(expected)));
    expect(realMinutes(start, end)).toBe(elapsed);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d minutes', (minutes) => {
    expect(() => addActiveMinutes(quietHours('21:00-08:00'), oslo('2026-06-15T12:00'), minutes)).toThrow(RangeError);
  });
});

describe('isHeldInQuietHours', () => {
  it.each<[SmsKind, boolean]>([
    ['offer', true],
    ['reminder', true],
    ['check_in', true],
    ['reply', false],
    ['cancellation', false],
    ['coordinator_alert', false],
  ])('%s -> %s', (kind, held) => {
    expect(isHeldInQuietHours(kind)).toBe(held);
  });
});
