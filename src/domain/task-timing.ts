import { DateTime } from 'luxon';
import { OSLO_ZONE } from './oslo-time';
import { nextSendableAt, type QuietHours } from './quiet-hours';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface UrgencySettings {
  urgentWithinHours: number;
  urgentWaveSize: number;
  urgentOfferTimeoutMinutes: number;
}

export const DEFAULT_URGENCY_SETTINGS: UrgencySettings = {
  urgentWithinHours: 24,
  urgentWaveSize: 6,
  urgentOfferTimeoutMinutes: 15,
};

export interface DispatchPolicyInput {
  startsAt: Date;
  now: Date;
  waveSize: number;
  offerTimeoutMinutes: number;
  oneAtATime?: boolean;
}

export interface DispatchPolicy { urgent: boolean; waveSize: number; offerTimeoutMinutes: number }

/**
 * How widely and how fast to ask for a task. Close to the start there is no time for the usual
 * slow rounds, so more volunteers are asked at once and each gets less time to answer.
 *
 * Urgency wins over `oneAtATime`: that setting exists to spare volunteers needless offers, but a
 * task that is about to go unstaffed is worse than a few extra "already taken" replies.
 */
export function dispatchPolicy(input: DispatchPolicyInput, settings: UrgencySettings): DispatchPolicy {
  const waveSize = input.oneAtATime ? 1 : input.waveSize;
  // A task that has already started counts as urgent too: someone may still be able to come.
  const urgent = input.startsAt.getTime() - input.now.getTime() <= settings.urgentWithinHours * HOUR_MS;
  if (!urgent) return { urgent, waveSize, offerTimeoutMinutes: input.offerTimeoutMinutes };
  return {
    urgent,
    waveSize: Math.max(waveSize, settings.urgentWaveSize),
    offerTimeoutMinutes: Math.min(input.offerTimeoutMinutes, settings.urgentOfferTimeoutMinutes),
  };
}

const DEFAULT_FILL_BY_LEAD_MS = 2 * HOUR_MS;

/**
 * When the task must have someone: the coordinator's own deadline, or 2 hours before the start,
 * which leaves time to phone round. A deadline after the start is treated as the start.
 */
export function fillByDeadline(startsAt: Date, fillBy?: Date | null): Date {
  const deadline = fillBy ?? new Date(startsAt.getTime() - DEFAULT_FILL_BY_LEAD_MS);
  return new Date(Math.min(deadline.getTime(), startsAt.getTime()));
}

const ALERT_FRACTION = 0.75;
const ALERT_MIN_LEAD_MS = HOUR_MS;

/**
 * When to tell the coordinator, once, that nobody has taken the task yet. At three quarters of
 * the time between dispatch and fill-by the SMS round has had a fair chance; the alert still comes
 * at least an hour before fill-by so the coordinator has time to act, and never before the task
 * was dispatched (a fill-by that has already passed alerts at once).
 */
export function deadlineAlertAt(input: { dispatchedAt: Date; fillBy: Date }): Date {
  const dispatched = input.dispatchedAt.getTime();
  const fillBy = input.fillBy.getTime();
  const atFraction = dispatched + (fillBy - dispatched) * ALERT_FRACTION;
  const latest = fillBy - ALERT_MIN_LEAD_MS;
  return new Date(Math.max(dispatched, Math.min(atFraction, latest)));
}

export type ReminderKind = 'day_before' | 'two_hours_before';
export interface Reminder { kind: ReminderKind; at: Date }

const DAY_BEFORE_HOUR = 18;
const TWO_HOURS_MS = 2 * HOUR_MS;
const MIN_REMINDER_GAP_MS = 30 * MINUTE_MS;

/**
 * The reminders an assigned volunteer gets: at 18:00 Oslo time the evening before (a calendar
 * day, so it is 18:00 on DST days too), and 2 real hours before the start.
 *
 * A reminder at or before the assignment is dropped: the assignment SMS already says it all.
 * Of the rest, the two-hours reminder is dropped when it would come no more than 30 minutes
 * after the day-before one, since two SMS in a row only annoy.
 *
 * With `q`, each reminder is moved out of quiet hours as the sender would hold it, and dropped
 * when that is not before the start: a 05:00 reminder for a 07:00 task would otherwise arrive at
 * 08:00, after the task began.
 */
export function reminderSchedule(input: { startsAt: Date; assignedAt: Date }, q?: QuietHours): Reminder[] {
  const sendable = (at: Date) => (q ? nextSendableAt(q, at) : at);
  const dayBefore: Reminder = { kind: 'day_before', at: sendable(eveningBefore(input.startsAt)) };
  const twoHours: Reminder = { kind: 'two_hours_before', at: sendable(new Date(input.startsAt.getTime() - TWO_HOURS_MS)) };
  const due = [dayBefore, twoHours].filter((r) => r.at > input.assignedAt && r.at < input.startsAt);
  const [first, second] = due;
  if (first && second && second.at.getTime() - first.at.getTime() <= MIN_REMINDER_GAP_MS) return [first];
  return due;
}

function eveningBefore(startsAt: Date): Date {
  return DateTime.fromJSDate(startsAt, { zone: OSLO_ZONE })
    .minus({ days: 1 })
    .set({ hour: DAY_BEFORE_HOUR, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
}

const CHECK_IN_DELAY_MS = 30 * MINUTE_MS;
const CHECK_IN_GIVE_UP_DAYS = 2;

/**
 * When to ask the volunteer how the task went: 30 minutes after it ends, or when quiet hours end.
 * With no answer by `giveUpAt` the check-in is left for the coordinator. The two days are Oslo
 * calendar days, so the give-up keeps the ask's time of day across a DST change.
 */
export function checkInSchedule(
  input: { startsAt: Date; durationMinutes: number },
  q: QuietHours,
): { askAt: Date; giveUpAt: Date } {
  const endsAt = input.startsAt.getTime() + input.durationMinutes * MINUTE_MS;
  const askAt = nextSendableAt(q, new Date(endsAt + CHECK_IN_DELAY_MS));
  return { askAt, giveUpAt: checkInGiveUpAt(askAt) };
}

/** When an unanswered check-in, asked at `askedAt`, is left for the coordinator (two Oslo days on). */
export function checkInGiveUpAt(askedAt: Date): Date {
  return DateTime.fromJSDate(askedAt, { zone: OSLO_ZONE }).plus({ days: CHECK_IN_GIVE_UP_DAYS }).toJSDate();
}
