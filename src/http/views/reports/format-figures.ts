import { NO_UNIT, type Figures, type MonthKey } from '../../../domain/reports';
import type { Unit } from '../../../db/coordinator.repo';

/** How the report's figures read in Norwegian, on the page and in the CSV. */

const MONTH_NAMES = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
const MONTH_SHORT = ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'];

function monthIndex(month: MonthKey): number {
  return Number(month.slice(5, 7)) - 1;
}

export function monthName(month: MonthKey): string {
  return MONTH_NAMES[monthIndex(month)] ?? month;
}

export function monthShort(month: MonthKey): string {
  return MONTH_SHORT[monthIndex(month)] ?? month;
}

export function unitName(units: readonly Unit[], unitKey: string): string {
  if (unitKey === NO_UNIT) return 'Uten enhet';
  return units.find((u) => u.id === unitKey)?.name ?? `Enhet ${unitKey}`;
}

const oneDecimal = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1, useGrouping: false });
const wholeNumber = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });

/** '12,5' (decimal comma, as Norwegian Excel reads it). */
export function formatDecimal(n: number): string {
  return oneDecimal.format(n);
}

export function formatCount(n: number): string {
  return wholeNumber.format(n);
}

/** '75 %', or '–' when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  return rate === null ? '–' : `${wholeNumber.format(rate * 100)} %`;
}

/** '35 min', '2 t 5 min', '3 d 4 t', or '–' when no task was filled after a dispatch. */
export function formatFillTime(minutes: number | null): string {
  if (minutes === null) return '–';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return m % 60 === 0 ? `${Math.floor(m / 60)} t` : `${Math.floor(m / 60)} t ${m % 60} min`;
  const hours = Math.floor(m / 60);
  return hours % 24 === 0 ? `${Math.floor(hours / 24)} d` : `${Math.floor(hours / 24)} d ${hours % 24} t`;
}

export function volunteerHours(f: Figures): number {
  return f.volunteerMinutes / 60;
}

/** The columns of every figures table and of the CSV, in order, with how each value reads on the page. */
export const FIGURE_COLUMNS: { header: string; csvHeader: string; page: (f: Figures) => string; csv: (f: Figures) => string }[] = [
  { header: 'Oppdrag', csvHeader: 'Oppdrag', page: (f) => formatCount(f.created), csv: (f) => String(f.created) },
  { header: 'Besatt', csvHeader: 'Besatt', page: (f) => formatCount(f.filled), csv: (f) => String(f.filled) },
  { header: 'Ikke besatt', csvHeader: 'Ikke besatt', page: (f) => formatCount(f.unfilled), csv: (f) => String(f.unfilled) },
  { header: 'Avlyst', csvHeader: 'Avlyst', page: (f) => formatCount(f.cancelled), csv: (f) => String(f.cancelled) },
  { header: 'Besettelsesgrad', csvHeader: 'Besettelsesgrad (%)', page: (f) => formatRate(f.fillRate), csv: (f) => (f.fillRate === null ? '' : formatDecimal(f.fillRate * 100)) },
  { header: 'Median tid til besatt', csvHeader: 'Median tid til besatt (minutter)', page: (f) => formatFillTime(f.medianMinutesToFill), csv: (f) => (f.medianMinutesToFill === null ? '' : String(Math.round(f.medianMinutesToFill))) },
  { header: 'Frivillige timer', csvHeader: 'Frivillige timer', page: (f) => formatDecimal(volunteerHours(f)), csv: (f) => formatDecimal(volunteerHours(f)) },
  { header: 'Aktive frivillige', csvHeader: 'Aktive frivillige', page: (f) => formatCount(f.activeVolunteers), csv: (f) => String(f.activeVolunteers) },
];
