import type { DateTime } from 'luxon';
import type { NumericToken } from './numeric';
import { findWeekdays } from './weekdays';

/**
 * «14.02» is a date and «kl 14.02» a time, but «fredag 12.10» depends on whether 12 October is a
 * Friday. Tokens the numbers alone leave open are settled by the rest of the message; when
 * nothing settles them they stay unsettled and both the day and the time are asked back.
 */

export interface SettledNumbers {
  dates: NumericToken[];
  times: NumericToken[];
  /** True when a token could be either and nothing in the message says which. */
  unsettled: boolean;
}

function weekdayBefore(text: string, t: NumericToken): number | undefined {
  const before = text.slice(Math.max(0, t.span.start - 14), t.span.start);
  const found = findWeekdays(before).filter((w) => /^[\s,.]*(?:den\s+)?$/.test(before.slice(w.span.end)));
  return found[found.length - 1]?.weekday;
}

export function settleNumbers(text: string, tokens: NumericToken[], today: DateTime, hasOtherDay: boolean, hasOtherTime: boolean): SettledNumbers {
  const dates = tokens.filter((t) => t.kind === 'date');
  const times = tokens.filter((t) => t.kind === 'time');
  let unsettled = false;
  for (const t of tokens.filter((x) => x.kind === 'ambiguous')) {
    const weekday = weekdayBefore(text, t);
    const asDate = today.set({ month: t.b, day: t.a });
    const dateWeekday = (asDate < today.startOf('day') ? asDate.plus({ years: 1 }) : asDate).weekday;
    // A clock time a nurse would write: a daytime hour and whole five minutes («12.10», not «4.12»).
    const plausibleTime = t.a >= 6 && t.a <= 22 && t.b % 5 === 0;
    if (hasOtherTime) dates.push(t);
    else if (weekday !== undefined) (weekday !== dateWeekday && plausibleTime ? times : dates).push(t);
    else if (hasOtherDay) (plausibleTime ? times : dates).push(t);
    else if (t.b < 10) dates.push(t); // «14.02»: a month with a leading zero; nobody writes 14:02 for a visit
    else unsettled = true;
  }
  return { dates, times, unsettled };
}
