import { DateTime } from 'luxon';
import { parseAnswer, parseIntake, type IntakeDraft, type IntakeField, type IntakeLanguage, type IntakeResult } from './intake';
import { weekdayOfWord } from './intake/weekdays';
import { cleanText } from './intake/normalize';
import { readPlace } from './intake/place';
import type { TaskType } from './language';
import { OSLO_ZONE } from './oslo-time';

/**
 * The SMS conversation with a requester (a nursing home), as pure steps: a request starts a draft,
 * what is missing is asked one field at a time, a summary is confirmed with OK, a correction
 * («nei, kl 15») updates it and re-confirms. The service keeps the state in Postgres between texts.
 */

/** What is known so far; stored as request_draft.fields. */
export interface DraftFields {
  type: TaskType;
  /** The first day; `dates` lists every day when the text asked for several («man og tirs kl 12»). */
  date: string | null;
  /** Every day, one task each; absent in drafts from before lists were read (then `[date]`). */
  dates?: string[];
  time: string | null;
  place: string | null;
  notes: string;
  language: IntakeLanguage;
  dateCandidates: string[];
  holiday: string | null;
  urgent: boolean;
}

/** Where the conversation goes next: ask one field (with the parser's question), or confirm. */
export type DraftStep = { kind: 'ask'; field: IntakeField; question: string } | { kind: 'confirm' };

/** Places other than for an escort are optional: the requester's default place stands in. */
export function fieldsFromIntake(intake: IntakeResult): DraftFields {
  return {
    type: intake.type, date: intake.date, dates: intake.dates, time: intake.time, place: intake.place, notes: intake.notes, language: intake.language,
    dateCandidates: intake.dateCandidates, holiday: intake.holiday, urgent: intake.urgent,
  };
}

export function firstStep(intake: IntakeResult): DraftStep {
  const q = intake.questions[0];
  return q ? { kind: 'ask', field: q.field, question: q.text } : { kind: 'confirm' };
}

const toIntakeDraft = (f: DraftFields): IntakeDraft => ({ type: f.type, date: f.date, dates: daysOf(f), time: f.time, place: f.place, language: f.language, dateCandidates: f.dateCandidates });

/** Every day of the draft, one task each. */
export function daysOf(f: Pick<DraftFields, 'date' | 'dates'>): string[] {
  if (f.dates && f.dates.length > 0) return f.dates;
  return f.date ? [f.date] : [];
}

/** An answer to the one question asked: it fills what was asked, or what it clearly names. */
export function answerQuestion(f: DraftFields, asked: IntakeField, text: string, receivedAt: Date): { fields: DraftFields; step: DraftStep; filled: IntakeField[] } {
  const r = parseAnswer(toIntakeDraft(f), asked, text, receivedAt);
  const fields = { ...f, date: r.draft.date, dates: daysOf(r.draft), time: r.draft.time, place: r.draft.place, dateCandidates: r.draft.dateCandidates };
  const q = r.questions[0];
  return { fields, filled: r.filled, step: q ? { kind: 'ask', field: q.field, question: q.text } : { kind: 'confirm' } };
}

/**
 * A correction to a summary: the day, the time and the place it names replace the old ones; what it
 * does not name stays. Nothing read (`changed` empty) means it was not understood.
 */
export function applyCorrection(f: DraftFields, text: string, receivedAt: Date): { fields: DraftFields; changed: IntakeField[]; step: DraftStep } {
  const stripped = text.replace(/^\s*(?:nei|nope|no|feil|rettelse|endring)\b[\s,.:!-]*/i, '');
  const r = parseAnswer({ ...toIntakeDraft(f), date: null, time: null, dateCandidates: [] }, 'time', stripped, receivedAt);
  const changed: IntakeField[] = [];
  const next = { ...f };
  const days = daysOf(r.draft);
  if (r.filled.includes('date') && days.join() !== daysOf(f).join()) { next.date = r.draft.date; next.dates = days; changed.push('date'); }
  if (r.filled.includes('time') && r.draft.time !== f.time) { next.time = r.draft.time; changed.push('time'); }
  const place = readPlace(cleanText(stripped), f.type).place;
  if (place && place !== f.place) { next.place = place; changed.push('place'); }
  return { fields: next, changed, step: { kind: 'confirm' } };
}

