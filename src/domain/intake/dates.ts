import type { DateTime, WeekdayNumbers } from 'luxon';
import type { DateMentions, WeekdayDayMention } from './date-mentions';
import { hasWord, type Span } from './normalize';

/**
 * What day a request is for, or why we must ask. A confident wrong date sends a volunteer on the
 * wrong day, so every disagreement or vagueness becomes a question, never a guess.
 */

export type DateAsk =
  | 'no_date' | 'weekday_date_conflict' | 'tomorrow_weekday_conflict' | 'tomorrow_after_midnight'
  | 'ambiguous_next_weekday' | 'same_weekday_today' | 'period' | 'recurring' | 'alternatives'
  | 'several_days' | 'conflicting_dates' | 'past_date' | 'invalid_date' | 'ambiguous_number';

export type DateReading =
  /** `dates`: every day of a list («man og tirs»), in order; `date` is the first of them. */
  | { date: string; ask: null; candidates: string[]; explicit?: boolean; dates?: string[] }
  | { date: null; ask: DateAsk; candidates: string[] };

export interface DateInput {
  text: string;
  mentions: DateMentions;
  /** The moment the message arrived, in Oslo. */
  received: DateTime;
  /** The start time read from the message, for «the same weekday only while the time is ahead». */
  time: { hour: number; minute: number } | null;
  urgentNow: boolean;
}

const PERIODS = [
  '(?:vinter|høst|haust|påske|sommar|sommer|jule|juleferie|vår)ferie(?:n|a)?', 'romjul(?:a|en)?', 'i jul(?:a|en)?', 'i påsk(?:en|a|e)',
  'over påske', 'etter (?:jul|nyttår|påske)', 'før (?:jul|påske)', '(?:uke|veke|week) ?\\d{1,2}', '(?:i|over|til|neste|denne|førstkommende) (?:helg(?:a|en|e)?)',
  'helg(?:a|en)', 'weekend', 'en gang (?:neste|denne|i|i løpet)', 'i løpet av', 'neste (?:uke|veke|måned|månad)', 'next (?:week|month)',
  'snart', 'om (?:et par|noen|nokre|ein|en) (?:dager|dagar|ukers? tid|vekes tid|uker)', 'om en ukes? tid', 'om ei veke', 'in a few days', 'sometime', 'some time',
  'når det passer', 'en av dagene', 'ein av dagane', 'i (?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)',
  'i slutten av', 'i begynnelsen av', 'tidlig neste', 'seinare|senere', 'later this week', 'early next week', 'this week', 'denne uk(?:a|en)', 'denne veka',
];
const PERIOD_SOURCE = PERIODS.join('|');

const iso = (d: DateTime) => d.toISODate()!;
const ask = (reason: DateAsk, candidates: string[] = []): DateReading => ({ date: null, ask: reason, candidates });
const ok = (date: string): DateReading => ({ date, ask: null, candidates: [] });

function isoWeekStart(d: DateTime): DateTime {
  return d.startOf('day').minus({ days: d.weekday - 1 });
}

/** The day a weekday mention means, or why it is unclear. */
function weekdayDate(w: WeekdayDayMention, input: DateInput): DateReading {
  const today = input.received.startOf('day');
  const week = isoWeekStart(today);
  const inWeek = (weeksAhead: number) => week.plus({ days: 7 * weeksAhead + w.weekday - 1 });
  switch (w.qualifier.kind) {
    case 'next_week': return ok(iso(inWeek(1)));
    case 'in_weeks': return ok(iso(inWeek(w.qualifier.weeks)));
    case 'after_next': return ask('ambiguous_next_weekday', [iso(inWeek(1)), iso(inWeek(2))]);
    case 'iso_week': {
      const weekday = w.weekday as WeekdayNumbers;
      let d = today.set({ weekNumber: w.qualifier.week, weekday });
      if (d < today) d = today.plus({ years: 1 }).set({ weekNumber: w.qualifier.week, weekday });
      return d.isValid ? ok(iso(d)) : ask('invalid_date');
    }
    case 'this_week': {
      const d = inWeek(0);
      return d < today ? ask('past_date', [iso(d.plus({ days: 7 }))]) : sameDayCheck(d, input);
    }
    case 'next': {
      const coming = today.plus({ days: ((w.weekday - today.weekday + 6) % 7) + 1 });
      // «neste fredag» on a Monday: this Friday or the one after? Past this week's end it is clear.
      if (isoWeekStart(coming) > week) return ok(iso(coming));
      return ask('ambiguous_next_weekday', [iso(coming), iso(coming.plus({ days: 7 }))]);
    }
    case 'plain': {
      const d = today.plus({ days: (w.weekday - today.weekday + 7) % 7 });
      return sameDayCheck(d, input);
    }
  }
}

