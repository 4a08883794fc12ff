import type { Actor } from '../domain/access';
import { insertAuditEvent } from '../db/audit.repo';
import type { ServiceContext } from './context';
import { buildReport, type ReportQuery, type ReportResult } from './reports-build';

/** The report for download; every export is audit-logged (the figures leave the system). */
export async function exportReport(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, query: ReportQuery): Promise<ReportResult> {
  const result = await buildReport(ctx, query);
  await insertAuditEvent(ctx.db, actor, {
    action: 'report_exported', subjectType: 'report', subjectId: String(query.year), detail: { year: query.year, unitId: query.unitId ?? null, format: 'csv' },
  }, ctx.now());
  return result;
}
