/**
 * Oslo calendar for the simulation: wall-clock parts of an instant, Norwegian public holidays and
 * the holiday seasons that thin out the volunteer pool.
 */
import { DateTime } from 'luxon';
import { OSLO_ZONE } from '../../src/domain/oslo-time';
import { easterSunday as easterDate } from '../../src/domain/intake/named-days';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface OsloParts {
  /** 'YYYY-MM-DD' */
  date: string;
  hour: number;
  /** ISO weekday, Monday = 1. */
  weekday: number;
  /** ISO week-year and week, e.g. '2025-W07'. */
  week: string;
}

// Oslo's offset is always a whole number of hours, so an instant's UTC hour fixes its wall-clock hour.
const partsByUtcHour = new Map<number, OsloParts>();

export function osloParts(ms: number): OsloParts {
  const key = Math.floor(ms / HOUR);
  let parts = partsByUtcHour.get(key);
  if (!parts) {
    const dt = DateTime.fromMillis(key * HOUR, { zone: OSLO_ZONE });
    parts = { date: dt.toISODate()!, hour: dt.hour, weekday: dt.weekday, week: `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}` };
    partsByUtcHour.set(key, parts);
  }
  return parts;
}

/** The instant at which the Oslo clock shows `date` `hour`:`minute`. */
export function osloInstant(date: string, hour: number, minute = 0): number {
  return DateTime.fromISO(date, { zone: OSLO_ZONE }).set({ hour, minute }).toMillis();
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date).plus({ days }).toISODate()!;
}

export function weekdayOf(date: string): number {
  return DateTime.fromISO(date).weekday;
}

/** Easter Sunday as YYYY-MM-DD: the one computation lives with the intake's named days. */
export function easterSunday(year: number): string {
  const { month, day } = easterDate(year);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Norwegian public holidays ("røde dager") of a year, Sundays aside. */
export function publicHolidays(year: number): Set<string> {
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '05-17', '12-25', '12-26'].map((md) => `${year}-${md}`);
  const moving = [-3, -2, 1, 39, 50].map((d) => addDays(easter, d)); // Maundy Thu, Good Fri, Easter Mon, Ascension, Whit Mon
  return new Set([...fixed, ...moving]);
}

const holidaysByYear = new Map<number, Set<string>>();

export function isPublicHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let set = holidaysByYear.get(year);
  if (!set) {
    set = publicHolidays(year);
    holidaysByYear.set(year, set);
  }
  return set.has(date);
}

/** Monday to Friday and not a public holiday. */
export function isWorkday(date: string): boolean {
  return weekdayOf(date) <= 5 && !isPublicHoliday(date);
}

/** The first workday on or after `date`. */
export function nextWorkday(date: string): string {
  let d = date;
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}
