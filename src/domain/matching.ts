import { DateTime } from 'luxon';
import type { TaskType } from './messages';
import { OSLO_ZONE, osloDate } from './oslo-time';
import { compareByName, compareForRank, explainRank, type RankReason } from './ranking';

/**
 * Who may be offered a task (the order among them is ranking.ts). Pure: the caller loads each candidate's facts
 * (counts, live offers, assignments) and this module only judges them, so the task page can show
 * the same verdicts the dispatcher acted on.
 */

export type Requirement = 'confidentiality' | 'police_certificate' | 'training';
/** ISO weekday in Oslo: Monday = 1 … Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** 'HH:MM' Oslo wall clock; '24:00' may end a window at midnight. */
export interface TimeWindow { from: string; to: string }
export interface AvailabilityWindow extends TimeWindow { weekday: Weekday }

/** The order requirements are checked and reported in, whatever order the task lists them. */
export const REQUIREMENTS: readonly Requirement[] = ['confidentiality', 'police_certificate', 'training'];

/**
 * Years a requirement stays valid after the date it was obtained; null never expires. The
 * declaration of confidentiality is signed once and binds for life; the police certificate
 * (politiattest) and the training are renewed, so old ones stop counting. It is expired from the
 * anniversary on: obtained 2023-03-12 with 3 years is valid through 2026-03-11.
 */
export const REQUIREMENT_VALIDITY_YEARS: Readonly<Record<Requirement, number | null>> = {
  confidentiality: null,
  police_certificate: 3,
  training: 2,
};

export interface MatchTask {
  id: string;
  type: TaskType;
  startsAt: Date;
  durationMinutes: number;
  area: string;
  requirements: Requirement[];
}

/** One volunteer's facts as they stand for this task. Dates are 'YYYY-MM-DD' in Oslo. */
export interface Candidate {
  id: string; // numeric string
  name: string;
  optedOut: boolean;
  /** Taken out of the pool by a coordinator (kept for history); absent means active. */
  deactivated?: boolean;
  /** Paused through this date inclusive; null when not paused. */
  pausedUntil: string | null;
  taskTypes: TaskType[];
  /** Empty means anywhere. */
  areas: string[];
  /** The dates each was obtained; null when never. */
  confidentialitySignedOn: string | null;
  policeCertificateOn: string | null;
  trainingOn: string | null;
  /** Empty means any time. */
  availability: AvailabilityWindow[];
  /** Inclusive date ranges. */
  absences: { from: string; to: string }[];
  /** Null means no limit of their own. */
  maxTasksPerWeek: number | null;
  /** Active assignments in the task's ISO week (Oslo). */
  assignmentsThisWeek: number;
  assignments: { taskId: string; startsAt: Date; endsAt: Date }[];
  /** An offer for any task still waiting for their answer. */
  hasOpenOffer: boolean;
  alreadyOfferedThisTask: boolean;
  helpedThisPersonBefore: boolean;
  recentOffers: number;
  recentAssignments: number;
  answeredOffers: number;
  totalOffers: number;
}

/** Why a candidate may not be offered the task, reported in the order of the union. */
export type Exclusion =
  | { code: 'deactivated' }
  | { code: 'opted_out' }
  | { code: 'paused'; until: string }
  | { code: 'wrong_task_type'; taskType: TaskType }
  | { code: 'missing_requirement'; requirement: Requirement }
  | { code: 'expired_requirement'; requirement: Requirement; expiredOn: string }
  | { code: 'outside_area'; area: string }
  | { code: 'not_available_weekday'; weekday: Weekday }
  | { code: 'outside_hours'; weekday: Weekday; windows: TimeWindow[] }
  | { code: 'absent'; until: string }
  | { code: 'weekly_limit_reached'; limit: number; week: number }
  | { code: 'overlapping_assignment'; taskIds: string[] }
  | { code: 'open_offer' }
  | { code: 'already_offered' };

export interface Consideration {
  volunteerId: string;
  name: string;
  eligible: boolean;
  exclusions: Exclusion[];
  /** 1-based position among the eligible; absent when excluded. */
  rank?: number;
  /** Empty when excluded. */
  rankReasons: RankReason[];
}

interface TaskTime { start: DateTime; end: DateTime; date: string }

/** Every candidate: the eligible first in rank order, then the excluded by name and id. */
export function considerVolunteers(task: MatchTask, candidates: Candidate[]): Consideration[] {
  const time = taskTime(task);
  const judged = candidates.map((c) => ({ candidate: c, exclusions: findExclusions(task, time, c) }));
  const eligible = judged.filter((j) => j.exclusions.length === 0).map((j) => j.candidate).sort(compareForRank);
  const excluded = judged.filter((j) => j.exclusions.length > 0).sort((a, b) => compareByName(a.candidate, b.candidate));
  return [
    ...eligible.map((c, i): Consideration => ({
      volunteerId: c.id, name: c.name, eligible: true, exclusions: [], rank: i + 1, rankReasons: explainRank(c),
    })),
    ...excluded.map(({ candidate: c, exclusions }): Consideration => ({
      volunteerId: c.id, name: c.name, eligible: false, exclusions, rankReasons: [],
    })),
  ];
}

/** The ids of the best `n` eligible candidates, best first. */
export function pickNextWave(considerations: readonly Consideration[], n: number): string[] {
  return considerations
    .filter((c) => c.eligible && c.rank !== undefined)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .slice(0, Math.max(0, n))
    .map((c) => c.volunteerId);
}

