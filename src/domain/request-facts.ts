import { DateTime } from 'luxon';
import { holidayName } from './intake/named-days';
import type { TaskType } from './language';
import { OSLO_ZONE } from './oslo-time';

/** What a requester's SMS says about their request: no notes, no names. */
export interface RequestFacts {
  ref: string;
  type: TaskType;
  /** The first day; `dates` has every day when one text asked for several (one task each). */
  date: string | null;
  dates?: string[];
  time: string | null;
  place: string | null;
  holiday: string | null;
}

export type RequesterLanguage = 'nb' | 'nn' | 'en';

const LOCALE: Record<RequesterLanguage, string> = { nb: 'nb', nn: 'nn', en: 'en-GB' };

/** «fre. 4. des. kl. 14:30» / «Fri 4 Dec at 14:30». */
export function whenText(f: Pick<RequestFacts, 'date' | 'time'>, language: RequesterLanguage): string {
  if (!f.date) return '';
  const day = DateTime.fromISO(f.date, { zone: OSLO_ZONE }).setLocale(LOCALE[language]);
  const date = language === 'en' ? day.toFormat('ccc d LLL') : day.toFormat('ccc d. MMM');
  if (!f.time) return date;
  return language === 'en' ? `${date} at ${f.time}` : `${date} kl. ${f.time}`;
}

/** Every day of the request, each with the public holiday it falls on. */
export function daysOfFacts(f: RequestFacts): { date: string; holiday: string | null }[] {
  const dates = f.dates && f.dates.length > 0 ? f.dates : f.date ? [f.date] : [];
  if (dates.length === 1) return [{ date: dates[0]!, holiday: f.holiday ?? holidayName(dates[0]!) }];
  return dates.map((date) => ({ date, holiday: holidayName(date) }));
}

/**
 * «følge man. 7. des. kl. 12:00 og tirs. 8. des. kl. 12:00, Ahus»: what, when (every day, a holiday
 * named after its day) and where, in the requester's language.
 */
export function requestText(f: RequestFacts, label: string, language: RequesterLanguage): string {
  const and = language === 'en' ? 'and' : 'og';
  const days = daysOfFacts(f).map((d) => `${whenText({ date: d.date, time: f.time }, language)}${d.holiday ? ` (${d.holiday})` : ''}`);
  const when = days.length > 1 ? `${days.slice(0, -1).join(', ')} ${and} ${days[days.length - 1]}` : days[0] ?? '';
  return [`${label} ${when}`.trim(), f.place].filter(Boolean).join(', ');
}

/** «8.12»: the short form of a day a requester can write back («AVBRYT K7 8.12»). */
export function shortDateText(date: string): string {
  return `${Number(date.slice(8, 10))}.${Number(date.slice(5, 7))}`;
}

/** The last day of a request of several, for the «AVBRYT K7 8.12 for one day» example. */
export function lastDayOf(f: RequestFacts): string {
  const days = daysOfFacts(f);
  return shortDateText(days[days.length - 1]!.date);
}

/** How many tasks the request makes: one per day. */
export function taskCountOf(f: RequestFacts): number {
  return Math.max(1, daysOfFacts(f).length);
}
