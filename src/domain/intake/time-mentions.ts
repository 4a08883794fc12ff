import { NUMBER_WORD_SOURCE, readNumber, type Span } from './normalize';
import type { NumericToken } from './numeric';

/**
 * Clock times as Norwegians write them: «kl 15», «15.45», «0915», «kl 3» (by day: 15:00),
 * «halv fire» (15:30), «kvart på tre» (14:45), «ti på halv fire» (15:20), «fem over halv to»
 * (13:35), and English «3pm», «half past two». Each is found with the words around it that say
 * what the time is: when to pick someone up, an appointment, a deadline.
 */

export type TimeRole = 'start' | 'pickup' | 'appointment' | 'deadline' | 'after' | 'window' | 'end';

export interface TimeMention {
  hour: number;
  minute: number;
  /** False for «kl 3» and «halv fire»: the hour is 1–12 and the part of day decides. */
  fixed: boolean;
  role: TimeRole;
  span: Span;
}

const N = `(\\d{1,2}|${NUMBER_WORD_SOURCE})`;
const OFFSET_MIN: Record<string, number> = { fem: 5, five: 5, ti: 10, ten: 10, kvart: 15, quarter: 15, tjue: 20, twenty: 20, '5': 5, '10': 10, '15': 15, '20': 20, '25': 25 };
const OFFSET = '(fem|ti|kvart|tjue|5|10|15|20|25|five|ten|quarter|twenty)';

interface Raw { hour: number; minute: number; fixed: boolean; span: Span }

function hourWord(token: string): number | undefined {
  const n = readNumber(token);
  return n !== undefined && n >= 1 && n <= 12 ? n : undefined;
}

function push(out: Raw[], m: RegExpExecArray, hour: number | undefined, minute: number, fixed: boolean): void {
  if (hour === undefined || minute < 0 || minute > 59) return;
  const span = { start: m.index, end: m.index + m[0].length };
  if (out.some((r) => r.span.start < span.end && span.start < r.span.end)) return;
  out.push({ hour, minute, fixed, span });
}

function all(text: string, source: string): RegExpExecArray[] {
  return [...text.matchAll(new RegExp(`(?<![\\p{L}\\d])(?:${source})(?![\\p{L}\\d])`, 'giu'))];
}

/** «halv fire», «ti på halv fire», «fem over halv to», «kvart på tre», «ti over to», «half past two». */
function findIdioms(text: string, out: Raw[]): void {
  for (const m of all(text, `(?:${OFFSET}\\s+(på|pa|over|før|etter)\\s+)?halv\\s*${N}`)) {
    const base = hourWord(m[3]!);
    if (base === undefined) continue;
    const offset = m[1] ? OFFSET_MIN[m[1]]! * (/^(over|etter)$/.test(m[2]!) ? 1 : -1) : 0;
    const total = (base - 1) * 60 + 30 + offset;
    push(out, m, Math.floor(total / 60) || 12, total % 60, false);
  }
  for (const m of all(text, `${OFFSET}\\s+(på|pa|over|past|to|før|etter)\\s+${N}`)) {
    const base = hourWord(m[3]!);
    if (base === undefined) continue;
    const before = /^(på|pa|to|før)$/.test(m[2]!);
    const total = base * 60 + OFFSET_MIN[m[1]!]! * (before ? -1 : 1);
    push(out, m, Math.floor(total / 60) || 12, ((total % 60) + 60) % 60, false);
  }
  for (const m of all(text, `half past ${N}`)) push(out, m, hourWord(m[1]!), 30, false);
}