/** Every rule the candidate fails, in a fixed order; empty means eligible. */
function findExclusions(task: MatchTask, time: TaskTime, c: Candidate): Exclusion[] {
  return [
    ...checkReachable(time, c),
    ...(c.taskTypes.includes(task.type) ? [] : [{ code: 'wrong_task_type', taskType: task.type } as const]),
    ...checkRequirements(task.requirements, time.date, c),
    ...(coversArea(c.areas, task.area) ? [] : [{ code: 'outside_area', area: task.area } as const]),
    ...checkAvailability(time, c),
    ...checkWorkload(task, time, c),
  ];
}

function taskTime(task: MatchTask): TaskTime {
  const start = DateTime.fromJSDate(task.startsAt, { zone: OSLO_ZONE });
  return { start, end: start.plus({ minutes: task.durationMinutes }), date: osloDate(task.startsAt) };
}

function checkReachable(time: TaskTime, c: Candidate): Exclusion[] {
  const found: Exclusion[] = [];
  if (c.deactivated === true) found.push({ code: 'deactivated' });
  if (c.optedOut) found.push({ code: 'opted_out' });
  if (c.pausedUntil !== null && c.pausedUntil >= time.date) found.push({ code: 'paused', until: c.pausedUntil });
  return found;
}

function checkRequirements(required: readonly Requirement[], date: string, c: Candidate): Exclusion[] {
  const obtained: Record<Requirement, string | null> = {
    confidentiality: c.confidentialitySignedOn,
    police_certificate: c.policeCertificateOn,
    training: c.trainingOn,
  };
  return REQUIREMENTS.filter((r) => required.includes(r)).flatMap((requirement): Exclusion[] => {
    const on = obtained[requirement];
    // One obtained after the task's day was not held on that day.
    if (on === null || on > date) return [{ code: 'missing_requirement', requirement }];
    const expiredOn = findExpiry(requirement, on);
    return expiredOn !== undefined && expiredOn <= date ? [{ code: 'expired_requirement', requirement, expiredOn }] : [];
  });
}

/** The first day the requirement no longer counts; undefined when it never expires. */
export function findExpiry(requirement: Requirement, obtainedOn: string): string | undefined {
  const years = REQUIREMENT_VALIDITY_YEARS[requirement];
  return years === null ? undefined : DateTime.fromISO(obtainedOn).plus({ years }).toISODate()!;
}

/** Areas are typed by hand on forms and in CSVs, so case, spacing and composed letters vary. */
export function normalizeArea(area: string): string {
  return area.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function coversArea(areas: readonly string[], area: string): boolean {
  return areas.length === 0 || areas.some((a) => normalizeArea(a) === normalizeArea(area));
}

function checkAvailability(time: TaskTime, c: Candidate): Exclusion[] {
  const found: Exclusion[] = [];
  const hours = checkWeeklyHours(time, c.availability);
  if (hours) found.push(hours);
  const until = findAbsenceEnd(c.absences, time.date);
  if (until !== undefined) found.push({ code: 'absent', until });
  return found;
}

/** Oslo wall clock, not elapsed time: on DST days a window still means what the clock says. */
function checkWeeklyHours(time: TaskTime, availability: readonly AvailabilityWindow[]): Exclusion | undefined {
  if (availability.length === 0) return undefined;
  const weekday = time.start.weekday as Weekday;
  const windows = availability.filter((w) => w.weekday === weekday).map(({ from, to }) => ({ from, to }));
  if (windows.length === 0) return { code: 'not_available_weekday', weekday };
  const from = minutesOfDay(time.start);
  const to = minutesOfDay(time.end) + 1440 * daysBetween(time.start, time.end);
  if (windows.some((w) => parseClock(w.from) <= from && to <= parseClock(w.to))) return undefined;
  return { code: 'outside_hours', weekday, windows: windows.sort((a, b) => parseClock(a.from) - parseClock(b.from)) };
}

/** Calendar days from one Oslo date to another: a task past midnight ends after 24:00 of its start day. */
function daysBetween(start: DateTime, end: DateTime): number {
  return Math.round(end.startOf('day').diff(start.startOf('day'), 'days').days);
}

function minutesOfDay(at: DateTime): number {
  return at.hour * 60 + at.minute;
}

function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The last day of the absence covering `date`, following back-to-back absences (1–3 Jan then
 * 4–10 Jan is away until 10 Jan), so the coordinator sees when the volunteer is really back.
 */
function findAbsenceEnd(absences: readonly { from: string; to: string }[], date: string): string | undefined {
  let until: string | undefined;
  let day = date;
  for (;;) {
    const ends = absences.filter((a) => a.from <= day && day <= a.to).map((a) => a.to);
    const latest = ends.sort().at(-1);
    if (latest === undefined || (until !== undefined && latest <= until)) return until;
    until = latest;
    day = DateTime.fromISO(latest).plus({ days: 1 }).toISODate()!;
  }
}

function checkWorkload(task: MatchTask, time: TaskTime, c: Candidate): Exclusion[] {
  const found: Exclusion[] = [];
  if (c.maxTasksPerWeek !== null && c.assignmentsThisWeek >= c.maxTasksPerWeek) {
    found.push({ code: 'weekly_limit_reached', limit: c.maxTasksPerWeek, week: time.start.weekNumber });
  }
  const taskStart = task.startsAt.getTime();
  const taskEnd = time.end.toMillis();
  // Touching is fine: one task ending at 11:00 and the next starting at 11:00 do not clash.
  const clashes = c.assignments
    .filter((a) => a.startsAt.getTime() < taskEnd && taskStart < a.endsAt.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (clashes.length > 0) found.push({ code: 'overlapping_assignment', taskIds: clashes.map((a) => a.taskId) });
  if (c.hasOpenOffer) found.push({ code: 'open_offer' });
  if (c.alreadyOfferedThisTask) found.push({ code: 'already_offered' });
  return found;
}
