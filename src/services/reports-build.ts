import { buildYearReport, unitKeyOf, yearBounds, type YearReport } from '../domain/reports';
import { listUnits, type Unit } from '../db/coordinator.repo';
import { listTaskFacts } from '../db/report.repo';
import type { ServiceContext } from './context';

export interface ReportQuery {
  year: number;
  /** A unit id, NO_UNIT for tasks without a unit, or undefined for every unit. */
  unitId?: string;
}

export interface ReportResult { report: YearReport; units: Unit[]; query: ReportQuery }

/** The yearly figures per month and unit, as shown on Rapporter and exported as CSV. */
export async function buildReport(ctx: Pick<ServiceContext, 'db' | 'now'>, query: ReportQuery): Promise<ReportResult> {
  const { start, end } = yearBounds(query.year);
  const [units, facts] = await Promise.all([listUnits(ctx.db), listTaskFacts(ctx.db, { start, end, unitId: query.unitId })]);
  const unitKeys = query.unitId ? [query.unitId] : units.map((u) => unitKeyOf(u.id));
  return { report: buildYearReport(facts, { year: query.year, now: ctx.now(), unitKeys }), units, query };
}
