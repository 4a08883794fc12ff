import type { DateTime } from 'luxon';
import type { VoiceTexts } from './voice/voice-texts';

/**
 * What one language is: its SMS templates, the words it answers with and its keywords. Each language
 * lives in one file, src/domain/languages/<code>.ts; see languages/index.ts for how it is registered.
 */
export interface Language {
  /** ISO 639-1, as stored on the volunteer; also the file name. */
  readonly code: string;
  /** The language's name in the language itself, as the admin pages list it. */
  readonly name: string;
  /**
   * Other names a coordinator may type (in a CSV column, say), lower case: the Norwegian name
   * first, which the admin pages show beside `name`, then English and common short forms.
   */
  readonly aliases: readonly string[];
  readonly templates: Templates;
  readonly replyWords: ReplyWords;
  readonly commandWords: CommandWords;
  /** Words for reading free-text replies (src/domain/reply-reading). */
  readonly readingWords: ReadingWords;
  /**
   * Fold Latin letters that GSM-7 lacks to their base letter (ę → e, ł → l) when rendering, as
   * Polish bulk SMS usually are: GSM-7 gives 153 characters a part instead of 67 in UCS-2.
   */
  readonly foldToGsm?: boolean;
  /** Issue 15: what calls say, and with which voice; a language without it is called in Norwegian. */
  readonly voice?: VoiceTexts;
}

export type TaskType = 'shopping' | 'escort' | 'visit' | 'walk' | 'practical' | 'other';

/** What an SMS may say about a task. Deliberately no details: those go only to the assigned volunteer. */
export interface TaskFacts {
  taskId: string;
  type: TaskType;
  startsAt: DateTime; // already in Europe/Oslo
  durationMinutes: number;
  area: string;
  summary: string;
}

type NoParams = Record<string, never>;

/** Every template and what it needs. Only `assigned` and the reminders carry the task's details. */
export interface TextParams {
  offer: { task: TaskFacts; timeoutMinutes: number };
  assigned: { task: TaskFacts; details: string; coordinatorPhone?: string };
  /** To someone who answered JA too late (or again): they did answer. */
  taken: { task: TaskFacts };
  /** To someone whose offer was still unanswered when another volunteer took the task. */
  offer_taken: { task: TaskFacts };
  offer_withdrawn: { task: TaskFacts };
  /** The offer is withdrawn from this volunteer only (deactivated): the task itself may still need someone. */
  offer_closed_for_you: { task: TaskFacts };
  already_assigned: { task: TaskFacts };
  task_cancelled: { task: TaskFacts };
  declined_thanks: NoParams;
  hint_offer: NoParams;
  hint_general: NoParams;
  /** An MMS without text: only text is read (the media are kept for a coordinator). */
  media_not_read: NoParams;
  no_offer: NoParams;
  opted_out: NoParams;
  opted_in: NoParams;
  already_opted_in: NoParams;
  opted_out_reminder: NoParams;
  unknown_sender: { coordinatorPhone?: string };
  coordinator_unfilled: { task: TaskFacts; offersSent: number };
  /** PAUSE n: no offers until `until`, a day in Oslo as the caller computed it (texts say "until <weekday date>"). */
  paused_confirmed: { until: DateTime };
  /** FERIE d.m: no offers until `until` (see resolveHolidayUntil). */
  holiday_confirmed: { until: DateTime };
  max_per_week_confirmed: { count: number };
  /** MAKS 0: the weekly limit is gone. */
  max_per_week_removed: NoParams;
  help: { coordinatorPhone?: string };
  /** The answer to «who is this?» and «what do I answer?»: who writes, their number, how to answer. */
  help_who: { centreName: string; centrePhone: string };
  /** A withdrawal that does not say which of several accepted tasks: the volunteer is asked. */
  withdraw_which: { tasks: readonly TaskFacts[] };
  /** The volunteer's coming tasks, soonest first; an empty list says there are none. */
  my_tasks: { tasks: readonly TaskFacts[] };
  usage_pause: NoParams;
  usage_holiday: NoParams;
  usage_max_per_week: NoParams;
  cancel_confirmed: { task: TaskFacts };
  cancel_nothing_to_cancel: NoParams;
  reminder_day_before: { task: TaskFacts; details: string };
  reminder_two_hours: { task: TaskFacts; details: string };
  /** Answered 1 (went fine) or 2 (needs follow-up); the caller reads the digit in context. */
  check_in_question: { task: TaskFacts };
  check_in_thanks_ok: NoParams;
  check_in_thanks_follow_up: NoParams;
  /** To the coordinator. */
  volunteer_cancelled_coordinator: { task: TaskFacts; volunteerName: string };
  /** To the volunteer who was assigned. */
  cancelled_by_coordinator: { task: TaskFacts };
  /**
   * A coordinator moved the task (time or place): to a volunteer with a live offer (`assigned`
   * false) or to the one who has it. `before` names the task as they knew it. Never the details.
   */
  task_changed: { before: TaskFacts; task: TaskFacts; assigned: boolean };
  /** A coordinator took the volunteer off a task that still takes place (someone else, or later). */
  unassigned: { task: TaskFacts };
  /** To the coordinator: the task starts soon and nobody has said yes. */
  coordinator_deadline_alert: { task: TaskFacts; offersSent: number };
}

