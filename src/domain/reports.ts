import { DateTime } from 'luxon';
import type { TaskStatus } from './dispatch';
import { OSLO } from './messages';

/**
 * The municipality's yearly figures, per month and unit. Pure: the repository hands in one fact
 * per task and the clock; everything counted, divided or bucketed happens here.
 *
 * A task belongs to the month it takes place (its start, in Oslo time): that is when the help was
 * given, so hours and active volunteers land in the right month even for tasks created earlier.
 */
export interface TaskFact {
  unitId: string | null;
  startsAt: Date;
  status: TaskStatus;
  dispatchedAt: Date | null;
  assignedAt: Date | null;
  durationMinutes: number;
  /** The volunteer holding the task (set only while it is assigned). */
  volunteerId: string | null;
}

export interface Figures {
  /** Every task of the month, whatever became of it. */
  created: number;
  /** Assigned to a volunteer and not cancelled. */
  filled: number;
  /** Dispatch ran out of volunteers, or the start passed with nobody assigned. */
  unfilled: number;
  cancelled: number;
  /** filled / (filled + unfilled), 0..1; null when no task of the month was decided yet. */
  fillRate: number | null;
  /** Median minutes from dispatch to assignment of the filled tasks that were dispatched; null when none. */
  medianMinutesToFill: number | null;
  /** Sum of the durations of the filled tasks. */
  volunteerMinutes: number;
  /** Distinct volunteers holding a filled task (never summed across units: one person counts once). */
  activeVolunteers: number;
}

/** 'YYYY-MM' in Oslo time. */
export type MonthKey = string;

/** The unit key of tasks without a unit (tasks created through the API before units existed). */
export const NO_UNIT = 'none';

export interface MonthFigures { month: MonthKey; total: Figures; byUnit: Record<string, Figures> }

export interface YearReport {
  year: number;
  /** Units in display order: the ones asked for first, then any other unit a task belonged to. */
  unitKeys: string[];
  months: MonthFigures[];
  total: Figures;
  byUnit: Record<string, Figures>;
}

export function unitKeyOf(unitId: string | null): string {
  return unitId ?? NO_UNIT;
}

export function monthKeyOf(at: Date): MonthKey {
  return DateTime.fromJSDate(at, { zone: OSLO }).toFormat('yyyy-MM');
}

export function monthsOfYear(year: number): MonthKey[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The year as UTC instants: [start, end), both at Oslo midnight. */
export function yearBounds(year: number): { start: Date; end: Date } {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: OSLO });
  return { start: start.toJSDate(), end: start.plus({ years: 1 }).toJSDate() };
}

/** The calendar year in Oslo at `now`. */
export function osloYear(now: Date): number {
  return DateTime.fromJSDate(now, { zone: OSLO }).year;
}

/** The middle value; the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function fillRate(filled: number, unfilled: number): number | null {
  const decided = filled + unfilled;
  return decided === 0 ? null : filled / decided;
}

export function isFilled(fact: TaskFact): boolean {
  return fact.status === 'assigned';
}

/** Still open tasks count as unfilled only once their start has passed: until then someone may say yes. */
export function isUnfilled(fact: TaskFact, now: Date): boolean {
  if (fact.status === 'unfilled') return true;
  return (fact.status === 'new' || fact.status === 'searching') && fact.startsAt.getTime() < now.getTime();
}

/** Minutes from dispatch to assignment; undefined for a task assigned without a dispatch (by phone). */
export function minutesToFill(fact: TaskFact): number | undefined {
  if (!fact.dispatchedAt || !fact.assignedAt) return undefined;
  return Math.max(0, (fact.assignedAt.getTime() - fact.dispatchedAt.getTime()) / 60_000);
}

export function summarize(facts: readonly TaskFact[], now: Date): Figures {
  const filled = facts.filter(isFilled);
  const unfilled = facts.filter((f) => isUnfilled(f, now)).length;
  const fillTimes = filled.map(minutesToFill).filter((m): m is number => m !== undefined);
  return {
    created: facts.length,
    filled: filled.length,
    unfilled,
    cancelled: facts.filter((f) => f.status === 'cancelled').length,
    fillRate: fillRate(filled.length, unfilled),
    medianMinutesToFill: median(fillTimes),
    volunteerMinutes: filled.reduce((sum, f) => sum + f.durationMinutes, 0),
    activeVolunteers: new Set(filled.map((f) => f.volunteerId).filter((v) => v !== null)).size,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function summarizeByUnit(facts: readonly TaskFact[], unitKeys: readonly string[], now: Date): Record<string, Figures> {
  const byUnit = groupBy(facts, (f) => unitKeyOf(f.unitId));
  return Object.fromEntries(unitKeys.map((key) => [key, summarize(byUnit.get(key) ?? [], now)]));
}

/**
 * Every month of the year for every unit, plus totals. Facts outside the year are ignored;
 * `unitKeys` lists the units to show even when they had no task.
 */
export function buildYearReport(allFacts: readonly TaskFact[], opts: { year: number; now: Date; unitKeys?: readonly string[] }): YearReport {
  const months = monthsOfYear(opts.year);
  const facts = allFacts.filter((f) => months.includes(monthKeyOf(f.startsAt)));
  const extraUnits = [...new Set(facts.map((f) => unitKeyOf(f.unitId)))].filter((k) => !(opts.unitKeys ?? []).includes(k));
  const unitKeys = [...(opts.unitKeys ?? []), ...extraUnits.sort()];
  const byMonth = groupBy(facts, (f) => monthKeyOf(f.startsAt));
  return {
    year: opts.year,
    unitKeys,
    months: months.map((month) => {
      const monthFacts = byMonth.get(month) ?? [];
      return { month, total: summarize(monthFacts, opts.now), byUnit: summarizeByUnit(monthFacts, unitKeys, opts.now) };
    }),
    total: summarize(facts, opts.now),
    byUnit: summarizeByUnit(facts, unitKeys, opts.now),
  };
}
