/**
 * Text helpers shared by the intake readers: one normalised form of the message (lower case,
 * emoji and typographic marks removed, spacing collapsed) and word-boundary regexes that treat
 * æ, ø and å as letters (JavaScript's \b does not).
 */

/** No emoji, straight quotes, single spaces; keeps case (for names and places) and digits and . : / - , ? ! for dates and times. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D|[\u{1F3FB}-\u{1F3FF}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The cleaned text in lower case: what the readers match. Same length as `cleanText`, so spans carry over. */
export function normalizeText(text: string): string {
  return cleanText(text).toLowerCase();
}

/** A regex source wrapped so it only matches whole words (letters and digits count as word characters). */
export function word(source: string, flags = 'giu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])(?:${source})(?![\\p{L}\\d])`, flags);
}

/** True when the whole-word pattern occurs in the text. */
export function hasWord(text: string, source: string): boolean {
  return word(source, 'iu').test(text);
}

/** Every match of a whole-word pattern, with its position. */
export function findWords(text: string, source: string): RegExpExecArray[] {
  return [...text.matchAll(word(source))];
}

/** Clock and count words: «halv fire», «kvart på tre», «om tre uker». Nynorsk and English included. */
export const NUMBER_WORDS: Record<string, number> = {
  en: 1, ett: 1, ein: 1, eitt: 1, one: 1, to: 2, two: 2, tre: 3, three: 3, fire: 4, four: 4, fem: 5, five: 5,
  seks: 6, six: 6, sju: 7, syv: 7, seven: 7, åtte: 8, atte: 8, eight: 8, ni: 9, nine: 9, ti: 10, ten: 10,
  elleve: 11, elve: 11, eleven: 11, tolv: 12, twelve: 12,
};

/** The regex alternation of the number words, longest first so «elleve» is not read as «en». */
export const NUMBER_WORD_SOURCE = Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|');

/** A number written with digits or as a word; undefined for anything else. */
export function readNumber(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return NUMBER_WORDS[token.toLowerCase()];
}

/** Damerau-Levenshtein distance capped at 2: enough to accept «fredg» or «tirsdga» as typos. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** A span of the normalised text that a reader used, so the notes can leave it out. */
export interface Span { start: number; end: number }

export function spanOf(m: RegExpExecArray): Span {
  return { start: m.index, end: m.index + m[0].length };
}
