import type { Language } from '../language';
import { LANGUAGES } from '../languages/index';
import { foldLatinDiacritics, normalizeSmsText, resolveMeaning, tokenizeSmsText, type Meaning, type Resolution } from '../sms-words';

/** What a listed phrase says about a reply. */
export type WordKind =
  | 'yes' | 'no' | 'negator' | 'regret' | 'reason' | 'withdraw' | 'condition' | 'clause_break' | 'opt_out' | 'help'
  | 'question_word' | 'auto_reply' | 'courtesy' | 'stop' | 'start' | 'false_friend';

export interface LexiconEntry {
  readonly tokens: readonly string[];
  readonly meanings: readonly Meaning<WordKind>[];
}

type Lists = ReadonlyArray<readonly [WordKind, (l: Language) => readonly string[] | undefined]>;

// Every list of every language is read; a phrase in two lists of one language takes the first.
const LISTS: Lists = [
  ['yes', (l) => l.replyWords.yes], ['yes', (l) => l.readingWords.affirm],
  ['no', (l) => l.replyWords.no], ['negator', (l) => l.readingWords.negators],
  ['regret', (l) => l.readingWords.regret], ['reason', (l) => l.readingWords.reasons],
  ['withdraw', (l) => l.readingWords.withdraw],
  // «men»/«but» are hedges to the keyword classifier; here they split clauses (what follows a yes is a restriction).
  ['clause_break', (l) => l.readingWords.clauseBreaks],
  ['condition', (l) => l.replyWords.hedges], ['condition', (l) => l.readingWords.conditions],
  ['opt_out', (l) => l.readingWords.optOut],
  ['help', (l) => l.readingWords.helpQuestions], ['question_word', (l) => l.readingWords.questionWords],
  ['auto_reply', (l) => l.readingWords.autoReply], ['courtesy', (l) => l.readingWords.courtesy],
  ['stop', (l) => l.replyWords.stop], ['start', (l) => l.replyWords.start],
  ['false_friend', (l) => l.replyWords.falseFriends],
];

// Thumbs belong to no language.
const SYMBOLS: ReadonlyArray<readonly [string, WordKind]> = [['👍', 'yes'], ['👎', 'no']];

const ENTRIES: ReadonlyMap<string, LexiconEntry> = buildLexicon(LANGUAGES);
const LONGEST = Math.max(...[...ENTRIES.values()].map((e) => e.tokens.length));

export function isKnownWord(word: string): boolean {
  return ENTRIES.has(word);
}

export interface PhraseAt {
  readonly entry: LexiconEntry;
  readonly length: number;
}

/** The longest listed phrase starting at `index`. */
export function findLongestAt(words: readonly string[], index: number): PhraseAt | undefined {
  for (let length = Math.min(LONGEST, words.length - index); length > 0; length--) {
    const entry = ENTRIES.get(words.slice(index, index + length).join(' '));
    if (entry) return { entry, length };
  }
  return undefined;
}

/**
 * One meaning for the phrase. A phrase listed under two kinds in one language ("ikke" is both a
 * no-word and a negator) keeps the first; across languages the conflict rule of sms-words decides.
 */
export function meaningOf(entry: LexiconEntry, language: string | undefined): Resolution<WordKind> {
  const firstPerLanguage = entry.meanings.filter((m, i) => entry.meanings.findIndex((o) => o.language === m.language) === i);
  const negative = new Set<WordKind>(['no', 'negator', 'regret', 'reason', 'withdraw']);
  // Two negative kinds from two languages agree for our purpose ("ні"/"nie" are both no).
  const unified = firstPerLanguage.map((m) => (negative.has(m.kind) ? { ...m, kind: firstNegative(firstPerLanguage) ?? m.kind } : m));
  return resolveMeaning(unified, language);
}

function firstNegative(meanings: readonly Meaning<WordKind>[]): WordKind | undefined {
  return meanings.find((m) => ['no', 'negator', 'regret', 'reason', 'withdraw'].includes(m.kind))?.kind;
}

/** Lexicon keys are normalised exactly like replies, so lists may be written naturally. */
export function keyOf(text: string): string[] {
  return tokenizeSmsText(normalizeSmsText(text));
}

function buildLexicon(languages: readonly Language[]): Map<string, LexiconEntry> {
  const entries = new Map<string, LexiconEntry>();
  const add = (text: string, kind: WordKind, language: string | undefined) => {
    for (const variant of new Set([text, foldLatinDiacritics(text)])) {
      const tokens = keyOf(variant);
      if (tokens.length === 0) continue;
      const key = tokens.join(' ');
      const meanings = entries.get(key)?.meanings ?? [];
      if (meanings.some((m) => m.kind === kind && m.language === language)) continue;
      entries.set(key, { tokens, meanings: [...meanings, { kind, language }] });
    }
  };
  for (const [text, kind] of SYMBOLS) add(text, kind, undefined);
  for (const language of languages) {
    for (const [kind, list] of LISTS) for (const text of list(language) ?? []) add(text, kind, language.code);
  }
  return entries;
}

/**
 * Every phrase of one kind anywhere in the words, overlapping or not: for marks that must not be
 * hidden by a longer phrase the greedy scan took first («er bortreist til» holds «bortreist til»).
 */
export function findEverywhere(words: readonly string[], kind: WordKind, language: string | undefined): string[] {
  const found: string[] = [];
  for (let start = 0; start < words.length; start++) {
    for (let length = 1; length <= Math.min(LONGEST, words.length - start); length++) {
      const entry = ENTRIES.get(words.slice(start, start + length).join(' '));
      if (entry && entry.meanings.some((m) => m.kind === kind) && meaningOf(entry, language).kind !== 'false_friend') {
        found.push(entry.tokens.join(' '));
      }
    }
  }
  return found;
}
