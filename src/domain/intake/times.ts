import { hasWord } from './normalize';
import type { TimeMention } from './time-mentions';

/**
 * When the volunteer starts, or why we must ask. The start is the pick-up time when one is given
 * (it wins over the appointment); an appointment, a deadline, a window or a part of the day alone
 * does not say when to come, so they are asked back.
 */

export type TimeAsk =
  | 'no_time' | 'part_of_day' | 'appointment_only' | 'deadline_only' | 'window'
  | 'alternative_times' | 'conflicting_times' | 'time_passed' | 'nonexistent_time' | 'ambiguous_number';

export type PartOfDay = 'morning' | 'midday' | 'afternoon' | 'evening' | 'night';

export interface Clock { hour: number; minute: number }

export type TimeReading =
  | { time: Clock; ask: null; appointment: Clock | null; partOfDay: PartOfDay | null }
  | { time: null; ask: TimeAsk; appointment: Clock | null; partOfDay: PartOfDay | null };

const PARTS: [PartOfDay, string][] = [
  ['morning', 'morgen(?:en)?|morgon(?:en)?|tidlig|tidleg|formiddag(?:en)?|føremiddag(?:en)?|fm|f\\.m\\.|morning|etter frokost|etter frukost'],
  ['midday', 'lunsj(?:tid|en)?|lunch(?:time)?|midt på dagen|midt på dagen|middagstid|rundt middag|etter lunsj'],
  ['afternoon', 'ettermiddag(?:en)?|ettermidda|etter middag|ettermiddagen|em|e\\.m\\.|afternoon|etter middagen|før middag|i ettermiddag'],
  ['evening', 'kveld(?:en)?|kvelden|kvell|i kveld|ikveld|evening|tonight'],
  ['night', 'natt(?:a|en)?|night'],
];

/** The part of the day the text names, if any («i morgen» is a day, not a morning, and is left out by the caller). */
export function findPartOfDay(text: string): PartOfDay | null {
  for (const [part, source] of PARTS) if (hasWord(text, source)) return part;
  return null;
}

/** «kl 3» by day is 15:00; with «om morgenen» it is 03:00. Fixed hours (15, 09, 3pm) stay. */
export function clockOf(t: Pick<TimeMention, 'hour' | 'minute' | 'fixed'>, part: PartOfDay | null): Clock {
  if (t.fixed) return { hour: t.hour % 24, minute: t.minute };
  const pm = part === 'afternoon' || part === 'evening';
  const am = part === 'morning' || part === 'night';
  if (pm && t.hour < 12) return { hour: t.hour + 12, minute: t.minute };
  if (am) return { hour: t.hour % 12, minute: t.minute };
  return { hour: t.hour <= 6 ? t.hour + 12 : t.hour, minute: t.minute };
}

const minutesOf = (c: Clock) => c.hour * 60 + c.minute;

/**
 * Each mention's clock. An hour that could be morning or afternoon («hentes 6.45» beside «kl
 * 7.30») takes the reading nearest the message's other times; alone it follows `clockOf`.
 */
function clocksOf(mentions: TimeMention[], part: PartOfDay | null): Clock[] {
  const defaults = mentions.map((m) => clockOf(m, part));
  return mentions.map((m, i) => {
    if (m.fixed || part || m.hour > 12) return defaults[i]!;
    const others = defaults.filter((_, j) => j !== i).map(minutesOf);
    if (others.length === 0) return defaults[i]!;
    const options = [{ hour: m.hour % 12, minute: m.minute }, { hour: (m.hour % 12) + 12, minute: m.minute }];
    const distance = (c: Clock) => Math.min(...others.map((o) => Math.abs(o - minutesOf(c))));
    const best = options.reduce((a, b) => (distance(b) < distance(a) ? b : a));
    return distance(best) <= 4 * 60 ? best : defaults[i]!;
  });
}

const same = (a: Clock, b: Clock) => a.hour === b.hour && a.minute === b.minute;

function distinct(clocks: Clock[]): Clock[] {
  return clocks.filter((c, i) => clocks.findIndex((d) => same(c, d)) === i);
}

export function resolveTime(text: string, mentions: TimeMention[], part: PartOfDay | null, urgentNow: Clock | null): TimeReading {
  const clocks = clocksOf(mentions, part);
  const clock = (m: TimeMention) => clocks[mentions.indexOf(m)]!;
  const appointments = distinct(mentions.filter((m) => m.role === 'appointment').map(clock));
  const appointment = appointments[0] ?? null;
  const base = { appointment, partOfDay: part };
  const pickups = distinct(mentions.filter((m) => m.role === 'pickup').map(clock));
  const starts = distinct(mentions.filter((m) => m.role === 'start').map(clock));
  const chosen = pickups.length > 0 ? pickups : starts;
  if (chosen.length === 1) return { ...base, time: chosen[0]!, ask: null };
  if (chosen.length > 1) {
    const alternatives = hasWord(text, 'eller|or|evt\\.?|eventuelt|alternativt');
    return { ...base, time: null, ask: alternatives ? 'alternative_times' : 'conflicting_times' };
  }
  if (appointments.length > 0) return { ...base, time: null, ask: 'appointment_only' };
  if (mentions.some((m) => m.role === 'deadline')) return { ...base, time: null, ask: 'deadline_only' };
  if (mentions.some((m) => m.role === 'after' || m.role === 'window')) return { ...base, time: null, ask: 'window' };
  if (urgentNow) return { ...base, time: urgentNow, ask: null };
  if (part) return { ...base, time: null, ask: 'part_of_day' };
  return { ...base, time: null, ask: 'no_time' };
}