/** The writer's own weekday is today only while the time is still ahead; without a time we cannot tell. */
function sameDayCheck(d: DateTime, input: DateInput): DateReading {
  const today = input.received.startOf('day');
  if (!d.hasSame(today, 'day')) return ok(iso(d));
  if (!input.time) return ask('same_weekday_today', [iso(d), iso(d.plus({ days: 7 }))]);
  const start = today.set({ hour: input.time.hour, minute: input.time.minute });
  return start > input.received ? ok(iso(d)) : ok(iso(d.plus({ days: 7 })));
}

function relativeDate(kind: 'today' | 'tomorrow' | 'day_after', received: DateTime): string {
  return iso(received.startOf('day').plus({ days: kind === 'today' ? 0 : kind === 'tomorrow' ? 1 : 2 }));
}

/**
 * Two or more days: «man og tirs kl 12» are two tasks, «man eller tirs» a choice (asked back). A
 * list is read only when its days follow each other joined by «og», «,» or «and» and each day is
 * clear on its own; anything less is asked back, as a single unclear day would be.
 */
function severalDays(input: DateInput, days: string[]): DateReading {
  const alternatives = hasWord(input.text, 'eller|el\\.|or|evt\\.?|eventuelt|alternativt') || /\p{L}\s*\/\s*\p{L}/u.test(input.text);
  if (alternatives) return ask('alternatives', days);
  if (hasWord(input.text, 'og|and|og så|samt|både|begge') || input.text.includes('+') || input.text.includes('&')) return listedDays(input) ?? ask('several_days', days);
  return ask('conflicting_dates', days);
}

const JOINER = /^\s*(?:,\s*(?:(?:og|and)\s+)?|(?:og|and|&|\+|samt|og så)\s+)(?:(?:på|on|den|the)\s+)?$/;

interface DaySpan extends Span { weekday: boolean }

/** True when the day mentions stand next to each other, joined only by «og», «,», «and» (and a clock time); «fredag 4.12» is one day. */
function isJoinedList(input: DateInput, spans: DaySpan[]): boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  return sorted.slice(1).every((s, i) => {
    const prev = sorted[i]!;
    const gap = input.text.slice(prev.end, s.start).replace(/\s*(?:kl\.?|klokka|klokken|at)\s*\d{1,2}(?:[.:]\d{2})?\s*/g, ' ').replace(/^\s*[.]/, ' ');
    if (prev.weekday && !s.weekday && /^\s*(?:,\s*)?(?:den\s+)?$/.test(gap)) return true;
    return JOINER.test(gap);
  });
}

/** The days of a list, each read as it would be alone; undefined when one is unclear or they clash. */
function listedDays(input: DateInput): DateReading | undefined {
  const { mentions: m } = input;
  const days = listedDayValues(input);
  if (!days) return undefined;
  const spans = [...m.relative, ...m.explicit].map((x) => ({ ...x.span, weekday: false })).concat(m.weekdays.map((w) => ({ ...w.span, weekday: true })));
  // Written in the order they come («onsdag og fredag» on a Wednesday after the time is past is not next Wednesday first).
  const ascending = days.every((d, i) => i === 0 || days[i - 1]! < d);
  if (days.length < 2 || !ascending || !isJoinedList(input, spans)) return undefined;
  return { date: days[0]!, ask: null, candidates: [], explicit: m.explicit.length > 0, dates: days };
}

function listedDayValues(input: DateInput): string[] | undefined {
  const { mentions: m, received } = input;
  if (m.relative.length > 0) {
    // «i dag og i morgen»: only alone, and not in the small hours, when «i morgen» may mean today.
    if (m.weekdays.length + m.explicit.length > 0 || received.hour < 6) return undefined;
    return sortedBySpan(m.relative).map((r) => relativeDate(r.kind, received));
  }
  if (m.explicit.length > 0) return explicitList(input);
  // «mandag og tirsdag neste uke»: a qualifier on one day of the list could mean all or one.
  const kinds = new Set(m.weekdays.map((w) => w.qualifier.kind));
  if (kinds.size > 1 || hasWord(input.text, PERIOD_SOURCE)) return undefined;
  const read = sortedBySpan(m.weekdays).map((w) => weekdayDate(w, input));
  return read.every((r) => r.date !== null) ? read.map((r) => r.date!) : undefined;
}

