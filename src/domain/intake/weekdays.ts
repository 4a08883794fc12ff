import { editDistance, type Span } from './normalize';

/**
 * Weekday words in bokmål, nynorsk and English, with the abbreviations and typos nurses write
 * («fre», «tors», «fredg», «onsdga»). Monday = 1 … Sunday = 7, as luxon counts.
 */

const FULL_NAMES: [string, number][] = [
  ['mandag', 1], ['måndag', 1], ['monday', 1],
  ['tirsdag', 2], ['tysdag', 2], ['tuesday', 2],
  ['onsdag', 3], ['wednesday', 3],
  ['torsdag', 4], ['thursday', 4],
  ['fredag', 5], ['friday', 5],
  ['lørdag', 6], ['laurdag', 6], ['saturday', 6],
  ['søndag', 7], ['sundag', 7], ['sunday', 7],
];

/** Abbreviations that are no other word a nurse would write. */
const SAFE_SHORT: Record<string, number> = {
  mand: 1, mån: 1, tir: 2, tirs: 2, tys: 2, tue: 2, tues: 2, ons: 3, wed: 3, tors: 4, thu: 4, thur: 4, thurs: 4,
  fre: 5, lør: 6, laur: 6, lau: 6, lor: 6, søn: 7, mon: 1,
};

/** Abbreviations that are also words («man må», «Tor», «Fred», «fri», «the sun»): only before a date or a time. */
const RISKY_SHORT: Record<string, number> = { man: 1, tor: 4, fred: 5, fri: 5, sat: 6, sun: 7 };

/** Words within edit distance 1 of a weekday that are not weekdays. */
const NOT_WEEKDAYS = new Set(['fredagskos', 'mandat', 'mandatet']);

export interface WeekdayMention {
  weekday: number;
  span: Span;
  /** «mandager», «hver mandag», «fredags»: a habit, not one day. */
  plural: boolean;
}

const TOKEN = /[\p{L}]+\.?/gu;

/** The weekday a single word names, if any. */
export function weekdayOfWord(raw: string, followedByWhen: boolean): { weekday: number; plural: boolean } | undefined {
  const w = raw.replace(/\.$/, '');
  if (NOT_WEEKDAYS.has(w)) return undefined;
  if (SAFE_SHORT[w] !== undefined) return { weekday: SAFE_SHORT[w], plural: false };
  if (RISKY_SHORT[w] !== undefined) return followedByWhen ? { weekday: RISKY_SHORT[w], plural: false } : undefined;
  for (const [name, weekday] of FULL_NAMES) {
    if (w === name || w === `${name}en`) return { weekday, plural: false };
    if ([`${name}er`, `${name}ar`, `${name}ene`, `${name}s`].includes(w)) return { weekday, plural: true };
  }
  if (w.length < 5) return undefined;
  return typoWeekday(w);
}

/** Within one edit of a weekday. «tosdag» is one edit from torsdag and tysdag: a dropped letter is the likelier slip; a real tie is no weekday. */
function typoWeekday(w: string): { weekday: number; plural: boolean } | undefined {
  const close = FULL_NAMES.filter(([name]) => editDistance(w, name) <= 1);
  const dropped = close.filter(([name]) => isSubsequence(w, name));
  const pick = dropped.length > 0 ? dropped : close;
  const weekdays = [...new Set(pick.map(([, d]) => d))];
  return weekdays.length === 1 ? { weekday: weekdays[0]!, plural: false } : undefined;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** «man og tirs», «tor, fre»: a risky abbreviation listed with a sure weekday is a weekday too. */
function listedWithWeekday(after: string): boolean {
  const next = /^\.?\s*(?:,|og|and|&|\+)\s*(\p{L}+)/u.exec(after);
  return next !== null && weekdayOfWord(next[1]!, false) !== undefined;
}

/** Every weekday word in the normalised text. */
export function findWeekdays(text: string): WeekdayMention[] {
  const out: WeekdayMention[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
    const followedByWhen = /^\.?\s*(\d|kl|klokka|at |den |\d)/.test(after) || listedWithWeekday(after);
    const found = weekdayOfWord(m[0], followedByWhen);
    if (!found) continue;
    out.push({ ...found, span: { start: m.index, end: m.index + m[0].replace(/\.$/, '').length } });
  }
  return out;
}
