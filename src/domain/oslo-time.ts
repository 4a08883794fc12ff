import { DateTime } from 'luxon';

export const OSLO_ZONE = 'Europe/Oslo';

/** The calendar date in Oslo at this instant, as 'YYYY-MM-DD' (what a `date` column holds). */
export function osloDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: OSLO_ZONE }).toISODate()!;
}