export type TemplateName = keyof TextParams;

/** One function per template, so a missing translation is a compile error. */
export type Templates = { readonly [K in TemplateName]: (p: TextParams[K]) => string };

/**
 * Reply words for one language. Phrases are matched as whole words after normalisation
 * (lower case, punctuation between words ignored), so list them in lower case without punctuation.
 * A phrase that is only digits or one character (`1`, `j`, `n`) counts only as the whole message.
 * Latin letters with diacritics also match without them (`mogę` matches `moge`).
 */
export interface ReplyWords {
  /** Accepting an offer; a phrase may also lead a longer reply ("ja, det tar jeg"). */
  readonly yes: readonly string[];
  /** Declining. Negations ("ikke", "not") belong here: after a yes they make the reply contradictory. */
  readonly no: readonly string[];
  /** Opt-out; only ever the whole message, so a sentence mentioning it is never an accidental opt-out. */
  readonly stop: readonly string[];
  /** Opt back in; whole message only. */
  readonly start: readonly string[];
  /** Conditions and doubt ("men", "hvis", "kanskje"): any of them makes the reply unclear. */
  readonly hedges: readonly string[];
  /**
   * Words that are no answer in this language but are one in another (nb `tak`, a typo of `takk`,
   * is Polish for yes). Listing them lets this language's speakers' replies go to a person.
   */
  readonly falseFriends?: readonly string[];
}

/**
 * What the free-text reader (src/domain/reply-reading) needs beyond ReplyWords. Lower case, matched
 * as whole words after normalisation, like ReplyWords. Every list is read in every language.
 */
export interface ReadingWords {
  /** Yes in free text that ReplyWords leaves out because it is not a keyword ("neida", "det kan jeg godt"). */
  readonly affirm: readonly string[];
  /** Plain negation; a clause with one is not a yes ("ikke", "ikkje"). */
  readonly negators: readonly string[];
  /** Regret on its own declines ("dessverre", "beklager"). */
  readonly regret: readonly string[];
  /** A reason on its own declines ("er bortreist", "er på hytta", "er syk"). */
  readonly reasons: readonly string[];
  /** Giving back an accepted task ("likevel", "melde forfall"); also a no to a live offer. */
  readonly withdraw: readonly string[];
  /** Conditions and doubt beyond ReplyWords.hedges: with a yes, a person decides. */
  readonly conditions: readonly string[];
  /** Words that start a new clause ("men"); what follows is a note, not the answer. */
  readonly clauseBreaks: readonly string[];
  /** Opt-out written as a sentence ("fjern meg fra lista"). */
  readonly optOut: readonly string[];
  /** Asking who writes or how to answer ("hvem er dette"): answered with the help text. */
  readonly helpQuestions: readonly string[];
  /** Words that open a question even without "?" ("hvor", "skal jeg"). */
  readonly questionWords: readonly string[];
  /** Marks of an automatic answer ("automatisk svar", "out of office"). */
  readonly autoReply: readonly string[];
  /** Thanks, greetings and sign-offs: known words that change nothing. */
  readonly courtesy: readonly string[];
  /** Monday first; each entry lists the forms of one weekday. */
  readonly weekdays: readonly (readonly string[])[];
  readonly today: readonly string[];
  readonly tomorrow: readonly string[];
}

/**
 * Keywords a volunteer may send as the whole message, in lower case. pause, holiday and
 * maxPerWeek take an argument after the keyword (`pause 14`, `ferie 3.1`, `maks 2`).
 */
export interface CommandWords {
  readonly cancel: readonly string[];
  readonly pause: readonly string[];
  readonly holiday: readonly string[];
  readonly maxPerWeek: readonly string[];
  readonly help: readonly string[];
  readonly myTasks: readonly string[];
  /** Words allowed after the pause's number ("pause 14 dager"). */
  readonly days: readonly string[];
}

/** "90" → "1 t 30 min" with the language's unit words. */
export function formatDuration(minutes: number, units: { hours: string; minutes: string }): string {
  if (minutes < 60) return `${minutes} ${units.minutes}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} ${units.hours}` : `${hours} ${units.hours} ${rest} ${units.minutes}`;
}

/**
 * A task list that stays short enough for two segments: at most `max` tasks, then "+n" for the rest
 * in the language's words.
 */
export function listTasks(
  tasks: readonly TaskFacts[],
  show: (task: TaskFacts) => string,
  more: (count: number) => string,
  options: { max: number; separator: string },
): string {
  const shown = tasks.slice(0, options.max).map(show).join(options.separator);
  const hidden = tasks.length - options.max;
  return hidden > 0 ? `${shown}${options.separator}${more(hidden)}` : shown;
}
