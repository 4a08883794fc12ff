import { sql } from 'kysely';
import type { Tx } from '../../src/db/database';
import { loadCandidates, toMatchTask } from '../../src/db/matching.repo';
import { insertTask, readClaimedForFill, type Task } from '../../src/db/task.repo';
import { considerVolunteers, pickNextWave, type Requirement } from '../../src/domain/matching';
import type { TaskType } from '../../src/domain/messages';
import { Effects } from '../../src/services/effects';
import { fillClaimedTasksInTx, fillTaskInTx } from '../../src/services/fill-task';
import { seededRandom } from '../support/fuzz-corpus';
import { startHarness, type Harness } from '../support/harness';

/**
 * The property behind filling a batch together (src/services/offer-together.ts): on random pools
 * and random batches, one batch gives every task exactly the volunteers the domain alone would
 * pick filling the tasks one after another (soonest start first, each seeing the offers before
 * it), and the same as the tasks filled one at a time. Seeded, so a failure replays.
 */
jest.setTimeout(180_000);

const DAY = 86_400_000;
const TYPES: TaskType[] = ['shopping', 'escort', 'visit'];
const AREAS = ['Lørenskog sentrum', 'Rælingen', 'Fjellhamar'];
/** Tasks start at noon Oslo time (11:00 UTC in winter), inside the 08–20 availability windows. */
const NOON_UTC_HOUR = 11;
const PAPERS: Requirement[] = ['confidentiality', 'police_certificate', 'training'];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

type Random = ReturnType<typeof seededRandom>;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Random, p: number) => r() < p;
const dateOnly = (at: Date) => at.toISOString().slice(0, 10);

function atNoon(day: Date): Date {
  const at = new Date(day);
  at.setUTCHours(NOON_UTC_HOUR, 0, 0, 0);
  return at;
}

interface Scenario { tasks: Task[]; now: Date }

async function seed(r: Random): Promise<Scenario> {
  const db = h.deps.db;
  await sql`TRUNCATE volunteer, task, offer, assignment, message RESTART IDENTITY CASCADE`.execute(db);
  const now = new Date();
  const past: Task[] = [];
  for (let i = 0; i < 6; i++) {
    past.push(await insertTask(db, {
      type: 'visit', startsAt: new Date(now.getTime() - (i + 1) * 11 * DAY), durationMinutes: 60, area: 'x', summary: 's', details: 'd',
      personRef: i % 2 === 0 ? 'Olga H.' : null,
    }));
  }
  // Small pools run out; large ones have pages full of volunteers the domain turns down.
  const poolSize = 10 + Math.floor(r() * 140);
  // Some pools are mostly volunteers who can come on one weekday only: pages of them hold few eligible.
  const oneDayOnly = pick(r, [0.3, 0.9]);
  for (let i = 0; i < poolSize; i++) {
    const v = await db.insertInto('volunteer').values({
      name: `Frivillig ${i}`, phone: `+4741${String(200000 + i)}`,
      opted_out_at: chance(r, 0.05) ? now : null,
      task_types: TYPES.filter(() => chance(r, 0.7)),
      areas: chance(r, 0.5) ? [] : [pick(r, AREAS)],
      confidentiality_signed_on: chance(r, 0.7) ? '2020-01-01' : null,
      // Obtained long ago: on the row, so past the coarse filter, but expired for the domain.
      police_certificate_on: chance(r, 0.5) ? pick(r, ['2026-01-01', '2019-01-01']) : null,
      training_on: chance(r, 0.6) ? '2026-01-01' : null,
      // Only some weekdays, or away for days: judged by the domain alone.
      availability: JSON.stringify(chance(r, oneDayOnly) ? [{ weekday: 1 + Math.floor(r() * 7), from: '08:00', to: '20:00' }] : []),
      absences: JSON.stringify(chance(r, 0.15) ? [{ from: dateOnly(now), to: dateOnly(new Date(now.getTime() + pick(r, [3, 5, 9]) * DAY)) }] : []),
    }).returning('id').executeTakeFirstOrThrow();
    // History around the 30-day edge, so the counters tie and some go stale.
    for (let k = Math.floor(r() * 5); k > 0; k--) {
      await db.insertInto('offer').values({
        task_id: pick(r, past).id, volunteer_id: v.id, wave: 1, status: pick(r, ['declined', 'expired', 'withdrawn'] as const),
        created_at: new Date(now.getTime() - pick(r, [3, 29.99, 31, 120]) * DAY),
      }).onConflict((oc) => oc.doNothing()).execute();
    }
    if (chance(r, 0.2)) {
      await db.insertInto('assignment').values({ task_id: pick(r, past).id, volunteer_id: v.id, offer_id: null, source: 'manual', status: 'done' })
        .onConflict((oc) => oc.doNothing()).execute();
    }
  }
  const tasks: Task[] = [];
  for (let i = 1 + Math.floor(r() * 20); i > 0; i--) {
    tasks.push(await insertTask(db, {
      type: pick(r, TYPES), startsAt: atNoon(new Date(now.getTime() + (2 + Math.floor(r() * 6)) * DAY)), durationMinutes: 60,
      area: pick(r, AREAS), summary: 's', details: 'd', waveSize: 1 + Math.floor(r() * 4),
      requirements: chance(r, 0.3) ? [pick(r, PAPERS)] : [],
      personRef: chance(r, 0.3) ? 'olga h. ' : null,
    }));
  }
  await db.updateTable('task').set({ status: 'searching' }).where('id', 'in', tasks.map((t) => t.id)).execute();
  return { tasks, now };
}

