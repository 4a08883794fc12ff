import type { AvailabilityWindow, Weekday } from './matching';

/**
 * Weekly availability as a coordinator types it and reads it: "man–fre 09–15, lør 10:00–13:30".
 * Days are Norwegian (short or long), a range of days is allowed, hours are Oslo time; an empty
 * text means "any time".
 */
const DAY_NAMES: readonly (readonly string[])[] = [
  ['man', 'mandag'], ['tir', 'tirsdag'], ['ons', 'onsdag'], ['tor', 'torsdag'],
  ['fre', 'fredag'], ['lør', 'lørdag', 'lor', 'lordag'], ['søn', 'søndag', 'son', 'sondag'],
];
const SHORT = ['man', 'tir', 'ons', 'tor', 'fre', 'lør', 'søn'];
const DASH = '[-–—]';
const TIME = '(\\d{1,2})(?:[:.](\\d{2}))?';
const ENTRY = new RegExp(`^(\\p{L}+)\\.?(?:\\s*${DASH}\\s*(\\p{L}+)\\.?)?\\s+(?:kl\\.?\\s*)?${TIME}\\s*${DASH}\\s*${TIME}$`, 'u');

export type AvailabilityParse = { ok: true; windows: AvailabilityWindow[] } | { ok: false; entry: string };

export function parseAvailability(text: string): AvailabilityParse {
  const windows: AvailabilityWindow[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const entry = raw.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!entry) continue;
    const parsed = parseEntry(entry);
    if (!parsed) return { ok: false, entry: raw.trim() };
    windows.push(...parsed);
  }
  return { ok: true, windows: windows.sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from)) };
}

function parseEntry(entry: string): AvailabilityWindow[] | undefined {
  const m = ENTRY.exec(entry);
  if (!m) return undefined;
  const first = weekdayOf(m[1]!);
  const last = m[2] ? weekdayOf(m[2]) : first;
  const from = clock(m[3]!, m[4]);
  const to = clock(m[5]!, m[6]);
  if (!first || !last || !from || !to || from >= to) return undefined;
  const days: Weekday[] = [];
  for (let d = first; ; d = ((d % 7) + 1) as Weekday) {
    days.push(d);
    if (d === last) break;
  }
  return days.map((weekday) => ({ weekday, from, to }));
}

function weekdayOf(word: string): Weekday | undefined {
  const index = DAY_NAMES.findIndex((names) => names.includes(word));
  return index < 0 ? undefined : ((index + 1) as Weekday);
}

function clock(hours: string, minutes: string | undefined): string | undefined {
  const h = Number(hours);
  const m = Number(minutes ?? '0');
  if (h > 24 || m > 59 || (h === 24 && m > 0)) return undefined;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The windows as a coordinator would write them, and as `parseAvailability` reads them back: days
 * in a row with the same hours are one range, "man–fre 09:00–15:00, lør 10:00–13:00".
 */
export function formatAvailability(windows: readonly AvailabilityWindow[]): string {
  const runs: { first: number; last: number; from: string; to: string }[] = [];
  const sorted = [...windows].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.weekday - b.weekday);
  for (const w of sorted) {
    const run = runs.at(-1);
    if (run && run.from === w.from && run.to === w.to && run.last + 1 === w.weekday) run.last = w.weekday;
    else runs.push({ first: w.weekday, last: w.weekday, from: w.from, to: w.to });
  }
  return runs
    .sort((a, b) => a.first - b.first || a.from.localeCompare(b.from))
    .map((r) => `${SHORT[r.first - 1]}${r.last > r.first ? `–${SHORT[r.last - 1]}` : ''} ${r.from}–${r.to}`)
    .join(', ');
}
