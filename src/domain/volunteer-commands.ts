import { DateTime } from 'luxon';
import type { CommandWords } from './language';
import { LANGUAGES } from './languages/index';
import { foldLatinDiacritics, normalizeSmsText, resolveMeaning, type Meaning } from './sms-words';
import { hasUnreadableCharacters } from './unreadable-text';

export interface DayMonth {
  day: number;
  month: number;
}

/** The keywords that take an argument, and so can be malformed. */
export type ArgumentKeyword = 'pause' | 'holiday' | 'max_per_week';

export type VolunteerCommand =
  /** Give up the accepted task. */
  | { kind: 'cancel' }
  /** No offers for `days` days (1..PAUSE_MAX_DAYS). */
  | { kind: 'pause'; days: number }
  /** No offers until this day; resolveHolidayUntil turns it into a date. */
  | { kind: 'holiday'; until: DayMonth }
  /** At most `count` tasks a week; 0 removes the limit (0..MAX_PER_WEEK_LIMIT). */
  | { kind: 'max_per_week'; count: number }
  | { kind: 'help' }
  | { kind: 'my_tasks' }
  /** The keyword without a usable argument: answer with its usage text. */
  | { kind: 'malformed'; keyword: ArgumentKeyword };

type CommandKind = 'cancel' | 'help' | 'my_tasks' | ArgumentKeyword;

export const PAUSE_MAX_DAYS = 365;
export const MAX_PER_WEEK_LIMIT = 14;
/**
 * A keyword followed by more words than this is a sentence that merely starts with it ("ferie i
 * Spania neste uke, så kan ikke"): not a command, so it goes on to the reply classifier.
 */
const MAX_ARGUMENT_WORDS = 3;

const KIND_OF_LIST: Readonly<Record<Exclude<keyof CommandWords, 'days'>, CommandKind>> = {
  cancel: 'cancel', pause: 'pause', holiday: 'holiday', maxPerWeek: 'max_per_week', help: 'help', myTasks: 'my_tasks',
};
const KEYWORDS: ReadonlyMap<string, Meaning<CommandKind>[]> = buildKeywords();
const DAY_WORDS: ReadonlySet<string> = new Set(LANGUAGES.flatMap((l) => l.commandWords.days.map(toWords).map((w) => w.join(' '))));
const LONGEST = Math.max(...[...KEYWORDS.keys()].map((key) => key.split(' ').length));
const DATE = /^(\d{1,2})[./-](\d{1,2})\.?$/;
const NUMBER = /^\d{1,3}$/;

/**
 * Reads a volunteer keyword (AVBRYT, PAUSE 14, FERIE 3.1, MAKS 2, HJELP or `?`, OPPDRAG, and their
 * translations). Keywords count only as the whole message, in any supported language, case and
 * diacritics ignored; a keyword with two meanings is read in `volunteerLanguage`, as replies are
 * (resolveMeaning). undefined means "not a keyword": classify it as a reply instead.
 * The check-in answers 1/2 are not keywords; the caller reads them in context.
 */
export function parseVolunteerCommand(body: string, volunteerLanguage?: string): VolunteerCommand | undefined {
  if (hasUnreadableCharacters(body)) return undefined; // never act on a keyword with unreadable bytes around it
  if (/^[?？¿؟]+$/.test(normalizeSmsText(body))) return { kind: 'help' };
  const words = toWords(body);
  for (let length = Math.min(LONGEST, words.length); length > 0; length--) {
    const meanings = KEYWORDS.get(words.slice(0, length).join(' '));
    if (!meanings) continue;
    const resolution = resolveMeaning(meanings, volunteerLanguage);
    if (resolution.kind === 'conflict') return undefined;
    return readArguments(resolution.kind, words.slice(length));
  }
  return undefined;
}

/**
 * The next date on or after `today` ('YYYY-MM-DD') with this day and month, as 'YYYY-MM-DD':
 * FERIE 3.1 sent in December means 3 January next year, sent on 3 January it means today.
 * 29.2 gives the next leap day. Whether that is the last day away or the first day back is the
 * caller's choice.
 */
export function resolveHolidayUntil(until: DayMonth, today: string): string {
  const start = DateTime.fromISO(today, { zone: 'utc' });
  if (!start.isValid) throw new RangeError(`not a date: ${today}`);
  for (let year = start.year; year <= start.year + 8; year++) {
    const candidate = DateTime.fromObject({ year, month: until.month, day: until.day }, { zone: 'utc' });
    if (candidate.isValid && candidate >= start) return candidate.toISODate() as string;
  }
  throw new RangeError(`no such day: ${until.day}.${until.month}`);
}

function readArguments(kind: CommandKind, args: readonly string[]): VolunteerCommand | undefined {
  if (kind === 'cancel' || kind === 'help' || kind === 'my_tasks') return args.length === 0 ? { kind } : undefined;
  if (args.length > MAX_ARGUMENT_WORDS) return undefined;
  const command = readArgument(kind, args);
  return command ?? { kind: 'malformed', keyword: kind };
}

function readArgument(kind: ArgumentKeyword, args: readonly string[]): VolunteerCommand | undefined {
  const [first, ...rest] = args;
  if (first === undefined) return undefined;
  if (kind === 'holiday') {
    const until = readDayMonth(args.join('')); // "3. 1" too
    return until && { kind: 'holiday', until };
  }
  const number = NUMBER.test(first) ? Number(first) : undefined;
  if (number === undefined) return undefined;
  if (kind === 'pause') {
    const unitOk = rest.length === 0 || (rest.length === 1 && DAY_WORDS.has(rest[0] ?? ''));
    return unitOk && number >= 1 && number <= PAUSE_MAX_DAYS ? { kind: 'pause', days: number } : undefined;
  }
  return rest.length === 0 && number <= MAX_PER_WEEK_LIMIT ? { kind: 'max_per_week', count: number } : undefined;
}

/** "3.1", "3/1", "03.01", "3-1" → 3 January; 29.2 is allowed (resolveHolidayUntil finds a leap year). */
function readDayMonth(text: string): DayMonth | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const valid = DateTime.fromObject({ year: 2024, month, day }, { zone: 'utc' }).isValid; // 2024: a leap year
  return valid ? { day, month } : undefined;
}

/**
 * Lower case, digits 0-9, Latin diacritics folded; split on spaces and , ; : ! with quotes,
 * brackets and question marks trimmed. Dots stay on numbers, so "3.1" survives.
 */
function toWords(text: string): string[] {
  return foldLatinDiacritics(normalizeSmsText(text))
    .split(/[\s,;:!]+/)
    .map((word) => word.replace(/^["'()]+|["'()?？¿؟]+$/g, ''))
    .map((word) => (/\d/.test(word) ? word : word.replace(/\.+$/, '')))
    .filter((word) => word !== '');
}

function buildKeywords(): Map<string, Meaning<CommandKind>[]> {
  const keywords = new Map<string, Meaning<CommandKind>[]>();
  for (const { code, commandWords } of LANGUAGES) {
    for (const [list, kind] of Object.entries(KIND_OF_LIST) as [keyof typeof KIND_OF_LIST, CommandKind][]) {
      for (const phrase of commandWords[list]) {
        const key = toWords(phrase).join(' ');
        const meanings = keywords.get(key) ?? [];
        if (!meanings.some((m) => m.kind === kind && m.language === code)) keywords.set(key, [...meanings, { kind, language: code }]);
      }
    }
  }
  return keywords;
}
