/**
 * A year of tasks at the report's scale (about 15 people helped a week): recurring visits and
 * shopping for the same people, escorts to the doctor often at short notice, and odd jobs.
 */
import type { Requirement } from '../../src/domain/matching';
import type { TaskType } from '../../src/domain/messages';
import { fillByDeadline } from '../../src/domain/task-timing';
import { addDays, DAY, isWorkday, MINUTE, nextWorkday, osloInstant, osloParts, weekdayOf } from './calendar';
import type { SimTask } from './model';
import type { Rng } from './random';

interface Person { ref: string; area: string; dementia: boolean }
interface Series { person: Person; type: 'visit' | 'shopping'; weekday: number; hour: number; everyWeeks: 1 | 2; phase: number }
type Draft = Omit<SimTask, 'index' | 'id' | 'week' | 'fillBy' | 'measured'>;

export interface TaskWindow { simFrom: string; measuredFrom: string; measuredTo: string }

const AREA_WEIGHT = [0.3, 0.2, 0.2, 0.15, 0.15];
const PERSONS = 45;
/** Escorts per week (ad hoc), shopping per week on top of the regulars, odd jobs per week. */
const WEEKLY = { escort: 5, shopping: 2, other: 2 };
const SHORT_NOTICE_ESCORTS = 0.4;

export function generateTasks(rng: Rng, areas: readonly string[], window: TaskWindow): SimTask[] {
  const persons = Array.from({ length: PERSONS }, (_, i): Person => ({
    ref: `person-${String(i + 1).padStart(2, '0')}`,
    area: areas[pickIndex(rng, AREA_WEIGHT.slice(0, areas.length))]!,
    dementia: rng.chance(0.25),
  }));
  const series = [
    ...persons.slice(0, 8).map((person, i) => makeSeries(rng, person, 'visit', i < 5 ? 1 : 2)),
    ...persons.slice(8, 13).map((person, i) => makeSeries(rng, person, 'shopping', i < 3 ? 1 : 2)),
  ];
  const from = osloInstant(window.simFrom, 0);
  const to = osloInstant(window.measuredTo, 0) + DAY;
  const measuredFrom = osloInstant(window.measuredFrom, 0);
  const drafts: Draft[] = [];
  // Whole weeks from the Monday on or before the first day, plus two weeks for long leads.
  let monday = addDays(window.simFrom, 1 - weekdayOf(window.simFrom));
  for (let week = 0; osloInstant(monday, 0) < to + 14 * DAY; week++, monday = addDays(monday, 7)) {
    for (const s of series) {
      if ((week + s.phase) % s.everyWeeks !== 0 || rng.chance(0.1)) continue; // 10%: hospital stay, trip, cancelled
      drafts.push(s.type === 'visit' ? visit(rng, s, monday) : regularShopping(rng, s, monday));
    }
    const month = Number(monday.slice(5, 7));
    const escortRate = WEEKLY.escort * (month === 12 && Number(monday.slice(8)) >= 20 ? 0.5 : month === 7 ? 0.8 : 1);
    for (let i = rng.poisson(escortRate); i > 0; i--) drafts.push(escort(rng, rng.pick(persons), monday));
    for (let i = rng.poisson(WEEKLY.shopping); i > 0; i--) drafts.push(adHoc(rng, 'shopping', rng.pick(persons.slice(13)), monday));
    for (let i = rng.poisson(WEEKLY.other); i > 0; i--) drafts.push(adHoc(rng, 'other', rng.pick(persons), monday));
  }
  return drafts
    .filter((d) => d.requestedAt >= from && d.requestedAt < to)
    .sort((a, b) => a.requestedAt - b.requestedAt || a.startsAt - b.startsAt || a.personRef.localeCompare(b.personRef))
    .map((d, index): SimTask => ({
      ...d,
      index,
      id: String(index + 1),
      week: osloParts(d.startsAt).week,
      fillBy: fillByDeadline(new Date(d.startsAt)).getTime(),
      measured: d.requestedAt >= measuredFrom,
    }));
}

