import { DateTime } from 'luxon';
import type { TaskType } from '../language';
import { OSLO_ZONE } from '../oslo-time';
import type { IntakeLanguage } from './language';
import { cleanText, hasWord } from './normalize';
import { readPlace } from './place';
import { questionFor, type AskReason, type IntakeField, type IntakeQuestion } from './questions';
import { checkTimeOnDay, hhmm, readWhen } from './when';

/**
 * Reads the answer to one question of the SMS conversation. The answer fills what was asked, and
 * any other missing field it clearly names («fredag kl 14» to «Hvilken dag?» also gives the
 * time); it never overwrites what is already known. «14» alone answers «Når?» as 14:00, and
 * «den første» picks the first of the days offered in the question.
 */

export interface IntakeDraft {
  type: TaskType;
  date: string | null;
  /** Every day of a list («mandag og tirsdag»), `date` being the first; absent or `[date]` for one day. */
  dates?: string[];
  time: string | null;
  place: string | null;
  language: IntakeLanguage;
  /** The days offered in the last date question, for «den første» / «den andre». */
  dateCandidates: string[];
}

export interface AnswerResult {
  draft: IntakeDraft;
  /** The fields this answer filled. */
  filled: IntakeField[];
  missing: IntakeField[];
  questions: IntakeQuestion[];
}

const clockOf = (time: string | null) => (time ? { hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)) } : null);

/** «14», «1430», «halv tre» answer a time question: read them as if «kl» came first. */
function asTimeAnswer(normalized: string): string {
  return /^\s*\d{1,4}\s*[.!]?\s*$/.test(normalized) || /^\s*\d{1,2}[.:]\d{2}\s*$/.test(normalized) ? `kl ${normalized.trim().replace(/[.!]$/, '')}` : normalized;
}

function pickCandidate(normalized: string, candidates: string[]): string | null {
  if (candidates.length < 2) return null;
  if (hasWord(normalized, 'den første|første|the first|first|1')) return candidates[0]!;
  if (hasWord(normalized, 'den andre|andre|den siste|siste|the second|second|the last|last|2')) return candidates[candidates.length - 1]!;
  return null;
}

/** The place given as a bare answer («Lørenskog legesenter», «til Ahus»). */
function placeAnswer(clean: string, type: TaskType): string | null {
  const read = readPlace(clean, type).place;
  if (read) return read;
  const bare = clean.replace(/^(?:til|på|hos|ved|to|at)\s+/i, '').replace(/[.!]+$/, '').trim();
  return bare.length >= 2 && bare.length <= 80 ? bare : null;
}

export function parseAnswer(draft: IntakeDraft, asked: IntakeField, text: string, receivedAt: Date | string): AnswerResult {
  const received = (typeof receivedAt === 'string' ? DateTime.fromISO(receivedAt) : DateTime.fromJSDate(receivedAt)).setZone(OSLO_ZONE);
  const clean = cleanText(text);
  const normalized = asked === 'time' ? asTimeAnswer(clean.toLowerCase()) : clean.toLowerCase();
  const r = readWhen(normalized, received, false, clockOf(draft.time));
  const checked = r.unsettled ? { date: r.date, time: r.time } : checkTimeOnDay(r, received);
  const next: IntakeDraft = { ...draft };
  const filled: IntakeField[] = [];
  const reasons: Partial<Record<IntakeField, AskReason>> = {};

  if (!next.date) {
    const date = checked.date.date ?? (asked === 'date' ? pickCandidate(normalized, draft.dateCandidates) : null);
    if (date) { next.date = date; next.dates = checked.date.date === date ? (checked.date.dates ?? [date]) : [date]; filled.push('date'); } else if (asked === 'date') { reasons.date = checked.date.ask ?? 'no_date'; next.dateCandidates = checked.date.candidates; }
  }
  if (!next.time) {
    if (checked.time.time) { next.time = hhmm(checked.time.time); filled.push('time'); } else if (asked === 'time') reasons.time = checked.time.ask ?? 'no_time';
  }
  if (!next.place && asked === 'place') {
    const place = placeAnswer(clean, draft.type);
    if (place) { next.place = place; filled.push('place'); } else reasons.place = 'no_place';
  }

  const missing = (['date', 'time', 'place'] as const).filter((f) => next[f] === null && (f !== 'place' || next.type === 'escort'));
  const context = { candidates: next.dateCandidates, example: received.plus({ days: 1 }), appointment: null, language: draft.language };
  const questions = missing.map((f) => questionFor(f, reasons[f] ?? (f === 'place' ? 'no_place' : f === 'date' ? 'no_date' : 'no_time'), context));
  return { draft: next, filled, missing, questions };
}
