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

