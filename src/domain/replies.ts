import { findPhraseAt, findWholePhrase, resolvePhrase, type PhraseKind } from './reply-phrases';
import { normalizeSmsText, tokenizeSmsText, type Resolution } from './sms-words';
import { hasUnreadableCharacters } from './unreadable-text';

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

interface PhraseMatch {
  readonly resolution: Resolution<PhraseKind>;
  readonly start: number;
}

const QUESTION = /[?？¿؟]/;

/**
 * Classifies an SMS reply to an offer. Never guesses: conditions, questions, contradictions,
 * long messages and anything not recognised are 'unclear', so a coordinator sees them.
 * Stop/start count only when they are the whole message, so nobody opts out by accident.
 *
 * Replies are understood in every supported language whatever the volunteer's setting. A phrase
 * that means different things in two languages (Polish `tak` = yes, nb `tak` = a typo of `takk`)
 * means what it means in `volunteerLanguage`; without it, or when that language lacks the phrase,
 * the reply is 'unclear' (see resolveMeaning in sms-words.ts).
 */
export function classifyReply(body: string, volunteerLanguage?: string): ReplyClassification {
  const normalized = normalizeSmsText(body);
  // A control character or an undecodable byte beside the words: not what a person typed, so not a clean answer.
  if (hasUnreadableCharacters(body)) return { intent: 'unclear', normalized };
  const tokens = tokenizeSmsText(normalized);
  // "ja?" or "ok?" asks something back; it is not an answer.
  if (tokens.length === 0 || QUESTION.test(normalized)) return { intent: 'unclear', normalized };

  const whole = findWholePhrase(tokens);
  if (whole) return describeResolution(resolvePhrase(whole, volunteerLanguage), normalized);
  if (tokens.length > MAX_REPLY_WORDS) return { intent: 'unclear', normalized };
  return decideFromMatches(scanPhrases(tokens, volunteerLanguage), normalized);
}

/** The reply starts with a yes/no phrase and nothing after it points another way. */
function decideFromMatches(matches: readonly PhraseMatch[], normalized: string): ReplyClassification {
  const first = matches[0];
  if (!first || first.start !== 0) return { intent: 'unclear', normalized };
  const kind = first.resolution.kind;
  if (kind !== 'yes' && kind !== 'no') return { intent: 'unclear', normalized }; // e.g. "stopp å sende"
  // A hedge, the opposite answer, a stop word or a phrase in doubt anywhere in the tail makes the whole reply unclear.
  if (matches.some((match) => match.resolution.kind !== kind)) return { intent: 'unclear', normalized };
  const language = matches.map(({ resolution }) => ('language' in resolution ? resolution.language : undefined)).find((l) => l !== undefined);
  return { intent: kind, normalized, ...(language === undefined ? {} : { language }) };
}

function describeResolution(resolution: Resolution<PhraseKind>, normalized: string): ReplyClassification {
  if (resolution.kind === 'conflict' || resolution.kind === 'hedge' || resolution.kind === 'false_friend') {
    return { intent: 'unclear', normalized };
  }
  const language = resolution.language;
  return { intent: resolution.kind, normalized, ...(language === undefined ? {} : { language }) };
}

/**
 * Greedy left-to-right scan taking the longest phrase at each position. A false friend in the
 * volunteer's own language is just a word there ("ja tak" from a Norwegian is "ja takk").
 */
function scanPhrases(tokens: readonly string[], volunteerLanguage: string | undefined): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  let index = 0;
  while (index < tokens.length) {
    const phrase = findPhraseAt(tokens, index);
    const resolution = phrase && resolvePhrase(phrase, volunteerLanguage);
    if (resolution && resolution.kind !== 'false_friend') matches.push({ resolution, start: index });
    index += phrase ? phrase.tokens.length : 1;
  }
  return matches;
}
