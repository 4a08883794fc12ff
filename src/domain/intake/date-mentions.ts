import { DateTime } from 'luxon';
import { findNamedDays } from './named-days';
import { findWords, hasWord, NUMBER_WORD_SOURCE, readNumber, type Span } from './normalize';
import type { NumericToken } from './numeric';
import { findWeekdays } from './weekdays';

/**
 * Every way a message names a day, found but not yet judged: relative days («i morgon»,
 * «overimorgen»), weekdays with what qualifies them («neste fredag», «fredag om tre uker»),
 * dates («4/1», «3. februar», «den 12.») and named days. `resolveDate` decides what they mean together.
 */

export type Relative = 'today' | 'tomorrow' | 'day_after';

export interface RelativeMention { kind: Relative; span: Span }

export type WeekdayQualifier =
  | { kind: 'plain' }
  | { kind: 'next' }
  | { kind: 'next_week' }
  | { kind: 'this_week' }
  | { kind: 'in_weeks'; weeks: number }
  | { kind: 'iso_week'; week: number }
  | { kind: 'after_next' };

export interface WeekdayDayMention { weekday: number; qualifier: WeekdayQualifier; span: Span }

export interface ExplicitDate {
  /** 'YYYY-MM-DD', or null when the text names a day that does not exist (31.2). */
  date: string | null;
  /** The writer gave the year, so a past date is a mistake, not next year. */
  yearGiven: boolean;
  /** Without a year it was moved to next year, but it passed only days ago: more likely a slip. */
  recentlyPast?: boolean;
  span: Span;
}

export interface DateMentions {
  relative: RelativeMention[];
  weekdays: WeekdayDayMention[];
  explicit: ExplicitDate[];
  /** «helst mandager», «hver fredag», «every Monday». */
  recurring: boolean;
}

const DAY_AFTER = 'i ?overi? ?morgen|i ?overi? ?morgon|i ?over ?morra|overimorgen|overmorgen|overimorgon|day after tomorrow|the day after tomorrow';
const TOMORROW = 'i ?morgen|i ?morgon|i ?morn|i ?morra|i ?mårra|i ?mårå|i ?morrn|imorgn|tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr';
const TODAY = 'i ?dag|i ?ettermiddag|i ?kveld|i ?kvell|i ?formiddag|i ?kveldi?|i ?ettermidda|today|tonight|this afternoon|this morning|this evening';