function findClock(text: string, out: Raw[]): void {
  for (const m of all(text, `(?:kl|kl\\.|klokka|klokken|klokkå|kl:)\\s*(\\d{1,2})(?:\\s?[:.]\\s?(\\d{2}))?(?:\\s*(am|pm|a\\.m\\.|p\\.m\\.))?`)) {
    const hour = Number(m[1]);
    const minute = m[2] ? Number(m[2]) : 0;
    if (hour > 24) continue;
    pushAmPm(out, m, hour, minute, m[3], m[1]!.length === 2 || hour > 12);
  }
  for (const m of all(text, '(?:kl|kl\\.|klokka|klokken)\\s*([01]\\d|2[0-3])([0-5]\\d)')) push(out, m, Number(m[1]), Number(m[2]), true);
  for (const m of all(text, '(?:kl|kl\\.|klokka|klokken)\\s*(\\d)([0-5]\\d)')) push(out, m, Number(m[1]), Number(m[2]), false);
  for (const m of all(text, `(?:kl|kl\\.|klokka|klokken)\\s*(${NUMBER_WORD_SOURCE})`)) push(out, m, hourWord(m[1]!), 0, false);
  for (const m of all(text, '(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)')) pushAmPm(out, m, Number(m[1]), m[2] ? Number(m[2]) : 0, m[3], true);
  for (const m of all(text, 'noon|midday|kl(?:\\.|okka)? tolv')) push(out, m, 12, 0, true);
  // «ved 12-tiden», «rundt 3-tida»: about then, which is a time like «ca kl 12».
  for (const m of all(text, '(\\d{1,2})\\s?-?\\s?(?:tiden|tida|tia)')) push(out, m, Number(m[1]) <= 23 ? Number(m[1]) : undefined, 0, m[1]!.length === 2 || Number(m[1]) > 12);
  for (const m of all(text, '(?:at|around|by|before|after)\\s+(\\d{1,2})(?:[:.](\\d{2}))?')) {
    push(out, m, Number(m[1]) <= 24 ? Number(m[1]) : undefined, m[2] ? Number(m[2]) : 0, m[1]!.length === 2 || Number(m[1]) > 12);
  }
  // «0915», «1430»: four digits starting 0-1, or 20-23 with a clock word before (2027 is a year).
  for (const m of all(text, '([01]\\d)([0-5]\\d)')) push(out, m, Number(m[1]), Number(m[2]), true);
}

function pushAmPm(out: Raw[], m: RegExpExecArray, hour: number, minute: number, ampm: string | undefined, fixed: boolean): void {
  if (!ampm) return push(out, m, hour, minute, fixed);
  const pm = ampm.startsWith('p');
  push(out, m, pm && hour < 12 ? hour + 12 : !pm && hour === 12 ? 0 : hour, minute, true);
}

function findNumericTimes(tokens: NumericToken[], out: Raw[]): void {
  for (const t of tokens) {
    const span = t.span;
    if (out.some((r) => r.span.start < span.end && span.start < r.span.end)) continue;
    out.push({ hour: t.a, minute: t.b, fixed: t.a > 12 || t.a === 0, span });
  }
}

/** «fre 14», «i morgen 10»: a bare hour right after a day is a time. */
function findHourAfterDay(text: string, daySpans: Span[], out: Raw[]): void {
  for (const day of daySpans) {
    const m = /^([ ,.]\s*)(?:ca\.?\s*)?(\d{1,2})(?![\d.:/]|\s*(?:\.|januar|februar|mars|april|mai|juni|juli|august|sept|okt|nov|des|jan|feb|mar|apr|jun|jul|aug|dec|uker|veker|dager|dagar|personer|stk|min|t\b|timer))/u.exec(text.slice(day.end));
    if (!m) continue;
    const hour = Number(m[2]);
    if (hour < 1 || hour > 23) continue;
    const start = day.end + m[1]!.length;
    const fake = Object.assign([m[2]!], { index: start, input: text, groups: undefined }) as unknown as RegExpExecArray;
    fake[0] = text.slice(start, day.end + m[0].length);
    push(out, fake, hour, 0, hour > 12 || m[2]!.length === 2);
  }
}

/** «mellom 10 og 12», «fra 10 til 12»: bare hours that a range makes times. */
function findRanges(text: string, out: Raw[]): void {
  const h = '(\\d{1,2})(?:[.:](\\d{2}))?';
  for (const m of all(text, `(?:mellom|between|fra|from)\\s+(?:kl\\.?\\s*)?${h}\\s*(?:og|and|til|to|-)\\s*(?:kl\\.?\\s*)?${h}`)) {
    const [a, am, b, bm] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3]), Number(m[4] ?? 0)];
    if (a > 23 || b > 23 || b < a) continue;
    const second = m[0].lastIndexOf(m[3]!);
    const first = m[0].search(/\d/);
    out.push({ hour: a, minute: am, fixed: a > 12 || m[1]!.length === 2, span: { start: m.index + first, end: m.index + first + m[1]!.length + (m[2] ? 3 : 0) } });
    out.push({ hour: b, minute: bm, fixed: b > 12 || m[3]!.length === 2, span: { start: m.index + second, end: m.index + m[0].length } });
  }
}

