/**
 * Turning an inbound SMS into words, shared by the reply classifier and the keyword parser, and the
 * rule for a phrase that means different things in different languages.
 */

const THUMBS = new Set(['👍', '👎']);
// Skin tones, variation selector, zero-width joiner, keycap, flag letters and tags; an alternation
// rather than a class because these combine with their neighbours.
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D|\u20E3|\p{Regional_Indicator}|[\u{E0020}-\u{E007F}]/gu;
const EDGE_PUNCTUATION = /^[\s.!,;:…"'()*¡-]+|[\s.!,;:…"'()*¡-]+$/g;
const TOKEN = /[\p{L}\p{M}\p{N}']+|\u{1F44D}|\u{1F44E}/gu;
// Arabic short vowels, shadda, sukun, superscript alef and tatweel: optional in writing.
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g;
// Arabic-Indic (٠-٩) and extended Arabic-Indic (۰-۹) digits, as Arabic and Persian keyboards type them.
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * Lower case, whitespace collapsed, edge punctuation and emoji (except 👍/👎) removed, digits as
 * 0-9, and Arabic spelling variants unified (أ إ آ → ا, ى → ي, ة → ه, no short vowels), since
 * phones and writers differ on them.
 */
export function normalizeSmsText(body: string): string {
  return body
    .normalize('NFC')
    .replace(/\p{Extended_Pictographic}/gu, (emoji) => (THUMBS.has(emoji) ? ` ${emoji} ` : ' '))
    .replace(EMOJI_MODIFIERS, '')
    .replace(/[’‘`´]/g, "'") // phones autocorrect "can't" to "can’t"
    .replace(EASTERN_DIGITS, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf))
    .replace(ARABIC_MARKS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(EDGE_PUNCTUATION, '');
}

/** Words of a normalized text: letters and digits (with apostrophes inside), and the two thumbs. */
export function tokenizeSmsText(normalized: string): string[] {
  return (normalized.match(TOKEN) ?? []).map((token) => token.replace(/^'+|'+$/g, '')).filter((t) => t !== '');
}

/**
 * Latin letters without their diacritics (ę → e, ł → l, å → a), for matching what people type on
 * a phone without their own keyboard. Other scripts are left alone.
 */
export function foldLatinDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L');
}

export interface Meaning<K extends string> {
  readonly kind: K;
  /** undefined for symbols that belong to no language (👍). */
  readonly language: string | undefined;
}

export type Resolution<K extends string> = { kind: K; language: string | undefined } | { kind: 'conflict' };

/**
 * The conflict rule. A phrase with one meaning in every language that has it means that. A phrase
 * with different meanings (Polish `tak` = yes, nb `tak` = a typo of `takk`) means what it means in
 * the volunteer's language; if that language does not have it, it is a real doubt: 'conflict',
 * which callers hand to a person. The volunteer's language is also the one reported when it has
 * the phrase; otherwise the first in registry order.
 */
export function resolveMeaning<K extends string>(meanings: readonly Meaning<K>[], volunteerLanguage?: string): Resolution<K> {
  const own = volunteerLanguage === undefined ? undefined : meanings.find((m) => m.language === volunteerLanguage);
  if (own) return { kind: own.kind, language: own.language };
  const first = meanings[0];
  if (!first || meanings.some((m) => m.kind !== first.kind)) return { kind: 'conflict' };
  return { kind: first.kind, language: meanings.find((m) => m.language !== undefined)?.language };
}
