import { normalizeSmsText, tokenizeSmsText } from '../sms-words';

/** Emoji that answer: they become the thumbs the tokenizer keeps. Others are decoration. */
const YES_EMOJI = /[👌✅✔☑💪🙌🤝]|\u{1F44D}/gu;
const NO_EMOJI = /[❌✖🚫⛔]|\u{1F44E}/gu;
const QUESTION_EMOJI = /[❓❔🤔]/gu;
// ":)", ";-)", ":D", ":(", "<3": typed faces, no words.
const TYPED_FACES = /(^|\s)[:;=][-']?[)(DPpSs/|]+|<3/g;
const CLOCK = /\b\d{1,2}[:.]\d{2}\b/;

export interface NormalizedReply {
  /** Lower case, emoji mapped, spaces collapsed; clause punctuation kept. */
  text: string;
  /** A clock time («kl 12.30», «10:00»): with a yes it is a condition. */
  hasClockTime: boolean;
}

export function normalizeReply(body: string): NormalizedReply {
  const mapped = body
    .replace(YES_EMOJI, ' 👍 ')
    .replace(NO_EMOJI, ' 👎 ')
    .replace(QUESTION_EMOJI, ' ? ')
    .replace(TYPED_FACES, ' ');
  const hasClockTime = CLOCK.test(mapped);
  // normalizeSmsText keeps "?" (it makes «ja?» a question); all question marks become "?".
  return { text: normalizeSmsText(mapped).replace(/[？¿؟]/g, '?'), hasClockTime };
}

/** Words of one clause (see tokenizeSmsText). */
export function wordsOf(clause: string): string[] {
  return tokenizeSmsText(clause);
}

/**
 * Spellings to try for a word nobody listed: drawn-out letters shortened («neeei» → «nei»,
 * «jaaaa takkk» → «ja takk»), first to two letters, then to one, then doubles to one («jaa» → «ja»).
 */
export function spellingsOf(word: string): string[] {
  const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  const one = word.replace(/(\p{L})\1{2,}/gu, '$1');
  const single = word.replace(/(\p{L})\1+/gu, '$1');
  return [...new Set([two, one, single])].filter((w) => w !== word);
}
