import { DateTime } from 'luxon';
import { holidayName } from '../intake/named-days';
import { OSLO_ZONE } from '../oslo-time';

/** When a call in is put through to the coordinator (issue 15): weekdays 1–7 (Monday 1) and minutes of the day. */
export interface OfficeHours { days: number[]; fromMinute: number; toMinute: number }

export const DEFAULT_OFFICE_HOURS = 'man-fre 09-15';

const DAYS: Record<string, number> = { man: 1, tir: 2, ons: 3, tor: 4, fre: 5, lor: 6, lør: 6, son: 7, søn: 7 };
const SPEC = /^\s*(\p{L}{3})(?:\s*-\s*(\p{L}{3}))?\s+(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?\s*$/u;

/** «man-fre 09-15», «man-tor 08:30-15:30», «ons 10-14»; undefined when it is not that. */
export function parseOfficeHours(spec: string): OfficeHours | undefined {
  const m = SPEC.exec(spec.toLowerCase());
  if (!m) return undefined;
  const first = DAYS[m[1]!];
  const last = m[2] === undefined ? first : DAYS[m[2]];
  if (first === undefined || last === undefined || last < first) return undefined;
  const minute = (h: string, mm: string | undefined) => Number(h) * 60 + Number(mm ?? '0');
  const fromMinute = minute(m[3]!, m[4]);
  const toMinute = minute(m[5]!, m[6]);
  if (Number(m[4] ?? 0) > 59 || Number(m[6] ?? 0) > 59 || toMinute > 24 * 60 || fromMinute >= toMinute) return undefined;
  const days: number[] = [];
  for (let d = first; d <= last; d++) days.push(d);
  return { days, fromMinute, toMinute };
}

/** Open at this instant: an office day and hour in Oslo, and not a Norwegian public holiday (nor julaften or nyttårsaften). */
export function isOfficeOpen(hours: OfficeHours, at: Date): boolean {
  const t = DateTime.fromJSDate(at, { zone: OSLO_ZONE });
  if (!hours.days.includes(t.weekday)) return false;
  const minute = t.hour * 60 + t.minute;
  if (minute < hours.fromMinute || minute >= hours.toMinute) return false;
  return holidayName(t.toISODate()!) === null;
}
