/** The synthetic municipality: who volunteers, what is asked of them, and the run's options. */
import type { AvailabilityWindow, Requirement } from '../../src/domain/matching';
import type { TaskType } from '../../src/domain/messages';

export type Profile = 'pensioner' | 'worker' | 'student';

export const TASK_TYPES: readonly TaskType[] = ['shopping', 'escort', 'visit', 'other'];

/** Holiday or travel. Registered ones are in the volunteer's record; the rest show only in the answers. */
export interface Absence { from: string; to: string; registered: boolean }

export interface SimVolunteer {
  index: number;
  id: string;
  name: string;
  profile: Profile;
  joinedAt: number;
  optedOutAt: number | null;
  /** Set by SMS on `from`, so unknown to the dispatcher before that day. */
  pause: { from: string; to: string } | null;
  taskTypes: TaskType[];
  areas: string[];
  confidentialitySignedOn: string | null;
  policeCertificateOn: string | null;
  trainingOn: string | null;
  availability: AvailabilityWindow[];
  absences: Absence[];
  maxTasksPerWeek: number | null;
  /** Chance to answer an offer at all (before fatigue and absences). */
  answerProbability: number;
  /** Mean hours to notice an SMS while fully attentive. */
  readHours: number;
  /** Base chance of JA once answering. */
  yesProbability: number;
  typeLiking: Record<TaskType, number>;
  /**
   * Reachable by phone call only (issue 15): a landline, or someone who never reads SMS. Without the
   * voice channel nobody can offer them anything (an SMS to a landline fails at once).
   */
  callOnly: boolean;
}

export interface SimTask {
  index: number;
  id: string;
  type: TaskType;
  /** The person helped; recurring visits and shopping reuse it. */
  personRef: string;
  area: string;
  requestedAt: number;
  startsAt: number;
  durationMinutes: number;
  requirements: Requirement[];
  /** Oslo ISO week of the start. */
  week: string;
  fillBy: number;
  /** False for warm-up tasks: simulated, not counted. */
  measured: boolean;
}

export interface SimulationOptions {
  seed: number;
  volunteers: number;
  /** First measured Oslo date. */
  start: string;
  /** Measured days from `start`. */
  days: number;
  /** Simulated before `start` so rankings and "helped before" have history; not counted. */
  warmupDays: number;
  /** Share of pensioners who can only be reached by a call (landline, never read SMS). */
  callOnlyShare: number;
}

export const DEFAULT_OPTIONS: SimulationOptions = { seed: 42, volunteers: 120, start: '2025-01-01', days: 365, warmupDays: 42, callOnlyShare: 0.3 };

export interface Scenario {
  options: SimulationOptions;
  areas: string[];
  volunteers: SimVolunteer[];
  tasks: SimTask[];
  /** Oslo dates, `to` inclusive. */
  measured: { from: string; to: string };
}
