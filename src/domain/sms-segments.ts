export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  /** 0 for an empty text. */
  segments: number;
}

// GSM 03.38 basic character set (3GPP TS 23.038 §6.2.1), minus ESC (0x1B), which only introduces the
// extension table and is never a character of its own. Æ Ø Å æ ø å are here, so Norwegian stays GSM-7.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// Extension table: sent as ESC + char, so each costs two septets.
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS = {
  'GSM-7': { single: 160, perPart: 153 }, // a concatenated part loses 7 septets to its header
  'UCS-2': { single: 70, perPart: 67 },
} as const;

const ELLIPSIS = '...';

// Letters with no decomposition to a GSM-7 base letter.
const GSM_FOLDS: Readonly<Record<string, string>> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D' };

// Look-alikes that would otherwise switch a whole message to UCS-2 (70 instead of 160 per segment).
const GSM_FRIENDLY: ReadonlyArray<readonly [RegExp, string]> = [
  [/[‘’‚‛′]/g, "'"],
  [/[“”„‟«»″]/g, '"'], // Norwegian texts use «sitat» quotes
  [/[‐‑‒–—―−]/g, '-'],
  [/…/g, '...'],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, ' '],
  [/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, ''], // invisible: soft hyphen, zero-width characters, BOM
];

/**
 * Counts SMS segments the way the network splits them: one segment up to 160 septets (70 UCS-2
 * units), otherwise parts of 153 (67). A character is never split across parts, so an extension
 * character or emoji at a part boundary moves to the next part, as carriers do.
 */
export function countSegments(text: string): SegmentCount {
  const encoding = detectEncoding(text);
  const costs = Array.from(text, (char) => measureChar(char, encoding));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const limits = LIMITS[encoding];
  if (units === 0) return { encoding, units, segments: 0 };
  if (units <= limits.single) return { encoding, units, segments: 1 };
  return { encoding, units, segments: countParts(costs, limits.perPart) };
}

/** Replaces typographic characters with GSM-7 equivalents so templates never fall into UCS-2 by accident. */
export function toGsmFriendly(text: string): string {
  return GSM_FRIENDLY.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/**
 * Replaces letters GSM-7 lacks by their base letter when that is in GSM-7 (ę → e, ś → s, ł → l,
 * ç → c), as Polish bulk SMS are sent; a letter GSM-7 has (å, é, ñ) and anything with no such
 * base (Cyrillic, emoji) is kept.
 */
export function foldToGsm(text: string): string {
  return Array.from(text.normalize('NFC'), (char) => {
    if (isGsmChar(char)) return char;
    const base = GSM_FOLDS[char] ?? char.normalize('NFD').replace(/\p{M}+/gu, '');
    return base !== '' && Array.from(base).every(isGsmChar) ? base : char;
  }).join('');
}

/**
 * Shortens text to at most maxSegments, cutting at a word boundary and appending '...'.
 * Text that already fits is returned unchanged; a single word too long to cut at a space is cut
 * between characters. maxSegments below 1 gives ''.
 */
export function truncateToSegments(text: string, maxSegments: number): string {
  if (countSegments(text).segments <= maxSegments) return text;
  if (maxSegments < 1) return '';
  const fits = (cut: number) => countSegments(finishCut(text, cut)).segments <= maxSegments;
  const atWord = findLastFittingCut(findWordBoundaries(text), fits);
  if (atWord !== undefined) return finishCut(text, atWord);
  const atChar = findLastFittingCut(findCharBoundaries(text), fits);
  return finishCut(text, atChar ?? 0);
}

function detectEncoding(text: string): SegmentCount['encoding'] {
  for (const char of text) {
    if (!isGsmChar(char)) return 'UCS-2';
  }
  return 'GSM-7';
}

function isGsmChar(char: string): boolean {
  return GSM_BASIC.has(char) || GSM_EXTENSION.has(char);
}

function measureChar(char: string, encoding: SegmentCount['encoding']): number {
  if (encoding === 'UCS-2') return char.length; // astral characters (emoji) are a surrogate pair
  return GSM_EXTENSION.has(char) ? 2 : 1;
}

function countParts(costs: readonly number[], perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perPart) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

function finishCut(text: string, cut: number): string {
  // "Hei, du," + "..." reads badly; drop dangling separators before the ellipsis.
  return text.slice(0, cut).replace(/[\s,;:.-]+$/u, '') + ELLIPSIS;
}

/** Cut positions in front of each whitespace run. */
function findWordBoundaries(text: string): number[] {
  return Array.from(text.matchAll(/\s+/g), (match) => match.index).filter((index) => index > 0);
}

/** Cut positions between code points, so a surrogate pair is never split. */
function findCharBoundaries(text: string): number[] {
  const cuts: number[] = [];
  let index = 0;
  for (const char of text) {
    index += char.length;
    cuts.push(index);
  }
  return cuts;
}

/** Binary search: a longer prefix never needs fewer segments, so the fitting cuts form a prefix. */
function findLastFittingCut(cuts: readonly number[], fits: (cut: number) => boolean): number | undefined {
  let low = 0;
  let high = cuts.length - 1;
  let best: number | undefined;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const cut = cuts[middle];
    if (cut !== undefined && fits(cut)) {
      best = cut;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return best;
}
