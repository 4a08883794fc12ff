import { DateTime } from 'luxon';
import { OSLO_ZONE } from './oslo-time';

/**
 * Quiet hours: the nightly window in which volunteers get no offers, reminders or check-ins.
 * Times are Oslo wall-clock times, because that is what the volunteer's phone shows at night.
 *
 * Each night's window is one unbroken stretch: it opens the first time the Oslo clock shows
 * `start` and closes the first time after that it shows `end`. That makes the DST nights well
 * defined: in March a time inside the skipped hour is reached when the clock jumps past it, and in
 * October a time inside the repeated hour counts at its first showing, so the window is never
 * split in two by the clock going back.
 */
export type QuietHours =
  | { kind: 'off' }
  | { kind: 'window'; startMinute: number; endMinute: number }; // minutes after Oslo midnight

export const DEFAULT_QUIET_HOURS = '21:00-08:00';

export type QuietHoursParseResult = { ok: true; value: QuietHours } | { ok: false; message: string };

const EXPECTED = 'must be HH:MM-HH:MM in Europe/Oslo time (for example "21:00-08:00") or "off"';
const SPEC = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)$/;

export function parseQuietHours(spec: string): QuietHoursParseResult {
  const text = spec.trim();
  if (text.toLowerCase() === 'off') return { ok: true, value: { kind: 'off' } };
  const m = SPEC.exec(text);
  if (!m) return { ok: false, message: `Quiet hours ${EXPECTED}, not "${spec}".` };
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const endMinute = Number(m[3]) * 60 + Number(m[4]);
  if (startMinute === endMinute) {
    // Ambiguous: it could mean "never quiet" or "always quiet", and the latter would stop all dispatch.
    return { ok: false, message: `Quiet hours must start and end at different times; use "off" for no quiet hours, not "${spec}".` };
  }
  return { ok: true, value: { kind: 'window', startMinute, endMinute } };
}

/**
 * What each SMS is for, which decides whether it may go out at night. An offer, a reminder or a
 * check-in can wait until morning without harm.
 */
export type SmsKind = 'offer' | 'reminder' | 'check_in' | 'coordinator_alert' | 'reply' | 'cancellation';

const heldInQuietHours: Record<SmsKind, boolean> = {
  offer: true,
  reminder: true,
  check_in: true,
  // The coordinator asked to be told, and the alert is about time running out on a task.
  coordinator_alert: false,
  // A person who has just texted us is awake and expects an answer now, not at 08:00.
  reply: false,
  // A cancellation sent the evening before must not wait until after the task has started,
  // or the volunteer turns up for nothing.
  cancellation: false,
};

export function isHeldInQuietHours(kind: SmsKind): boolean {
  return heldInQuietHours[kind];
}

/** True when `at` falls inside a quiet window. */
export function isQuiet(q: QuietHours, at: Date): boolean {
  // Defined through nextSendableAt so that the two can never disagree about a boundary.
  return nextSendableAt(q, at).getTime() > at.getTime();
}

/** `at` itself when sending is allowed, otherwise the instant the quiet window ends. */
export function nextSendableAt(q: QuietHours, at: Date): Date {
  return addActiveMinutes(q, at, 0);
}

/**
 * The instant at which `minutes` of time outside quiet hours have passed since `from`: an offer's
 * timeout only runs while the volunteer can be expected to read SMS. When `from` is quiet, the
 * count starts when the window ends. A count that runs out exactly as a window opens ends there
 * (the volunteer has had the full time), not the next morning.
 */
export function addActiveMinutes(q: QuietHours, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  let t = from.getTime();
  let remaining = minutes * 60_000;
  if (q.kind === 'off') return new Date(t + remaining);
  for (const w of windowsFrom(q, from)) {
    if (w.end <= t) continue;
    if (w.start > t) {
      const active = w.start - t;
      if (remaining <= active) return new Date(t + remaining);
      remaining -= active;
    }
    t = w.end;
  }
  throw new Error('unreachable: windowsFrom never ends');
}

interface Span { start: number; end: number } // epoch ms, end exclusive

/**
 * The nightly windows in order, starting with the one that opened the day before `at` (it may
 * still be running after midnight). Endless: callers stop when they have their answer.
 */
function* windowsFrom(q: { startMinute: number; endMinute: number }, at: Date): Generator<Span> {
  let day = DateTime.fromJSDate(at, { zone: OSLO_ZONE }).startOf('day').minus({ days: 1 });
  for (;;) {
    const endDay = q.endMinute > q.startMinute ? day : day.plus({ days: 1 });
    yield { start: firstShowing(day, q.startMinute), end: firstShowing(endDay, q.endMinute) };
    day = day.plus({ days: 1 });
  }
}

/** The first instant on this Oslo calendar day at which the wall clock has reached `minuteOfDay`. */
function firstShowing(day: DateTime, minuteOfDay: number): number {
  const dt = day.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 });
  if (dt.hour * 60 + dt.minute !== minuteOfDay) {
    // Skipped by the spring jump: luxon moves the time forward by the gap. The clock first passes
    // it at the jump itself, which in Oslo happens on a whole hour (02:00 -> 03:00).
    return dt.startOf('hour').toMillis();
  }
  // In the repeated autumn hour the clock shows this time twice and luxon's pick depends on the
  // offset it starts from, so choose explicitly: the first showing counts.
  return Math.min(...dt.getPossibleOffsets().map((p) => p.toMillis()));
}
