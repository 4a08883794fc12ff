import { DateTime } from 'luxon';
import { z } from 'zod';
import { OSLO } from '../../domain/messages';
import { parseDay } from '../../domain/volunteer-form';

/** A real calendar day as YYYY-MM-DD (2026-02-29, month 13 and 9999-99-99 are refused), years 1900–2100. */
export const CalendarDay = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => parseDay(s) === s, 'must be a date that exists, YYYY-MM-DD');

/** ISO 8601; without an offset it is read as Oslo time, which is what a coordinator means. */
export const OsloDateTime = z.string().max(64).transform((s, ctx) => {
  const dt = DateTime.fromISO(s, { zone: OSLO, setZone: false });
  if (!dt.isValid) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date and time, e.g. 2026-12-03T10:00+01:00' });
    return z.NEVER;
  }
  return dt.toJSDate();
});
