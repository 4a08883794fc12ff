import { DateTime } from 'luxon';
import type { TaskType } from './language';
import { OSLO_ZONE } from './oslo-time';

/** What a requester's SMS says about their request: no notes, no names. */
export interface RequestFacts {
  ref: string;
  type: TaskType;
  date: string | null;
  time: string | null;
  place: string | null;
  holiday: string | null;
}

export type RequesterLanguage = 'nb' | 'en';

/** «fre. 4. des. kl. 14:30» / «Fri 4 Dec at 14:30». */
export function whenText(f: Pick<RequestFacts, 'date' | 'time'>, language: RequesterLanguage): string {
  if (!f.date) return '';
  const day = DateTime.fromISO(f.date, { zone: OSLO_ZONE });
  const date = language === 'en' ? day.setLocale('en-GB').toFormat('ccc d LLL') : day.setLocale('nb').toFormat('ccc d. MMM');
  if (!f.time) return date;
  return language === 'en' ? `${date} at ${f.time}` : `${date} kl. ${f.time}`;
}