export function findRawTimes(text: string, timeTokens: NumericToken[], daySpans: Span[]): Raw[] {
  const out: Raw[] = [];
  findIdioms(text, out);
  findRanges(text, out);
  findClock(text, out);
  findNumericTimes(timeTokens, out);
  findHourAfterDay(text, daySpans, out);
  return out.sort((a, b) => a.span.start - b.span.start);
}

const PICKUP = /(?<![\p{L}])(?:hent\p{L}*|avreise|avgang|dra(?:r)? (?:herfra|fra)|må (?:dra|gå|reise)|gå herfra|kjøre(?:r)? (?:herfra|fra)|møt(?:e|es)|oppmøte|være (?:her|klar|hos oss)|komme? hit|klar|ferdig|pick(?:ed)?[ -]?(?:her |him |them )?up|leave|leaves|depart\p{L}*|be here|come at|arrive here|taxi(?:en)?|drosje(?:n)?|bussen går)\b[^,;!?\n]*$/u;
const APPOINTMENT = /(?<![\p{L}])(?:(?:lege|tannlege|fysio|frisør)?time(?:n)?|timeavtale(?:n)?|avtale(?:n)?|appointment|konsultasjon(?:en)?|undersøkelse(?:n)?|operasjon(?:en)?|kontroll(?:en)?|starter|begynner|begins|starts|\p{L}*gudstjeneste(?:n)?|\p{L}*konsert(?:en)?|\p{L}*forestilling(?:en)?|møtet)\b[^,;!?\n]*$/u;
const APPOINTMENT_AFTER = /^\s*(?:har (?:hun|han|ho|he|beboer\p{L}*|pasient\p{L}*) time|er timen|skal (?:hun|han|ho|he) (?:være|vere) (?:der|på|hos)|she has|he has)/u;

function roleOf(text: string, r: Raw, previous: Raw | undefined): TimeRole {
  const clauseStart = Math.max(previous ? previous.span.end : 0, r.span.start - 48);
  const before = text.slice(clauseStart, r.span.start);
  const after = text.slice(r.span.end, r.span.end + 30);
  if (/(?:mellom|between)\s*(?:kl\.?\s*)?$/.test(before)) return 'window';
  if (previous && /^\s*(?:-|–|til|to|and|og)\s*(?:kl\.?\s*)?$/.test(text.slice(previous.span.end, r.span.start))) {
    return /(?:mellom|between)\s*(?:kl\.?\s*)?$/.test(text.slice(Math.max(0, previous.span.start - 12), previous.span.start)) ? 'window' : 'end';
  }
  if (/(?:innen|før|senest|seinast|by|before|no later than|til|until|innan)\s*(?:kl\.?|klokka)?\s*$/.test(before)) return 'deadline';
  // «må være på plass kl 8»: when to arrive there, not when to leave here.
  if (/(?:må|skal|bør|må|need to|has to|must)\s+(?:være|vere|be)\s+(?:på plass|der|framme|fremme|inne|there|på \p{L}+|ved \p{L}+|i \p{L}+)\s*(?:kl\.?|klokka|at|by)?\s*$/u.test(before)) return 'deadline';
  if (/(?:etter|after|tidligst|tidlegast|earliest|fra og med)\s*(?:kl\.?|klokka)?\s*$/.test(before)) return 'after';
  const pickup = PICKUP.exec(before);
  const appointment = APPOINTMENT.exec(before);
  if (pickup && (!appointment || pickup.index > appointment.index)) return 'pickup';
  if (appointment || APPOINTMENT_AFTER.test(after)) return 'appointment';
  return 'start';
}

/** Every time in the normalised text with its role. */
export function findTimes(text: string, timeTokens: NumericToken[], daySpans: Span[]): TimeMention[] {
  const raws = findRawTimes(text, timeTokens, daySpans);
  return raws.map((r, i) => ({ ...r, role: roleOf(text, r, raws[i - 1]) }));
}
