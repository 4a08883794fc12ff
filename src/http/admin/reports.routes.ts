import { Router, type Request, type Response } from 'express';
import { can, type Actor } from '../../domain/access';
import { NO_UNIT, osloYear } from '../../domain/reports';
import { buildReport, type ReportQuery } from '../../services/reports-build';
import { exportReport } from '../../services/reports-export';
import { reportCsv } from '../views/reports/report-csv';
import { reportsPage } from '../views/reports/reports-page';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, sendPage } from './frame';
import { sendForbidden } from './require-admin';

/** Years offered in the picker: a few back (the municipality reports on earlier years too) and next year. */
const YEARS_BACK = 6;

/** ?year=YYYY&unit=ID; anything unreadable falls back to this year and every unit. */
function parseReportQuery(req: Request, now: Date): ReportQuery {
  const year = Number(req.query.year);
  const unit = typeof req.query.unit === 'string' ? req.query.unit : '';
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : osloYear(now),
    unitId: /^\d{1,18}$/.test(unit) || unit === NO_UNIT ? unit : undefined,
  };
}

/**
 * The query this actor may run: without a unit, a coordinator gets their own unit (admins: every
 * unit); undefined, after a 403 page, when a coordinator asked for another unit or tasks without one.
 */
function allowedQuery(req: Request, res: Response, actor: Actor, now: Date): ReportQuery | undefined {
  const asked = parseReportQuery(req, now);
  const allUnits = can(actor, 'see_all_units', { kind: 'system' });
  const query = allUnits || asked.unitId !== undefined ? asked : { ...asked, unitId: actor.kind === 'coordinator' ? actor.unitId ?? NO_UNIT : undefined };
  const unitId = query.unitId === NO_UNIT ? null : query.unitId;
  if (allUnits || (unitId !== undefined && can(actor, 'view_reports', { kind: 'unit', unitId }))) return query;
  sendForbidden(res, 'unit');
  return undefined;
}

function yearChoices(current: number, selected: number): number[] {
  const years = Array.from({ length: YEARS_BACK + 2 }, (_, i) => current + 1 - i);
  return years.includes(selected) ? years : [...years, selected].sort((a, b) => b - a);
}

/** Rapporter (/reports) and its CSV download (/reports.csv): the same figures, the same query. */
export function reportsRoutes(deps: AdminDeps): Router {
  const router = Router();

  router.get('/reports', async (req, res) => {
    const now = deps.ctx.now();
    const actor = coordinatorOf(res);
    const query = allowedQuery(req, res, actor, now);
    if (!query) return;
    const result = await buildReport(deps.ctx, query);
    const allUnits = can(actor, 'see_all_units', { kind: 'system' });
    sendPage(res, reportsPage(frameOf(res), { ...result, years: yearChoices(osloYear(now), result.query.year), allUnits }));
  });

  router.get('/reports.csv', async (req, res) => {
    const query = allowedQuery(req, res, coordinatorOf(res), deps.ctx.now());
    if (!query) return;
    const { report, units } = await exportReport(deps.ctx, coordinatorOf(res), query);
    const name = `svarja-rapport-${query.year}${query.unitId ? `-enhet-${query.unitId}` : ''}.csv`;
    res.status(200).type('text/csv; charset=utf-8').attachment(name).send(reportCsv(report, units, !query.unitId));
  });

  return router;
}
