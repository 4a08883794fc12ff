import { DateTime } from 'luxon';
import { OSLO_ZONE } from '../oslo-time';
import { findDateMentions, type DateMentions } from './date-mentions';
import { resolveDate, type DateReading } from './dates';
import { findNumericTokens } from './numeric';
import { settleNumbers } from './settle-numbers';
import { findTimes, type TimeMention } from './time-mentions';
import { findPartOfDay, resolveTime, type Clock, type TimeReading } from './times';

/** The day and the time in a text, read together: each settles the other («fredag 12.10», «onsdag» on a Wednesday). */

export const hhmm = (c: Clock) => `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;

export interface Readings { date: DateReading; time: TimeReading; mentions: DateMentions; times: TimeMention[]; unsettled: boolean }

/** The day and the time a text names; `knownTime` (from an earlier message) settles «fredag» written on a Friday. */
export function readWhen(normalized: string, received: DateTime, urgentNow: boolean, knownTime: Clock | null = null): Readings {
  const tokens = findNumericTokens(normalized);
  const today = received.startOf('day');
  const first = findDateMentions(normalized, today, tokens.filter((t) => t.kind === 'date'));
  const firstTimes = findTimes(normalized, tokens.filter((t) => t.kind === 'time'), []);
  const hasOtherDay = first.relative.length + first.weekdays.length + first.explicit.length > 0;
  const settled = settleNumbers(normalized, tokens, today, hasOtherDay, firstTimes.length > 0);
  const mentions = findDateMentions(normalized, today, settled.dates);
  const daySpans = [...mentions.relative.map((r) => r.span), ...mentions.weekdays.map((w) => w.span), ...mentions.explicit.map((e) => e.span)];
  const times = findTimes(normalized, settled.times, daySpans);
  const partText = mentions.relative.filter((r) => r.kind !== 'today').reduce((t, r) => t.slice(0, r.span.start) + ' '.repeat(r.span.end - r.span.start) + t.slice(r.span.end), normalized);
  const nowClock = urgentNow ? { hour: received.hour, minute: received.minute } : null;
  const time = resolveTime(normalized, times, findPartOfDay(partText), nowClock);
  const date = resolveDate({ text: normalized, mentions, received, time: time.time ?? knownTime, urgentNow });
  return { date, time, mentions, times, unsettled: settled.unsettled };
}

/**
 * A time already gone today, or one the spring DST night skips, cannot be the start. After «i
 * dag» the time is what is wrong; after a date written out («28.12 kl 9» at 14:00) the date may be.
 */
export function checkTimeOnDay(r: Readings, received: DateTime): { date: DateReading; time: TimeReading } {
  const { date, time } = r;
  if (!date.date || !time.time) return { date, time };
  const start = DateTime.fromISO(`${date.date}T${hhmm(time.time)}`, { zone: OSLO_ZONE });
  const skipped = (date.dates ?? [date.date]).some((d) => DateTime.fromISO(`${d}T${hhmm(time.time!)}`, { zone: OSLO_ZONE }).hour !== time.time!.hour);
  if (skipped) return { date, time: { ...time, time: null, ask: 'nonexistent_time' } };
  if (start >= received.minus({ minutes: 15 })) return { date, time };
  if (date.explicit) return { date: { date: null, ask: 'past_date', candidates: [date.date] }, time };
  return { date, time: { ...time, time: null, ask: 'time_passed' } };
}