/** Runs `work` in a transaction that is rolled back, returning each task's new offers (volunteer ids, sorted). */
async function offersAfter(scenario: Scenario, work: (trx: Tx, effects: Effects) => Promise<void>): Promise<Record<string, string[]>> {
  let result: Record<string, string[]> = {};
  await h.deps.db.transaction().execute(async (trx) => {
    await work(trx, new Effects(h.deps.ctx, scenario.now));
    const rows = await trx.selectFrom('offer').select(['task_id', 'volunteer_id'])
      .where('task_id', 'in', scenario.tasks.map((t) => t.id)).orderBy('volunteer_id').execute();
    result = Object.fromEntries(scenario.tasks.map((t) => [t.id, rows.filter((o) => o.task_id === t.id).map((o) => o.volunteer_id)]));
    throw new RolledBack();
  }).catch((err: unknown) => {
    if (!(err instanceof RolledBack)) throw err;
  });
  return result;
}

class RolledBack extends Error {}

/** The domain alone, the tasks one after another: each volunteer a task takes has an open offer for the later ones. */
async function domainSequence(scenario: Scenario): Promise<Record<string, string[]>> {
  const ordered = (await readClaimedForFill(h.deps.db, scenario.tasks.map((t) => t.id))).map((x) => x.task);
  const taken = new Set<string>();
  const out: Record<string, string[]> = {};
  for (const task of ordered) {
    const everyone = (await loadCandidates(h.deps.db, task, scenario.now, 'everyone')).map((c) => ({ ...c, hasOpenOffer: c.hasOpenOffer || taken.has(c.id) }));
    const chosen = pickNextWave(considerVolunteers(toMatchTask(task), everyone), task.waveSize);
    for (const id of chosen) taken.add(id);
    out[task.id] = [...chosen].sort((a, b) => Number(a) - Number(b));
  }
  return out;
}

const sortIds = (m: Record<string, string[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v].sort((a, b) => Number(a) - Number(b))]));

it.each(Array.from({ length: 24 }, (_, i) => 4201 + i))('random pool and batch, seed %i: together = one at a time = the domain in sequence', async (seedNumber) => {
  const scenario = await seed(seededRandom(seedNumber));
  const ids = scenario.tasks.map((t) => t.id);
  const expected = await domainSequence(scenario);

  const together = await offersAfter(scenario, (trx, effects) => fillClaimedTasksInTx(trx, h.deps.ctx, effects, ids, scenario.now));
  const oneByOne = await offersAfter(scenario, async (trx, effects) => {
    for (const { task } of await readClaimedForFill(trx, ids)) await fillTaskInTx(trx, h.deps.ctx, effects, task.id, scenario.now);
  });

  expect(sortIds(together)).toEqual(expected);
  expect(sortIds(oneByOne)).toEqual(expected);
});
