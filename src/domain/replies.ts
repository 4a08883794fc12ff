import { REPLY_LANGUAGES } from './reply-words/index';

export type ReplyIntent = 'yes' | 'no' | 'stop' | 'start' | 'unclear';

export interface ReplyClassification {
  intent: ReplyIntent;
  /** The reply as matched: lower case, whitespace collapsed, edge punctuation and emoji (except 👍/👎) removed. */
  normalized: string;
  /** Which language's words decided the intent; absent for unclear replies and bare 👍/👎. */
  language?: string;
}

/** Longer replies too often carry conditions we cannot read; a coordinator looks at them instead. */
export const MAX_REPLY_WORDS = 8;

type PhraseKind = 'yes' | 'no' | 'stop' | 'start' | 'hedge';

interface Phrase {
  readonly tokens: readonly string[];
  readonly kind: PhraseKind;
  readonly language: string | undefined;
  /** Digits and single letters ("1", "j") are answers only on their own; inside text they mean nothing. */
  readonly wholeOnly: boolean;
}

interface PhraseMatch {
  readonly phrase: Phrase;
  readonly start: number;
}

// Thumbs belong to no language; skin tones are stripped before matching.
const SYMBOL_WORDS: Readonly<Record<'yes' | 'no', readonly string[]>> = { yes: ['👍'], no: ['👎'] };
const THUMBS = new Set(['👍', '👎']);
// Skin tones, variation selector, zero-width joiner, keycap, flag letters and tags; an alternation
// rather than a class because these combine with their neighbours.
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D|\u20E3|\p{Regional_Indicator}|[\u{E0020}-\u{E007F}]/gu;
const EDGE_PUNCTUATION = /^[\s.!,;:…"'()*¡-]+|[\s.!,;:…"'()*¡-]+$/g;
const TOKEN = /[\p{L}\p{M}\p{N}']+|\u{1F44D}|\u{1F44E}/gu;
const QUESTION = /[?？¿]/;

const PHRASES: readonly Phrase[] = buildPhrases();

/**
 * Classifies an SMS reply to an offer. Never guesses: conditions, questions, contradictions,
 * long messages and anything not recognised are 'unclear', so a coordinator sees them.
 * Stop/start count only when they are the whole message, so nobody opts out by accident.
 */
export function classifyReply(body: string): ReplyClassification {
  const normalized = normalizeReply(body);
  const tokens = tokenizeReply(normalized);
  // "ja?" or "ok?" asks something back; it is not an answer.
  if (tokens.length === 0 || QUESTION.test(normalized)) return { intent: 'unclear', normalized };

  const whole = findWholeMessagePhrase(tokens);
  if (whole) return describePhrase(whole, normalized);
  if (tokens.length > MAX_REPLY_WORDS) return { intent: 'unclear', normalized };
  return decideFromMatches(scanPhrases(tokens), normalized);
}

function normalizeReply(body: string): string {
  return body
    .normalize('NFC')
    .replace(/\p{Extended_Pictographic}/gu, (emoji) => (THUMBS.has(emoji) ? ` ${emoji} ` : ' '))
    .replace(EMOJI_MODIFIERS, '')
    .replace(/[’‘`´]/g, "'") // phones autocorrect "can't" to "can’t"
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(EDGE_PUNCTUATION, '');
}

function tokenizeReply(normalized: string): string[] {
  return (normalized.match(TOKEN) ?? []).map((token) => token.replace(/^'+|'+$/g, '')).filter((t) => t !== '');
}

/** The reply starts with a yes/no phrase and nothing after it points another way. */
function decideFromMatches(matches: readonly PhraseMatch[], normalized: string): ReplyClassification {
  const first = matches[0];
  if (!first || first.start !== 0) return { intent: 'unclear', normalized };
  const kind = first.phrase.kind;
  if (kind !== 'yes' && kind !== 'no') return { intent: 'unclear', normalized }; // e.g. "stopp å sende"
  // A hedge, the opposite answer or a stop word anywhere in the tail makes the whole reply unclear.
  if (matches.some((match) => match.phrase.kind !== kind)) return { intent: 'unclear', normalized };
  const language = matches.find((match) => match.phrase.language !== undefined)?.phrase.language;
  return { intent: kind, normalized, ...(language === undefined ? {} : { language }) };
}

function describePhrase(phrase: Phrase, normalized: string): ReplyClassification {
  if (phrase.kind === 'hedge') return { intent: 'unclear', normalized };
  const language = phrase.language;
  return { intent: phrase.kind, normalized, ...(language === undefined ? {} : { language }) };
}

function findWholeMessagePhrase(tokens: readonly string[]): Phrase | undefined {
  return PHRASES.find((phrase) => phrase.tokens.length === tokens.length && matchesAt(phrase, tokens, 0));
}

/** Greedy left-to-right scan taking the longest phrase at each position ("ikke noe problem" over "ikke"). */
function scanPhrases(tokens: readonly string[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  let index = 0;
  while (index < tokens.length) {
    const phrase = PHRASES.find((candidate) => !candidate.wholeOnly && matchesAt(candidate, tokens, index));
    if (phrase) matches.push({ phrase, start: index });
    index += phrase ? phrase.tokens.length : 1;
  }
  return matches;
}

function matchesAt(phrase: Phrase, tokens: readonly string[], start: number): boolean {
  return phrase.tokens.every((token, offset) => tokens[start + offset] === token);
}

function buildPhrases(): Phrase[] {
  const phrases: Phrase[] = [
    ...createPhrases(SYMBOL_WORDS.yes, 'yes', undefined),
    ...createPhrases(SYMBOL_WORDS.no, 'no', undefined),
  ];
  for (const { code, words } of REPLY_LANGUAGES) {
    phrases.push(
      ...createPhrases(words.yes, 'yes', code),
      ...createPhrases(words.no, 'no', code),
      ...createPhrases(words.stop, 'stop', code),
      ...createPhrases(words.start, 'start', code),
      ...createPhrases(words.hedges, 'hedge', code),
    );
  }
  // Longest first so the scan prefers "nei takk" to "nei"; the sort is stable, keeping language order.
  return phrases.sort((a, b) => b.tokens.length - a.tokens.length);
}

function createPhrases(texts: readonly string[], kind: PhraseKind, language: string | undefined): Phrase[] {
  return texts
    .map((text) => tokenizeReply(normalizeReply(text)))
    .filter((tokens) => tokens.length > 0)
    .map((tokens) => ({ tokens, kind, language, wholeOnly: isShortCode(tokens) }));
}

function isShortCode(tokens: readonly string[]): boolean {
  const only = tokens.length === 1 ? tokens[0] : undefined;
  return only !== undefined && (/^\p{N}+$/u.test(only) || /^\p{L}$/u.test(only));
}