/** `day`: what followed the reference («AVBRYT K7 tirsdag» cancels only that day of K7), as written. */
export type RequesterCommand = { kind: 'ok' } | { kind: 'cancel'; ref: string | null; day: string | null } | { kind: 'text' };

const OK = /^\s*(?:ok(?:ay|ei)?|ja|jepp|send|send ut|stemmer|riktig|yes|correct)\s*[.!]*\s*(?:takk|thanks)?\s*[.!]*\s*$/i;
const CANCEL = /^\s*(?:avbryt|avlys|kanseller|cancel)\b(?:\s+(?:bestilling(?:en)?|request)?\s*)?(?:k\s*(\d{1,9})(?:\s+([^\s].{0,39}?))?)?\s*[.!]*\s*$/i;

/** OK confirms a summary; «AVBRYT K7» cancels request K7 (no reference: the open draft), «AVBRYT K7 8.12» one day of it. */
export function readRequesterCommand(text: string): RequesterCommand {
  if (OK.test(text)) return { kind: 'ok' };
  const cancel = CANCEL.exec(text);
  if (cancel) return { kind: 'cancel', ref: cancel[1] ?? null, day: cancel[2]?.trim() || null };
  return { kind: 'text' };
}

/**
 * The day «AVBRYT K7 tirsdag» names among the request's days: a date or weekday read as a request
 * would be, then matched; a weekday alone matches the one day of the request on that weekday.
 */
export function pickCancelDay(dayText: string, days: string[], receivedAt: Date): string | null {
  const read = parseIntake(`${dayText} kl 23:59`, receivedAt);
  if (read.date && days.includes(read.date)) return read.date;
  const words = dayText.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  const weekday = words.length === 1 ? weekdayOfWord(words[0]!, true)?.weekday : undefined;
  const matches = weekday === undefined ? [] : days.filter((d) => DateTime.fromISO(d).weekday === weekday);
  return matches.length === 1 ? matches[0]! : null;
}

/** The Oslo starts of a complete draft, one per day; empty while the day or the time is missing. */
export function startsOf(f: DraftFields): Date[] {
  if (!f.time) return [];
  const starts = daysOf(f).map((d) => DateTime.fromISO(`${d}T${f.time}`, { zone: OSLO_ZONE }));
  return starts.every((dt) => dt.isValid) ? starts.map((dt) => dt.toJSDate()) : [];
}

/** How long a volunteer is busy, by kind of help: an escort includes the waiting room. */
export function durationFor(type: TaskType): number {
  return type === 'escort' ? 120 : type === 'shopping' ? 90 : 60;
}

export const refOf = (draftId: string): string => `K${draftId}`;

/** A draft left unanswered this long goes to a coordinator. */
export const DRAFT_TIMEOUT_MS = 2 * 3600 * 1000;

/**
 * Short common Norwegian words said at the door, so the helped person or the staff can check who
 * has come. Chosen by task id: the same task always has the same word, and neighbours differ.
 */
const DOORSTEP_WORDS = [
  'sol', 'eple', 'fjell', 'bjørk', 'elg', 'måke', 'tulipan', 'hytte', 'bålpanne', 'ekorn', 'fyrtårn', 'gran',
  'rogn', 'vaffel', 'kanel', 'blåbær', 'hare', 'kompass', 'skute', 'lykt', 'sild', 'trost', 'fiol', 'brygge',
] as const;

/**
 * A doorstep word drawn at random (`randomIndex(n)` gives 0 … n-1): one derived from the task id
 * would let anyone who knows one task's word guess the next task's.
 */
export function drawDoorstepWord(randomIndex: (n: number) => number): string {
  return DOORSTEP_WORDS[randomIndex(DOORSTEP_WORDS.length)]!;
}

/** The requester hears the volunteer's first name only. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
