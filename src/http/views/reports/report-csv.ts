import { stringify } from 'csv-stringify/sync';
import type { Figures, YearReport } from '../../../domain/reports';
import type { Unit } from '../../../db/coordinator.repo';
import { FIGURE_COLUMNS, monthName, unitName } from './format-figures';

const ALL_UNITS = 'Alle enheter';
const WHOLE_YEAR = 'Hele året';

/** Excel runs a cell starting with = + - @ as a formula; a leading apostrophe keeps it text. */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function line(year: number, period: string, unit: string, f: Figures): string[] {
  return [String(year), period, safeText(unit), ...FIGURE_COLUMNS.map((c) => c.csv(f))];
}

/**
 * The report as Norwegian Excel opens it: semicolons, decimal commas, UTF-8 with a BOM (without it
 * Excel reads Æ, Ø and Å wrong). One line per month and unit, then each month for all units (when
 * every unit is shown), then the whole year.
 */
export function reportCsv(report: YearReport, units: readonly Unit[], allUnits: boolean): string {
  const rows: string[][] = [['År', 'Måned', 'Enhet', ...FIGURE_COLUMNS.map((c) => c.csvHeader)]];
  for (const m of report.months) {
    for (const k of report.unitKeys) rows.push(line(report.year, monthName(m.month), unitName(units, k), m.byUnit[k]!));
    if (allUnits) rows.push(line(report.year, monthName(m.month), ALL_UNITS, m.total));
  }
  for (const k of report.unitKeys) rows.push(line(report.year, WHOLE_YEAR, unitName(units, k), report.byUnit[k]!));
  if (allUnits) rows.push(line(report.year, WHOLE_YEAR, ALL_UNITS, report.total));
  return stringify(rows, { delimiter: ';', bom: true, record_delimiter: 'windows' });
}
