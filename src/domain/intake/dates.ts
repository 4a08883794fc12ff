import type { DateTime, WeekdayNumbers } from 'luxon';
import type { DateMentions, WeekdayDayMention } from './date-mentions';
import { hasWord } from './normalize';

/**
 * What day a request is for, or why we must ask. A confident wrong date sends a volunteer on the
 * wrong day, so every disagreement or vagueness becomes a question, never a guess.
 */

export type DateAsk =
  | 'no_date' | 'weekday_date_conflict' | 'tomorrow_weekday_conflict' | 'tomorrow_after_midnight'
  | 'ambiguous_next_weekday' | 'same_weekday_today' | 'period' | 'recurring' | 'alternatives'
  | 'several_days' | 'conflicting_dates' | 'past_date' | 'invalid_date' | 'ambiguous_number';

export type DateReading =
  | { date: string; ask: null; candidates: string[]; explicit?: boolean }
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

/** Two or more days: «man og tirs» are two tasks, «man eller tirs» a choice; both are asked back. */
function severalDays(input: DateInput, days: string[]): DateReading {
  const alternatives = hasWord(input.text, 'eller|el\\.|or|evt\\.?|eventuelt|alternativt') || /\p{L}\s*\/\s*\p{L}/u.test(input.text);
  if (alternatives) return ask('alternatives', days);
  if (hasWord(input.text, 'og|and|og så|samt|både|begge') || input.text.includes('+') || input.text.includes('&')) return ask('several_days', days);
  return ask('conflicting_dates', days);
}

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
