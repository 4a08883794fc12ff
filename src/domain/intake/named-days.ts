import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { OSLO_ZONE } from '../oslo-time';
import { findWords, type Span } from './normalize';

/**
 * Named days people write instead of a date: «nyttårsaften», «17. mai», «skjærtorsdag»,
 * «2. påskedag». Easter is computed (Gregorian computus), the rest are fixed dates. The next
 * such day on or after today is meant, as with any date without a year.
 */

type DayRule = { month: number; day: number } | { easterOffset: number };

const NAMED_DAYS: [string, DayRule][] = [
  ['nyttårsaft[ae]n|nyttårsafta|nyårsaft[ae]n|new year\'?s eve', { month: 12, day: 31 }],
  ['(?:1\\.|første) nyttårsdag|nyttårsdag(?:en)?|new year\'?s day', { month: 1, day: 1 }],
  ['julaft[ae]n|julafta|christmas eve', { month: 12, day: 24 }],
  ['(?:1\\.|første) juledag|christmas day', { month: 12, day: 25 }],
  ['(?:2\\.|andre) juledag|boxing day', { month: 12, day: 26 }],
  ['syttende mai|grunnlovsdag(?:en)?|nasjonaldag(?:en)?', { month: 5, day: 17 }],
  ['arbeidernes dag', { month: 5, day: 1 }],
  ['sankthansaft[ae]n|st\\.? ?hans(?:aften)?|jonsok', { month: 6, day: 23 }],
  ['palmesøndag|palmesundag|palm sunday', { easterOffset: -7 }],
  ['skjærtorsdag|skjertorsdag|skjærtorsdagen|maundy thursday', { easterOffset: -3 }],
  ['langfredag(?:en)?|good friday', { easterOffset: -2 }],
  ['påskeaft[ae]n|påskeafta|easter saturday|holy saturday', { easterOffset: -1 }],
  ['(?:1\\.|første) påskedag|påskedag(?:en)?|easter sunday|easter day', { easterOffset: 0 }],
  ['(?:2\\.|andre) påskedag|easter monday', { easterOffset: 1 }],
  ['kristi himmelfarts?(?:dag)?(?:en)?|himmelfartsdag(?:en)?|ascension day', { easterOffset: 39 }],
  ['pinseaft[ae]n', { easterOffset: 48 }],
  ['(?:1\\.|første) pinsedag|pinsedag(?:en)?|whit sunday', { easterOffset: 49 }],
  ['(?:2\\.|andre) pinsedag|whit monday', { easterOffset: 50 }],
];

/** Easter Sunday of a year (anonymous Gregorian algorithm). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function dateInYear(rule: DayRule, year: number): DateTime {
  if ('month' in rule) return DateTime.fromObject({ year, month: rule.month, day: rule.day }, { zone: OSLO_ZONE });
  const easter = easterSunday(year);
  return DateTime.fromObject({ year, ...easter }, { zone: OSLO_ZONE }).plus({ days: rule.easterOffset });
}

export interface NamedDayMention { date: string; span: Span }

/** Every named day in the text, as its next date on or after today. */
export function findNamedDays(text: string, today: DateTime): NamedDayMention[] {
  const out: NamedDayMention[] = [];
  for (const [source, rule] of NAMED_DAYS) {
    for (const m of findWords(text, source)) {
      let date = dateInYear(rule, today.year);
      if (date < today.startOf('day')) date = dateInYear(rule, today.year + 1);
      out.push({ date: date.toISODate()!, span: { start: m.index, end: m.index + m[0].length } });
    }
  }
  // «påskedag» also matches inside «2. påskedag»: keep only the longest reading of each place.
  return out.filter((a) => !out.some((b) => b !== a && b.span.start <= a.span.start && b.span.end >= a.span.end && b.span.end - b.span.start > a.span.end - a.span.start));
}

const holidays = new Holidays('NO', { timezone: OSLO_ZONE });
const byYear = new Map<number, Map<string, string[]>>();

/** The year's public holidays and half-days by date; nyttårsaften starts at 14:00, so match by date, not by instant. */
function holidaysOf(year: number): Map<string, string[]> {
  let map = byYear.get(year);
  if (!map) {
    map = new Map();
    for (const h of holidays.getHolidays(year)) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const day = h.date.slice(0, 10);
      map.set(day, [...(map.get(day) ?? []), h.name]);
    }
    byYear.set(year, map);
  }
  return map;
}

/**
 * The Norwegian name of a public holiday (or of julaften / nyttårsaften, half-days most
 * workplaces treat as holidays) on this date, e.g. 'Første juledag'; null on an ordinary day.
 * Two holidays on one day (2027-05-17) are joined: 'Grunnlovsdagen og Andre pinsedag'.
 */
export function holidayName(isoDate: string): string | null {
  const names = holidaysOf(Number(isoDate.slice(0, 4))).get(isoDate);
  return names ? [...new Set(names)].join(' og ') : null;
}
