import { DateTime } from 'luxon';
import { OSLO_ZONE } from '../oslo-time';
import type { NamedDay, OfferDay } from './types';

/**
 * Which accepted task a withdrawal gives back: the one on the day named, or the only one ahead.
 * undefined means «ask which» (several ahead and no day, or a day that matches none or several).
 */
export function pickWithdrawal<T extends { startsAt: Date }>(upcoming: readonly T[], day: NamedDay | undefined, now: Date): T | undefined {
  if (!day) return upcoming.length === 1 ? upcoming[0] : undefined;
  const onDay = upcoming.filter((a) => isOnDay(a.startsAt, day, now));
  if (onDay.length === 1) return onDay[0];
  // «torsdag» with a task this Thursday and one the next: the coming one.
  const thisWeek = onDay.filter((a) => daysAhead(a.startsAt, now) < 7);
  return thisWeek.length === 1 ? thisWeek[0] : undefined;
}

/** The offer's day as readReply compares it with a day named in a yes. */
export function toOfferDay(startsAt: Date, now: Date): OfferDay {
  const start = DateTime.fromJSDate(startsAt, { zone: OSLO_ZONE });
  const today = DateTime.fromJSDate(now, { zone: OSLO_ZONE }).startOf('day');
  return {
    weekday: start.weekday,
    day: start.day,
    month: start.month,
    isToday: start.hasSame(today, 'day'),
    isTomorrow: start.hasSame(today.plus({ days: 1 }), 'day'),
  };
}

function isOnDay(startsAt: Date, day: NamedDay, now: Date): boolean {
  const offerDay = toOfferDay(startsAt, now);
  switch (day.kind) {
    case 'weekday': return offerDay.weekday === day.weekday;
    case 'today': return offerDay.isToday;
    case 'tomorrow': return offerDay.isTomorrow;
    case 'date': return offerDay.day === day.day && offerDay.month === day.month;
  }
}

function daysAhead(startsAt: Date, now: Date): number {
  return DateTime.fromJSDate(startsAt, { zone: OSLO_ZONE }).startOf('day')
    .diff(DateTime.fromJSDate(now, { zone: OSLO_ZONE }).startOf('day'), 'days').days;
}
