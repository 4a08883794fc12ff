import { en } from './en';
import { nb } from './nb';

/**
 * Reply words for one language. Phrases are matched as whole words after normalisation
 * (lower case, punctuation between words ignored), so list them in lower case without punctuation.
 * A phrase that is only digits or one character (`1`, `j`, `n`) counts only as the whole message.
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
}

export interface ReplyLanguage {
  readonly code: string;
  readonly words: ReplyWords;
}

/**
 * Every supported language. Replies are understood in all of them whatever the volunteer's setting;
 * the order only decides which language is reported when a phrase is in several lists.
 * Adding a language: one file next to this one and one line here.
 */
export const REPLY_LANGUAGES: readonly ReplyLanguage[] = [
  { code: 'nb', words: nb },
  { code: 'en', words: en },
];