/** «4. og 11. des», «fredag 4.12 og lørdag 5.12»: every date valid and ahead, and every weekday its own. */
function explicitList(input: DateInput): string[] | undefined {
  const { mentions: m, received } = input;
  const today = received.startOf('day');
  const dates: string[] = [];
  for (const e of sortedBySpan(m.explicit)) {
    if (e.date === null || e.recentlyPast) return undefined;
    if (e.yearGiven && e.date < iso(today)) return undefined;
    dates.push(e.date);
  }
  const weekdayOf = (d: string) => today.set({ year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) }).weekday;
  if (m.weekdays.length === 0) return dates;
  if (m.weekdays.length !== dates.length) return undefined;
  const matches = sortedBySpan(m.weekdays).every((w, i) => weekdayOf(dates[i]!) === w.weekday);
  return matches ? dates : undefined;
}

const sortedBySpan = <T extends { span: Span }>(xs: T[]) => [...xs].sort((a, b) => a.span.start - b.span.start);

function unique(values: (string | null)[]): (string | null)[] {
  return [...new Set(values)];
}

export function resolveDate(input: DateInput): DateReading {
  const { mentions: m, received } = input;
  if (m.recurring) return ask('recurring');
  const explicit = unique(m.explicit.map((e) => e.date));
  const relative = unique(m.relative.map((r) => relativeDate(r.kind, received)));
  const weekdays = [...new Set(m.weekdays.map((w) => w.weekday))];
  if (explicit.length > 1 || relative.length > 1 || weekdays.length > 1) {
    const days = [...explicit, ...relative].filter((d): d is string => d !== null);
    return severalDays(input, days.length > 0 ? days : m.weekdays.map((w) => iso(received.startOf('day').plus({ days: (w.weekday - received.weekday + 7) % 7 }))));
  }
  const weekday = weekdays[0];
  if (explicit.length === 1) return fromExplicit(input, weekday, relative[0] ?? undefined);
  if (relative.length === 1) return fromRelative(input, weekday, relative[0]!);
  if (m.weekdays.length > 0) {
    if (hasWord(input.text, '(?:vinter|høst|haust|påske|sommer|jule)ferie(?:n|a)?|i påsk(?:en|a)|romjul(?:a|en)?')) return ask('period');
    return weekdayDate(m.weekdays[0]!, input);
  }
  if (input.urgentNow) return ok(iso(received));
  if (hasWord(input.text, PERIOD_SOURCE)) return ask('period');
  return ask('no_date');
}

function fromExplicit(input: DateInput, weekday: number | undefined, relative: string | undefined): DateReading {
  const e = input.mentions.explicit[0]!;
  if (e.date === null) return ask('invalid_date');
  const date = input.received.set({ year: Number(e.date.slice(0, 4)), month: Number(e.date.slice(5, 7)), day: Number(e.date.slice(8, 10)) });
  if (weekday !== undefined && date.weekday !== weekday) return ask('weekday_date_conflict', [e.date]);
  if (relative !== undefined && relative !== e.date) return ask('conflicting_dates', [e.date, relative]);
  if (e.yearGiven && date.startOf('day') < input.received.startOf('day')) return ask('past_date', [e.date]);
  if (e.recentlyPast) return ask('past_date', [e.date]);
  return { date: e.date, ask: null, candidates: [], explicit: true };
}

function fromRelative(input: DateInput, weekday: number | undefined, date: string): DateReading {
  const { received } = input;
  const day = received.startOf('day').plus({ days: Math.round((Date.parse(date) - Date.parse(iso(received))) / 86_400_000) });
  if (weekday !== undefined) return day.weekday === weekday ? ok(date) : ask('tomorrow_weekday_conflict', [date]);
  // At 01:30 «i morgen» may well mean the day that has just begun.
  const kinds = input.mentions.relative.map((r) => r.kind);
  if (received.hour < 6 && kinds.some((k) => k === 'tomorrow' || k === 'day_after')) return ask('tomorrow_after_midnight', [iso(received.startOf('day')), date]);
  return ok(date);
}
