import { Router, type Request } from 'express';
import { NO_UNIT, osloYear } from '../../domain/reports';
import { buildReport, type ReportQuery } from '../../services/reports-build';
import { exportReport } from '../../services/reports-export';
import { reportCsv } from '../views/reports/report-csv';
import { reportsPage } from '../views/reports/reports-page';
import type { AdminDeps } from './admin-deps';
import { coordinatorOf, frameOf, sendPage } from './frame';

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

function yearChoices(current: number, selected: number): number[] {
  const years = Array.from({ length: YEARS_BACK + 2 }, (_, i) => current + 1 - i);
  return years.includes(selected) ? years : [...years, selected].sort((a, b) => b - a);
}

/** Rapporter (/reports) and its CSV download (/reports.csv): the same figures, the same query. */
export function reportsRoutes(deps: AdminDeps): Router {
  const router = Router();

  router.get('/reports', async (req, res) => {
    const now = deps.ctx.now();
    const result = await buildReport(deps.ctx, parseReportQuery(req, now));
    sendPage(res, reportsPage(frameOf(res), { ...result, years: yearChoices(osloYear(now), result.query.year) }));
  });

  router.get('/reports.csv', async (req, res) => {
    const query = parseReportQuery(req, deps.ctx.now());
    const { report, units } = await exportReport(deps.ctx, coordinatorOf(res), query);
    const name = `svarja-rapport-${query.year}${query.unitId ? `-enhet-${query.unitId}` : ''}.csv`;
    res.status(200).type('text/csv; charset=utf-8').attachment(name).send(reportCsv(report, units, !query.unitId));
  });

  return router;
}
