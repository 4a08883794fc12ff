/** About 120 volunteers: pensioners, workers and students with their own habits, holidays and pauses. */
import type { AvailabilityWindow, Weekday } from '../../src/domain/matching';
import type { TaskType } from '../../src/domain/messages';
import { addDays, DAY, easterSunday, osloInstant } from './calendar';
import { TASK_TYPES, type Absence, type Profile, type SimVolunteer } from './model';
import type { Rng } from './random';

const FIRST = ['Kari', 'Ola', 'Ingrid', 'Per', 'Solveig', 'Arne', 'Liv', 'Bjørn', 'Astrid', 'Knut', 'Randi', 'Terje', 'Åse', 'Øystein', 'Marit', 'Jon'];
const LAST = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Berg', 'Haugen', 'Dahl', 'Lie', 'Bakken', 'Strand', 'Ødegård'];

// The simulated year has no walks or practical tasks (bench/simulate/model.ts TASK_TYPES), so they get no share.
const TYPE_SHARE: Record<Profile, Record<TaskType, number>> = {
  pensioner: { shopping: 0.75, escort: 0.55, visit: 0.6, walk: 0, practical: 0, other: 0.35 },
  worker: { shopping: 0.6, escort: 0.3, visit: 0.45, walk: 0, practical: 0, other: 0.5 },
  student: { shopping: 0.7, escort: 0.25, visit: 0.4, walk: 0, practical: 0, other: 0.5 },
};

const READ_HOURS: Record<Profile, number> = { pensioner: 0.3, worker: 0.8, student: 0.4 };

export interface PopulationWindow {
  /** Oslo dates: the first simulated day and the last measured day. */
  from: string;
  to: string;
}

export function generateVolunteers(rng: Rng, count: number, areas: readonly string[], window: PopulationWindow): SimVolunteer[] {
  const startMs = osloInstant(window.from, 0);
  const endMs = osloInstant(window.to, 0) + DAY;
  const years = yearsBetween(window.from, window.to);
  return Array.from({ length: count }, (_, index): SimVolunteer => {
    const profile = rng.weighted<Profile>({ pensioner: 0.5, worker: 0.35, student: 0.15 });
    const joinedAt = rng.chance(0.12) ? rng.uniform(startMs, endMs - 30 * DAY) : startMs - DAY;
    const pauseFrom = addDays(window.from, rng.int(0, days(window) - 1));
    return {
      index,
      id: String(index + 1),
      name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
      profile,
      joinedAt,
      optedOutAt: rng.chance(0.06) ? rng.uniform(startMs + 60 * DAY, endMs) : null,
      pause: rng.chance(0.15) ? { from: pauseFrom, to: addDays(pauseFrom, rng.int(14, 56)) } : null,
      taskTypes: pickTaskTypes(rng, profile),
      areas: pickAreas(rng, areas),
      confidentialitySignedOn: rng.chance(0.85) ? addDays(window.from, -rng.int(30, 1500)) : null,
      policeCertificateOn: rng.chance(0.45) ? addDays(window.from, -rng.int(30, 900)) : null,
      trainingOn: rng.chance(0.55) ? addDays(window.from, -rng.int(0, 500)) : null,
      availability: pickAvailability(rng, profile),
      absences: years.flatMap((y) => holidayAbsences(rng, profile, y)),
      maxTasksPerWeek: rng.chance(0.35) ? rng.int(1, 2) : null,
      answerProbability: rng.chance(0.12) ? rng.uniform(0.1, 0.3) : rng.uniform(0.65, 0.97),
      readHours: READ_HOURS[profile] * rng.logNormal(0.5),
      yesProbability: rng.uniform(0.3, 0.75),
      typeLiking: { shopping: rng.uniform(0.6, 1.2), escort: rng.uniform(0.6, 1.2), visit: rng.uniform(0.6, 1.2), other: rng.uniform(0.6, 1.2), walk: 1, practical: 1 },
      callOnly: false,
    };
  });
}

/**
 * Marks `share` of the pensioners as reachable by call only (a landline; they never answer SMS).
 * Its own random stream, one draw per volunteer, so everything else about the population stays
 * the same whatever the share.
 */
export function markCallOnly(rng: Rng, volunteers: SimVolunteer[], share: number): SimVolunteer[] {
  return volunteers.map((v) => {
    const draw = rng.next();
    return { ...v, callOnly: v.profile === 'pensioner' && draw < share };
  });
}

function days(window: PopulationWindow): number {
  return Math.round((osloInstant(window.to, 12) - osloInstant(window.from, 12)) / DAY) + 1;
}

function yearsBetween(from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(y);
  return out;
}

function pickTaskTypes(rng: Rng, profile: Profile): TaskType[] {
  const types = TASK_TYPES.filter((t) => rng.chance(TYPE_SHARE[profile][t]));
  return types.length > 0 ? types : [rng.pick(TASK_TYPES)];
}

/** 10% go anywhere (no areas); the rest cover one to three neighbouring areas. */
function pickAreas(rng: Rng, areas: readonly string[]): string[] {
  if (rng.chance(0.1)) return [];
  const n = rng.weighted({ '1': 0.45, '2': 0.35, '3': 0.2 });
  const home = rng.int(0, areas.length - 1);
  return Array.from({ length: Number(n) }, (_, i) => areas[(home + i) % areas.length]!);
}

function pickAvailability(rng: Rng, profile: Profile): AvailabilityWindow[] {
  const weekdays: Weekday[] = [1, 2, 3, 4, 5];
  if (profile === 'worker' && rng.chance(0.4)) {
    return [...weekdays.map((weekday) => ({ weekday, from: '16:00', to: '21:00' })), { weekday: 6, from: '10:00', to: '17:00' }];
  }
  if (profile === 'student' && rng.chance(0.3)) {
    return [...weekdays.map((weekday) => ({ weekday, from: '14:00', to: '22:00' })), { weekday: 7, from: '12:00', to: '20:00' }];
  }
  if (profile === 'pensioner' && rng.chance(0.2)) {
    const chosen = rng.shuffle(weekdays).slice(0, rng.int(2, 4)).sort((a, b) => a - b);
    return chosen.map((weekday) => ({ weekday, from: '09:00', to: '15:00' }));
  }
  return [];
}

/** Christmas/New Year, Easter, summer (mostly July) and school breaks; half are registered. */
function holidayAbsences(rng: Rng, profile: Profile, year: number): Absence[] {
  const found: { from: string; to: string }[] = [];
  const span = (from: string, length: number) => found.push({ from, to: addDays(from, length - 1) });
  if (rng.chance(0.35)) span(addDays(`${year}-12-20`, rng.int(0, 4)), rng.int(5, 12));
  const easter = easterSunday(year);
  if (rng.chance(0.3)) span(addDays(easter, -8 + rng.int(0, 3)), rng.int(6, 10));
  if (rng.chance(profile === 'student' ? 0.6 : 0.75)) span(addDays(`${year}-06-20`, rng.int(0, 35)), rng.int(14, 28));
  if (profile === 'worker' && rng.chance(0.25)) span(addDays(`${year}-02-17`, rng.int(0, 7)), 7);
  if (rng.chance(0.1)) span(addDays(`${year}-09-29`, rng.int(0, 7)), 7);
  return found.map((a) => ({ ...a, registered: rng.chance(0.5) }));
}
