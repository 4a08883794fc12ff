import { DateTime } from 'luxon';
import { OSLO } from '../../domain/messages';
import { TASK_TYPE_NAMES } from '../../domain/volunteer';

/** Dates as a Norwegian coordinator reads them, always in Oslo time. */
export function formatDateTime(d: Date): string {
  return DateTime.fromJSDate(d, { zone: OSLO }).setLocale('nb').toFormat('d. MMM yyyy HH:mm');
}

export function formatTime(d: Date): string {
  return DateTime.fromJSDate(d, { zone: OSLO }).toFormat('HH:mm');
}

/** 'tor. 3. des. kl. 10:00' */
export function formatWhen(d: Date): string {
  return DateTime.fromJSDate(d, { zone: OSLO }).setLocale('nb').toFormat("ccc d. MMM 'kl.' HH:mm");
}

export const TASK_TYPE_LABELS: Record<string, string> = TASK_TYPE_NAMES;

export const TASK_STATUS_LABELS: Record<string, string> = {
  new: 'Ny', searching: 'Leter', assigned: 'Tildelt', unfilled: 'Ikke besatt', cancelled: 'Avlyst',
};


/** '1 frivillig', '2 frivillige': the number and the noun agree. */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 'kl. 08:00' today, 'fre. 4. des. kl. 08:00' on another Oslo day than `now`. */
export function formatClockFrom(d: Date, now: Date): string {
  const at = DateTime.fromJSDate(d, { zone: OSLO });
  return at.hasSame(DateTime.fromJSDate(now, { zone: OSLO }), 'day') ? `kl. ${at.toFormat('HH:mm')}` : formatWhen(d);
}
