import { DateTime } from 'luxon';
import type { TaskType } from '../language';
import { OSLO_ZONE } from '../oslo-time';
import type { DateMentions } from './date-mentions';
import type { DateReading } from './dates';
import { readLanguage, type IntakeLanguage } from './language';
import { holidayName } from './named-days';
import { cleanText, hasWord, type Span } from './normalize';
import { readNotes } from './notes';
import { readPlace } from './place';
import { questionFor, type AskReason, type IntakeField, type IntakeQuestion } from './questions';
import { readRequestKind, type RequestKind } from './request-kind';
import { readTaskType } from './task-type';
import type { TimeMention } from './time-mentions';
import type { TimeReading } from './times';
import { checkTimeOnDay, hhmm, readWhen } from './when';

/**
 * Reads a request texted in free Norwegian (bokmål or nynorsk) or English: `parseIntake(text,
 * receivedAt)` → what is asked for, which day and time (Europe/Oslo), where, and what is missing,
 * in the order it should be asked. Pure: the caller passes the moment the text arrived.
 */

export type { IntakeField, IntakeQuestion, AskReason } from './questions';
export type { IntakeLanguage } from './language';
export { parseAnswer, type IntakeDraft, type AnswerResult } from './answer';

export interface IntakeResult {
  isRequest: boolean;
  /** 'request', or why it is not one (thanks, greeting, question, volunteer_offer, complaint, change, empty). */
  kind: RequestKind['kind'];
  /** «K7» when a change or cancellation names the request it is about. */
  reference: string | null;
  type: TaskType;
  /** 'YYYY-MM-DD' in Oslo, or null when missing or unclear (then `missing` has 'date'); the first day of a list. */
  date: string | null;
  /** Every day asked for, in order: two or more for «man og tirs kl 12» (one task each), `[date]` for one day, `[]` without one. */
  dates: string[];
  /** 'HH:MM' when the volunteer starts (a pick-up time wins over the appointment). */
  time: string | null;
  /** ISO 8601 with the Oslo offset of that day, when both date and time are known. */
  startsAt: string | null;
  place: string | null;
  /** Needs, aids, names, the pick-up address: task details, never in an offer SMS. */
  notes: string;
  /** The fields to ask for, in asking order. */
  missing: IntakeField[];
  /** Why each missing field is missing, and the question to send (in `language`). */
  questions: IntakeQuestion[];
  language: IntakeLanguage;
  /** «NÅ», or a start within two hours of arrival: the coordinator is told at once. */
  urgent: boolean;
  /** A Norwegian public holiday on `date` ('Første juledag'), for the summary. */
  holiday: string | null;
  /** The days the text could mean when `date` is asked back (both Fridays for «neste fredag»). */
  dateCandidates: string[];
  /** An appointment time read from the text («time hos legen kl 14»), even when it is not the start. */
  appointmentTime: string | null;
}

const URGENT_NOW = 'med en gang|med ein gong|med ein gang|straks|umiddelbart|akutt|asap|right now|right away|immediately|as soon as possible|så fort som mulig|så snart som mulig|snarest mulig|snarast råd|snarest|nå nå|i løpet av (?:den neste |neste )?(?:timen|en time|ein time|halvtimen)';


/** «NÅ» in capitals, or «nå» ending the request («trenger følge til legevakten nå!»). */
function isUrgentNow(clean: string, normalized: string): boolean {
  if (/(?<![\p{L}])NÅ(?![\p{L}])/u.test(clean) || /(?<![\p{L}])NOW(?![\p{L}])/u.test(clean)) return true;
  if (hasWord(normalized, URGENT_NOW)) return true;
  if (hasWord(normalized, '(?:trenger|treng|need|needs) (?:hjelp|noen|nokon|someone|help|følge|følgje) (?:nå|now)|treng (?:hjelp|nokon|følgje) no')) return true;
  return /(?<![\p{L}])(?:nå|now)\s*(?:[!.?]|$)/u.test(normalized) && !/(?:har|er|blir|vil|skal|kan)\s+(?:\p{L}+\s+)?nå\s*[!.]?$/u.test(normalized);
}

function mentionSpans(m: DateMentions, times: TimeMention[]): Span[] {
  return [...m.relative.map((r) => r.span), ...m.weekdays.map((w) => w.span), ...m.explicit.map((e) => e.span), ...times.map((t) => t.span)];
}

export function parseIntake(text: string, receivedAt: Date | string): IntakeResult {
  const received = (typeof receivedAt === 'string' ? DateTime.fromISO(receivedAt) : DateTime.fromJSDate(receivedAt)).setZone(OSLO_ZONE);
  const clean = cleanText(text);
  const normalized = clean.toLowerCase();
  const urgentNow = isUrgentNow(clean, normalized);
  const r = readWhen(normalized, received, urgentNow);
  const checked = checkTimeOnDay(r, received);
  const time: TimeReading = r.unsettled ? { ...r.time, time: null, ask: 'ambiguous_number' } : checked.time;
  const date: DateReading = r.unsettled ? { date: null, ask: 'ambiguous_number', candidates: [] } : checked.date;
  const type = readTaskType(normalized);
  const hasWhen = r.mentions.relative.length + r.mentions.weekdays.length + r.mentions.explicit.length + r.times.length > 0 || urgentNow;
  const kind = readRequestKind(normalized, type !== 'other' || hasWhen, hasWhen);
  const place = readPlace(clean, type);
  const language = readLanguage(normalized);

  const asks: [IntakeField, AskReason | null][] = [['date', date.ask], ['time', time.ask], ['place', place.ask]];
  const missing = kind.isRequest ? asks.filter(([, reason]) => reason !== null).map(([f]) => f) : [];
  const context = { candidates: date.candidates, example: received.plus({ days: 1 }), appointment: time.appointment ? hhmm(time.appointment) : null, language };
  const questions = kind.isRequest ? asks.filter(([, reason]) => reason !== null).map(([f, reason]) => questionFor(f, reason!, context)) : [];

  const startsAt = date.date && time.time ? DateTime.fromISO(`${date.date}T${hhmm(time.time)}`, { zone: OSLO_ZONE }) : null;
  const minutesAhead = startsAt ? startsAt.diff(received, 'minutes').minutes : null;
  const urgent = kind.isRequest && (urgentNow || (minutesAhead !== null && minutesAhead <= 120 && minutesAhead >= -15));

  return {
    isRequest: kind.isRequest,
    kind: kind.kind,
    reference: kind.reference,
    type,
    date: date.date,
    dates: date.date ? (date.dates ?? [date.date]) : [],
    time: time.time ? hhmm(time.time) : null,
    startsAt: startsAt ? startsAt.toISO({ suppressMilliseconds: true, suppressSeconds: true }) : null,
    place: place.place,
    notes: readNotes(clean, mentionSpans(r.mentions, r.times)),
    missing,
    questions,
    language,
    urgent,
    holiday: date.date ? holidayName(date.date) : null,
    dateCandidates: date.candidates,
    appointmentTime: time.appointment ? hhmm(time.appointment) : null,
  };
}
