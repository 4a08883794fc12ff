import type { Span } from './normalize';

/**
 * Numbers with a separator: «4/1», «4.1», «14.02», «15.45», «12:30», «3.1.27». Norwegians write
 * dates and clock times the same way, so each token is read as a date, a time, or left
 * ambiguous for the caller to settle with the rest of the message (see `settleNumeric`).
 */

export interface NumericToken {
  a: number;
  b: number;
  year?: number;
  kind: 'date' | 'time' | 'ambiguous';
  span: Span;
}

const TOKEN = /(?<![\p{L}\d.:/,])(\d{1,2})([./:])(\d{1,2})(?:\2(\d{4}|\d{2})(?!\d))?(\.?)(?![\d:/])/gu;
const CLOCK_BEFORE = /(?:kl|kl\.|klokka|klokken|klokkå|ca|ca\.|cirka|rundt|fra|til|innen|før|etter|senest|seinast|at|by|around|from|before|after|-)\s*$/;
const DAY_BEFORE = /(?:den|dato|datoen|date|on)\s*$/;

function isDate(a: number, b: number): boolean {
  return a >= 1 && a <= 31 && b >= 1 && b <= 12;
}

function isTime(a: number, b: number, bText: string): boolean {
  return a <= 24 && b <= 59 && bText.length === 2;
}

function classify(a: number, bText: string, sep: string, hasYear: boolean, before: string): NumericToken['kind'] | undefined {
  const b = Number(bText);
  const date = isDate(a, b);
  const time = isTime(a, b, bText);
  if (hasYear) return date ? 'date' : undefined;
  if (sep === ':') return time ? 'time' : undefined;
  if (sep === '/') return date ? 'date' : undefined;
  if (!date) return time ? 'time' : undefined;
  if (!time) return 'date';
  if (CLOCK_BEFORE.test(before)) return 'time';
  if (DAY_BEFORE.test(before)) return 'date';
  return 'ambiguous';
}

/** Every separated number in the normalised text, read as far as the token itself allows. */
export function findNumericTokens(text: string): NumericToken[] {
  const out: NumericToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const [whole, aText, sep, bText, yearText, dot] = m;
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const kind = classify(Number(aText), bText!, sep!, yearText !== undefined, before);
    if (!kind) continue;
    const year = yearText === undefined ? undefined : yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    out.push({ a: Number(aText), b: Number(bText), year, kind, span: { start: m.index, end: m.index + whole.length - (kind === 'time' ? dot!.length : 0) } });
  }
  return out;
}