function masked(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

function findRelative(text: string): RelativeMention[] {
  const out: RelativeMention[] = [];
  let rest = text;
  for (const [kind, source] of [['day_after', DAY_AFTER], ['tomorrow', TOMORROW], ['today', TODAY]] as const) {
    for (const m of findWords(rest, source)) out.push({ kind, span: { start: m.index, end: m.index + m[0].length } });
    rest = masked(rest, out.map((r) => r.span));
  }
  return out;
}

const WEEK = '(?:uke|uka|veke|veka|week|uken)';

function qualify(text: string, span: Span): WeekdayQualifier {
  const before = text.slice(Math.max(0, span.start - 30), span.start);
  const after = text.slice(span.end, span.end + 30);
  if (new RegExp(`^\\s*(?:i\\s+|in\\s+|på\\s+)?(?:neste|nesta|next)\\s+${WEEK}`).test(after) || new RegExp(`(?:neste|nesta|next)\\s+${WEEK}\\s*,?\\s*(?:på\\s+|on\\s+)?$`).test(before)) return { kind: 'next_week' };
  if (new RegExp(`^\\s*(?:i\\s+|in\\s+)?(?:denne|this)\\s+${WEEK}`).test(after)) return { kind: 'this_week' };
  const inWeeks = new RegExp(`^\\s*(?:om|in)\\s+(\\d|${NUMBER_WORD_SOURCE})\\s+(?:uker|veker|weeks|uke|veke|week)`).exec(after)
    ?? new RegExp(`(?:om|in)\\s+(\\d|${NUMBER_WORD_SOURCE})\\s+(?:uker|veker|weeks|uke|veke)\\s*,?\\s*(?:på\\s+)?$`).exec(before);
  if (inWeeks) return { kind: 'in_weeks', weeks: readNumber(inWeeks[1]!) ?? 1 };
  const iso = new RegExp(`^\\s*(?:i\\s+|in\\s+)?${WEEK}\\s*(\\d{1,2})(?!\\d)`).exec(after) ?? new RegExp(`${WEEK}\\s*(\\d{1,2})\\s*,?\\s*(?:på\\s+)?$`).exec(before);
  if (iso) return { kind: 'iso_week', week: Number(iso[1]) };
  if (/^\s*(?:etter|over)\s+neste/.test(after) || /(?:neste\s+neste|over\s+neste)\s+$/.test(before)) return { kind: 'after_next' };
  if (/(?:neste|nesta|next)\s+$/.test(before)) return { kind: 'next' };
  return { kind: 'plain' };
}

const MONTHS: [string, number][] = [
  ['januar|january|jan', 1], ['februar|february|feb', 2], ['mars|march|mar', 3], ['april|apr', 4], ['mai|may', 5],
  ['juni|june|jun', 6], ['juli|july|jul', 7], ['august|aug', 8], ['september|sept|sep', 9], ['oktober|october|okt|oct', 10],
  ['november|nov', 11], ['desember|december|des|dec', 12],
];
const MONTH_SOURCE = MONTHS.map(([s]) => s).join('|');

function monthNumber(name: string): number {
  return MONTHS.find(([s]) => new RegExp(`^(?:${s})$`).test(name))![1];
}

/** The next date on or after today with this day and month (this year or next). */
export function nextDayMonth(day: number, month: number, today: DateTime, year?: number): { date: string | null; yearGiven: boolean; recentlyPast?: boolean } {
  if (year !== undefined) {
    const dt = DateTime.fromObject({ year, month, day }, { zone: today.zone });
    return { date: dt.isValid ? dt.toISODate() : null, yearGiven: true };
  }
  let dt = DateTime.fromObject({ year: today.year, month, day }, { zone: today.zone });
  if (!dt.isValid) {
    // 29 February only exists in some years: the next one is meant.
    dt = DateTime.fromObject({ year: today.year + 1, month, day }, { zone: today.zone });
    return { date: dt.isValid ? dt.toISODate() : null, yearGiven: false };
  }
  if (dt >= today.startOf('day')) return { date: dt.toISODate(), yearGiven: false };
  const recentlyPast = today.startOf('day').diff(dt, 'days').days <= 31;
  return { date: dt.plus({ years: 1 }).toISODate(), yearGiven: false, recentlyPast };
}

function findMonthNames(text: string, today: DateTime): ExplicitDate[] {
  const out: ExplicitDate[] = [];
  const dayFirst = new RegExp(`(\\d{1,2})(?:\\.|st|nd|rd|th|te|ende)?\\s*(?:of\\s+|av\\s+)?(${MONTH_SOURCE})\\.?(?:\\s+(\\d{4}))?`, 'g');
  for (const m of text.matchAll(dayFirst)) {
    if (/[\d.]$/.test(text.slice(0, m.index)) || /\p{L}/u.test(text[m.index + m[0].length] ?? '')) continue;
    const month = monthNumber(m[2]!);
    const year = m[3] ? Number(m[3]) : undefined;
    for (const listed of listedDaysBefore(text, m.index)) out.push({ ...nextDayMonth(listed.day, month, today, year), span: listed.span });
    const r = nextDayMonth(Number(m[1]), month, today, year);
    out.push({ ...r, span: { start: m.index, end: m.index + m[0].length } });
  }
  const monthFirst = new RegExp(`(?<![\\p{L}])(${MONTH_SOURCE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d.:])`, 'gu');
  for (const m of text.matchAll(monthFirst)) {
    if (out.some((o) => o.span.start <= m.index && o.span.end > m.index)) continue;
    const r = nextDayMonth(Number(m[2]), monthNumber(m[1]!), today);
    out.push({ ...r, span: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}

const LISTED_DAY = /(?<![\p{L}\d:.,/])(\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:,|og|and|&|\+)\s*$/u;

/**
 * «4. og 11. des», «4., 11. og 18. des»: days listed before the one that carries the month share
 * its month. A number after «kl» is a time, not a listed day.
 */
function listedDaysBefore(text: string, end: number): { day: number; span: Span }[] {
  const out: { day: number; span: Span }[] = [];
  let rest = text.slice(0, end);
  for (let m = LISTED_DAY.exec(rest); m !== null; m = LISTED_DAY.exec(rest)) {
    const day = Number(m[1]);
    if (day < 1 || day > 31 || /(?:kl|kl\.|klokka|klokken|at|ca)\s*$/.test(rest.slice(0, m.index))) break;
    out.unshift({ day, span: { start: m.index, end: m.index + m[1]!.length + 1 } });
    rest = rest.slice(0, m.index);
  }
  return out;
}

/** «den 12.», «the 12th»: that day of this month, or of next month when it has passed. */
function findDayOfMonth(text: string, today: DateTime, taken: Span[]): ExplicitDate[] {
  const out: ExplicitDate[] = [];
  for (const m of text.matchAll(/(?<![\p{L}])(?:den|the)\s+(\d{1,2})(?:\.|st|nd|rd|th|te|ende)?(?![\d.:/])(?!\s*(?:\p{L}+)?\s*(?:jan|feb|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|des|dec))/gu)) {
    if (taken.some((s) => s.start <= m.index + m[0].length && s.end >= m.index)) continue;
    const day = Number(m[1]);
    let month = today.startOf('month');
    if (day < today.day) month = month.plus({ months: 1 });
    let dt = month.set({ day });
    if (day > month.daysInMonth!) dt = month.plus({ months: 1 }).set({ day });
    out.push({ date: dt.isValid && dt.day === day ? dt.toISODate() : null, yearGiven: false, span: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}

function findNumericDates(tokens: NumericToken[], today: DateTime): ExplicitDate[] {
  return tokens.map((t) => ({ ...nextDayMonth(t.a, t.b, today, t.year), span: t.span }));
}

const RECURRING = 'hver(?:t|e)? (?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|uke|veke|dag|morgen|kveld|\\p{L}+dag)|kvar (?:\\p{L}+dag|veke)|annenhver|annakvar|annankvar|every|each week|weekly|ukentlig|jevnlig|regelmessig|fast(?:e)? (?:besøk|avtale|dag)|(?:på|om) (?:\\p{L}+dagene|\\p{L}+dager)';

/** Every day-naming phrase in the normalised text; `dateTokens` are the numeric tokens read as dates. */
export function findDateMentions(text: string, today: DateTime, dateTokens: NumericToken[]): DateMentions {
  const relative = findRelative(text);
  const named = findNamedDays(text, today);
  const monthNames = findMonthNames(text, today);
  const numeric = findNumericDates(dateTokens, today);
  const taken = [...monthNames, ...numeric].map((e) => e.span);
  const explicit = [...named.map((n) => ({ date: n.date, yearGiven: false, span: n.span })), ...monthNames, ...numeric, ...findDayOfMonth(text, today, taken)];
  const rest = masked(text, relative.map((r) => r.span));
  const found = findWeekdays(rest);
  const weekdays = found.filter((w) => !w.plural).map((w) => ({ weekday: w.weekday, span: w.span, qualifier: qualify(text, w.span) }));
  const recurring = found.some((w) => w.plural) || hasWord(text, RECURRING);
  return { relative, weekdays, explicit, recurring };
}
