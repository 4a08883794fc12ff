import { DateTime } from 'luxon';
import type { Actor } from '../domain/access';
import { OSLO } from '../domain/messages';
import { formatVolunteersCsv } from '../domain/volunteer-csv';
import { insertAuditEvent } from '../db/audit.repo';
import { listVolunteers } from '../db/volunteer.repo';
import type { ServiceContext } from './context';

export interface VolunteerExport { csv: string; filename: string; count: number }

/**
 * Every volunteer in the pool as a CSV file for Excel (deactivated and erased ones are not in the
 * pool: an edited export imported back must not bring them in again). Exports carry personal
 * data, so each one is audit-logged.
 */
export async function exportVolunteers(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor): Promise<VolunteerExport> {
  const volunteers = (await listVolunteers(ctx.db)).filter((v) => !v.deactivatedAt);
  const now = ctx.now();
  await insertAuditEvent(ctx.db, actor, { action: 'volunteers_exported', subjectType: 'volunteer', detail: { count: volunteers.length } }, now);
  const day = DateTime.fromJSDate(now, { zone: OSLO }).toISODate();
  return { csv: formatVolunteersCsv(volunteers), filename: `frivillige-${day}.csv`, count: volunteers.length };
}
