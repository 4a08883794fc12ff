import type { Language, ReplyWords } from './language';
import { LANGUAGES } from './languages/index';
import { foldLatinDiacritics, normalizeSmsText, resolveMeaning, tokenizeSmsText, type Meaning, type Resolution } from './sms-words';

export type PhraseKind = 'yes' | 'no' | 'stop' | 'start' | 'hedge' | 'false_friend';

/** One word sequence with what it means in each language that lists it. */
export interface Phrase {
  readonly tokens: readonly string[];
  readonly meanings: readonly Meaning<PhraseKind>[];
  /** Digits and single letters ("1", "j") are answers only on their own; inside text they mean nothing. */
  readonly wholeOnly: boolean;
}

// Thumbs belong to no language; skin tones are stripped before matching.
const SYMBOLS: Readonly<Record<'yes' | 'no', readonly string[]>> = { yes: ['👍'], no: ['👎'] };

const LISTS: ReadonlyArray<readonly [keyof ReplyWords, PhraseKind]> = [
  ['yes', 'yes'], ['no', 'no'], ['stop', 'stop'], ['start', 'start'], ['hedges', 'hedge'], ['falseFriends', 'false_friend'],
];

const PHRASES: ReadonlyMap<string, Phrase> = buildPhrases(LANGUAGES);
const LONGEST = Math.max(...[...PHRASES.values()].map((phrase) => phrase.tokens.length));

/** The phrase that is exactly the whole message, if any. */
export function findWholePhrase(tokens: readonly string[]): Phrase | undefined {
  return PHRASES.get(tokens.join(' '));
}

/** The longest phrase starting at `index` that may stand inside a longer reply ("ikke noe problem" over "ikke"). */
export function findPhraseAt(tokens: readonly string[], index: number): Phrase | undefined {
  for (let length = Math.min(LONGEST, tokens.length - index); length > 0; length--) {
    const phrase = PHRASES.get(tokens.slice(index, index + length).join(' '));
    if (phrase && !phrase.wholeOnly) return phrase;
  }
  return undefined;
}

export function resolvePhrase(phrase: Phrase, volunteerLanguage?: string): Resolution<PhraseKind> {
  return resolveMeaning(phrase.meanings, volunteerLanguage);
}

/** Phrases that mean different things in different languages, for tests and reviewers. */
export function listConflictingPhrases(): string[] {
  return [...PHRASES].filter(([, phrase]) => resolvePhrase(phrase).kind === 'conflict').map(([key]) => key);
}

function buildPhrases(languages: readonly Language[]): Map<string, Phrase> {
  const phrases = new Map<string, Phrase>();
  const add = (text: string, kind: PhraseKind, language: string | undefined) => {
    const tokens = tokenizeSmsText(normalizeSmsText(text));
    if (tokens.length === 0) return;
    const key = tokens.join(' ');
    const existing = phrases.get(key);
    const meanings = existing?.meanings ?? [];
    if (meanings.some((m) => m.kind === kind && m.language === language)) return;
    phrases.set(key, { tokens, meanings: [...meanings, { kind, language }], wholeOnly: isShortCode(tokens) });
  };
  for (const text of SYMBOLS.yes) add(text, 'yes', undefined);
  for (const text of SYMBOLS.no) add(text, 'no', undefined);
  for (const { code, replyWords } of languages) {
    for (const [list, kind] of LISTS) {
      for (const text of replyWords[list] ?? []) {
        add(text, kind, code);
        add(foldLatinDiacritics(text), kind, code); // "moge" for "mogę"; a no-op for most words
      }
    }
  }
  return phrases;
}

function isShortCode(tokens: readonly string[]): boolean {
  const only = tokens.length === 1 ? tokens[0] : undefined;
  return only !== undefined && (/^\p{N}+$/u.test(only) || /^\p{L}$/u.test(only));
}
