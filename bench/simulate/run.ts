/** Builds the synthetic municipality from a seed and runs every policy over the same tasks and people. */
import type { TaskType } from '../../src/domain/messages';
import { DEFAULT_QUIET_HOURS, parseQuietHours, type QuietHours } from '../../src/domain/quiet-hours';
import { addDays, DAY } from './calendar';
import { summarize, type PolicyResult } from './metrics';
import { DEFAULT_OPTIONS, TASK_TYPES, type Scenario, type SimulationOptions } from './model';
import { broadcastPolicy, oneAtATimePolicy, svarjaPolicy } from './policies';
import { generateVolunteers, markCallOnly } from './population';
import { hashInts, Rng } from './random';
import { generateTasks } from './tasks';
import { World, type Policy } from './world';

export const AREAS = ['Sentrum', 'Fjellhamar', 'Rasta', 'Solheim', 'Finstad'];

export interface SimulationParameters {
  seed: number;
  volunteers: number;
  areas: string[];
  measuredFrom: string;
  measuredTo: string;
  warmupFrom: string;
  tasks: number;
  warmupTasks: number;
  tasksPerWeek: number;
  taskMix: Record<TaskType, number>;
  /** Of measured escorts, the share requested less than 24 h before the start. */
  shortNoticeEscortShare: number;
  /** Volunteers reachable by call only, and the share of pensioners that is. */
  callOnlyVolunteers: number;
  callOnlyShare: number;
}

export interface SimulationResult {
  parameters: SimulationParameters;
  /** Svarja, Svarja without quiet hours (reference), broadcast, one at a time. */
  policies: PolicyResult[];
  /** Measured tasks Svarja left unfilled that the no-quiet-hours run filled, and the other way round. */
  quietCounterfactual: { missed: number; reverse: number };
  /**
   * The voice channel (issue 15), same seed, same tasks and people: Svarja by SMS only (call-only
   * volunteers cannot be reached; the first row of `policies`) and Svarja with offer calls for them.
   */
  voice: { smsOnly: PolicyResult; withCalls: PolicyResult; onlyWithCalls: number; onlyWithout: number };
}

export function buildScenario(options: SimulationOptions): Scenario {
  const warmupFrom = addDays(options.start, -options.warmupDays);
  const measuredTo = addDays(options.start, options.days - 1);
  const generated = generateVolunteers(new Rng(hashInts(options.seed, 1)), options.volunteers, AREAS, { from: warmupFrom, to: measuredTo });
  const volunteers = markCallOnly(new Rng(hashInts(options.seed, 3)), generated, options.callOnlyShare);
  const tasks = generateTasks(new Rng(hashInts(options.seed, 2)), AREAS, { simFrom: warmupFrom, measuredFrom: options.start, measuredTo });
  return { options, areas: AREAS, volunteers, tasks, measured: { from: options.start, to: measuredTo } };
}

function quiet(spec: string): QuietHours {
  const parsed = parseQuietHours(spec);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

export function runSimulation(overrides: Partial<SimulationOptions> = {}): SimulationResult {
  const options = { ...DEFAULT_OPTIONS, ...overrides };
  const scenario = buildScenario(options);
  const off = quiet('off');
  const policies: Policy[] = [
    svarjaPolicy('Svarja', quiet(DEFAULT_QUIET_HOURS)),
    svarjaPolicy('Svarja, no quiet hours (ref.)', off),
    broadcastPolicy('Broadcast', off),
    oneAtATimePolicy('One at a time', off, options.seed),
  ];
  const simulate = (p: Policy) => {
    const world = new World(scenario, p);
    world.run();
    return summarize(world);
  };
  const results = policies.map(simulate);
  const withCalls = simulate(svarjaPolicy('Svarja + offer calls', quiet(DEFAULT_QUIET_HOURS), { voice: true }));
  const [svarja, noQuiet] = results as [PolicyResult, PolicyResult];
  return {
    parameters: describe(scenario),
    policies: results,
    quietCounterfactual: { missed: filledOnlyBy(noQuiet, svarja), reverse: filledOnlyBy(svarja, noQuiet) },
    voice: { smsOnly: svarja, withCalls, onlyWithCalls: filledOnlyBy(withCalls, svarja), onlyWithout: filledOnlyBy(svarja, withCalls) },
  };
}

/** Measured tasks `a` filled and `b` did not. */
function filledOnlyBy(a: PolicyResult, b: PolicyResult): number {
  const filled = new Set(b.filledTaskIds);
  return a.filledTaskIds.filter((id) => !filled.has(id)).length;
}

function describe(s: Scenario): SimulationParameters {
  const measured = s.tasks.filter((t) => t.measured);
  const escorts = measured.filter((t) => t.type === 'escort');
  const mix = Object.fromEntries(TASK_TYPES.map((type) => [type, measured.filter((t) => t.type === type).length])) as Record<TaskType, number>;
  return {
    seed: s.options.seed,
    volunteers: s.volunteers.length,
    areas: s.areas,
    measuredFrom: s.measured.from,
    measuredTo: s.measured.to,
    warmupFrom: addDays(s.options.start, -s.options.warmupDays),
    tasks: measured.length,
    warmupTasks: s.tasks.length - measured.length,
    tasksPerWeek: (measured.length * 7) / s.options.days,
    taskMix: mix,
    shortNoticeEscortShare: escorts.length === 0 ? Number.NaN : escorts.filter((t) => t.startsAt - t.requestedAt < DAY).length / escorts.length,
    callOnlyVolunteers: s.volunteers.filter((v) => v.callOnly).length,
    callOnlyShare: s.options.callOnlyShare,
  };
}