function pickIndex(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

function makeSeries(rng: Rng, person: Person, type: 'visit' | 'shopping', everyWeeks: 1 | 2): Series {
  const weekday = type === 'visit' ? rng.int(1, 7) : rng.int(1, 6);
  return { person, type, weekday, hour: type === 'visit' ? rng.int(11, 18) : rng.int(10, 16), everyWeeks, phase: rng.int(0, 1) };
}

/** A time the coordinator enters a task on `date`: office hours on a workday, sometimes the evening. */
function entryTime(rng: Rng, date: string): number {
  const day = isWorkday(date) ? date : previousWorkday(date);
  return rng.chance(0.85) ? osloInstant(day, 8) + rng.uniform(0, 8 * 60) * MINUTE : osloInstant(day, 16) + rng.uniform(0, 6 * 60) * MINUTE;
}

function previousWorkday(date: string): string {
  let d = addDays(date, -1);
  while (!isWorkday(d)) d = addDays(d, -1);
  return d;
}

function visit(rng: Rng, s: Series, monday: string): Draft {
  const date = addDays(monday, s.weekday - 1);
  const startsAt = osloInstant(date, s.hour, rng.pick([0, 30]));
  const requirements: Requirement[] = s.person.dementia ? ['confidentiality', 'police_certificate'] : ['confidentiality'];
  return { type: 'visit', personRef: s.person.ref, area: s.person.area, requestedAt: entryTime(rng, addDays(date, -7)), startsAt, durationMinutes: rng.pick([60, 90]), requirements };
}

function regularShopping(rng: Rng, s: Series, monday: string): Draft {
  const date = addDays(monday, s.weekday - 1);
  const startsAt = osloInstant(date, s.hour, rng.pick([0, 30]));
  return { type: 'shopping', personRef: s.person.ref, area: s.person.area, requestedAt: entryTime(rng, addDays(date, -rng.int(2, 5))), startsAt, durationMinutes: rng.pick([60, 90, 120]), requirements: [] };
}

function adHoc(rng: Rng, type: TaskType, person: Person, monday: string): Draft {
  let date = addDays(monday, rng.int(0, 5)); // Monday to Saturday
  if (!isWorkday(date) && weekdayOf(date) !== 6) date = nextWorkday(date);
  const startsAt = osloInstant(date, rng.int(type === 'shopping' ? 10 : 9, 17), rng.pick([0, 30]));
  const lead = type === 'shopping' ? rng.int(2, 5) : rng.int(1, 7);
  const durationMinutes = type === 'shopping' ? rng.pick([60, 90, 120]) : rng.pick([60, 120, 180]);
  return { type, personRef: person.ref, area: person.area, requestedAt: entryTime(rng, addDays(date, -lead)), startsAt, durationMinutes, requirements: [] };
}

/**
 * To the doctor on a workday between 08:00 and 15:00. 40% are asked for less than 24 hours ahead:
 * the same morning (07:30 onwards, at least 3 hours before) or the day before, into the evening.
 */
function escort(rng: Rng, person: Person, monday: string): Draft {
  const date = nextWorkday(addDays(monday, rng.int(0, 4)));
  const startsAt = osloInstant(date, rng.int(8, 14), rng.pick([0, 15, 30, 45]));
  const requirements: Requirement[] = rng.chance(0.2) ? ['training'] : []; // wheelchair escorts need the course
  const draft = { type: 'escort' as const, personRef: person.ref, area: person.area, startsAt, durationMinutes: rng.pick([120, 180, 240]), requirements };
  if (!rng.chance(SHORT_NOTICE_ESCORTS)) return { ...draft, requestedAt: entryTime(rng, addDays(date, -rng.int(2, 10))) };
  const sameDayFrom = osloInstant(date, 7, 30);
  const sameDayTo = startsAt - 3 * 60 * MINUTE;
  if (sameDayTo > sameDayFrom && rng.chance(0.35)) return { ...draft, requestedAt: rng.uniform(sameDayFrom, sameDayTo) };
  // The day before, no earlier than 24 h ahead and no later than 22:30.
  const eveBefore = osloInstant(addDays(date, -1), 22, 30);
  const earliest = Math.max(osloInstant(addDays(date, -1), 8), startsAt - 24 * 60 * MINUTE);
  return { ...draft, requestedAt: rng.uniform(earliest, eveBefore) };
}
