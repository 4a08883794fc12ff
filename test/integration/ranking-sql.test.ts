import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { createDb, type Db } from '../../src/db/database';
import { loadCandidates, toMatchTask } from '../../src/db/matching.repo';
import { loadRankedCandidates, MIN_PAGE } from '../../src/db/ranked-head.repo';
import { insertTask, type Task } from '../../src/db/task.repo';
import { ageVolunteerCounters } from '../../src/db/volunteer-counters.repo';
import { considerVolunteers, pickNextWave, type Requirement } from '../../src/domain/matching';
import type { TaskType } from '../../src/domain/messages';
import { createTestDatabase } from '../support/db';
import { seededRandom } from '../support/fuzz-corpus';

/**
 * The property behind ranking in SQL: on random pools, the volunteers a fill asks (the head SQL
 * orders by the counters, judged by src/domain/matching.ts) are exactly those the domain alone
 * would pick from every volunteer's facts, in the same order. Seeded, so a failure replays.
 */
jest.setTimeout(120_000);

const DAY = 86_400_000;
const TYPES: TaskType[] = ['shopping', 'escort', 'visit'];
// Spellings of one area that normalizeArea treats as one (case, spacing, composed letters), and others.
const AREAS = ['Lørenskog sentrum', 'LØRENSKOG  sentrum', ' lørenskog\u00a0Sentrum ', 'Lo\u0308renskog sentrum', 'Rælingen', 'Fjellhamar'];

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb(database.url, { maxConnections: 2 });
});
afterAll(async () => {
  await db.destroy();
  await drop();
});

const rng = seededRandom;
type Random = ReturnType<typeof rng>;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Random, p: number) => r() < p;
const dateOnly = (at: Date) => at.toISOString().slice(0, 10);

async function seedPool(r: Random, now: Date, size: number): Promise<{ task: Task; others: Task[] }> {
  await sql`TRUNCATE volunteer, task, offer, assignment, message RESTART IDENTITY CASCADE`.execute(db);
  const startsAt = new Date(now.getTime() + 5 * DAY);
  const task = await insertTask(db, {
    type: pick(r, TYPES), startsAt, durationMinutes: 60, area: 'Lørenskog sentrum', summary: 's', details: 'd',
    requirements: chance(r, 0.3) ? [pick(r, ['confidentiality', 'police_certificate', 'training'] as Requirement[])] : [],
    personRef: chance(r, 0.5) ? 'Olga H.' : null,
  });
  // Older tasks to hang offers and assignments on; some for the same person.
  const others: Task[] = [];
  for (let i = 0; i < 12; i++) {
    others.push(await insertTask(db, {
      type: 'visit', startsAt: new Date(now.getTime() - (i + 1) * 9 * DAY), durationMinutes: 60, area: 'x', summary: 's', details: 'd',
      personRef: i % 2 === 0 ? ' olga h.' : null,
    }));
  }
  for (let i = 0; i < size; i++) await seedVolunteer(r, now, i, others);
  return { task, others };
}

async function seedVolunteer(r: Random, now: Date, i: number, others: Task[]): Promise<void> {
  const v = await db.insertInto('volunteer').values({
    name: `Frivillig ${i}`, phone: `+4741${String(100000 + i)}`,
    opted_out_at: chance(r, 0.05) ? now : null,
    deactivated_at: chance(r, 0.05) ? now : null,
    task_types: TYPES.filter(() => chance(r, 0.7)),
    areas: chance(r, 0.5) ? [] : [pick(r, AREAS)],
    paused_until: chance(r, 0.1) ? dateOnly(new Date(now.getTime() + pick(r, [2, 5, 9]) * DAY)) : null,
    confidentiality_signed_on: chance(r, 0.7) ? '2020-01-01' : null,
    police_certificate_on: chance(r, 0.6) ? dateOnly(new Date(now.getTime() - pick(r, [100, 1200]) * DAY)) : null,
    training_on: chance(r, 0.6) ? '2026-01-01' : null,
  }).returning('id').executeTakeFirstOrThrow();
  // A history spread over 200 days, many around the 30-day edge, so ranks tie and cross often.
  const offers = Math.floor(r() * 7);
  const first = Math.floor(r() * 11);
  for (let k = 0; k < offers; k++) {
    const ageDays = pick(r, [1, 10, 29, 31, 100, 179, 190]) + r() * 0.5;
    await db.insertInto('offer').values({
      task_id: others[(first + k) % 11]!.id, volunteer_id: v.id, wave: 1,
      // No 'accepted': one per task, and it counts exactly as 'declined' does.
      status: pick(r, ['declined', 'expired', 'expired', 'withdrawn', 'failed'] as const),
      created_at: new Date(now.getTime() - ageDays * DAY),
    }).execute();
  }
  if (chance(r, 0.15)) {
    await db.insertInto('offer').values({ task_id: others[11]!.id, volunteer_id: v.id, wave: 1, status: 'open' }).execute();
  }
  const assignments = Math.floor(r() * 3);
  for (let k = 0; k < assignments; k++) {
    await db.insertInto('assignment').values({
      task_id: pick(r, others).id, volunteer_id: v.id, offer_id: null, source: 'manual',
      status: pick(r, ['done', 'cancelled'] as const), // not 'active': one per task assigned_at: new Date(now.getTime() - pick(r, [2, 20, 29.5, 40]) * DAY),
    }).execute();
  }
}

/** The domain alone: every volunteer's facts from the tables, judged and ranked. */
async function domainPick(task: Task, now: Date, n: number): Promise<string[]> {
  const everyone = await loadCandidates(db, task, now, 'everyone');
  return pickNextWave(considerVolunteers(toMatchTask(task), everyone), n);
}

async function sqlPick(task: Task, now: Date, n: number): Promise<string[]> {
  const head = await loadRankedCandidates(db, task, now, n);
  return pickNextWave(considerVolunteers(toMatchTask(task), head), n);
}

describe('SQL ranking agrees with the domain', () => {
  it.each(Array.from({ length: 12 }, (_, i) => [1000 + i]))('random pool, seed %i', async (seed) => {
    const r = rng(seed);
    const dbNow = (await sql<{ now: Date }>`SELECT now() AS now`.execute(db)).rows[0]!.now;
    const { task } = await seedPool(r, dbNow, 40 + Math.floor(r() * 60));
    // Later than the counters were written: some windows have moved on, and those rows are stale.
    for (const later of [0, 0.6 * DAY, 2 * DAY]) {
      const now = new Date(dbNow.getTime() + later);
      for (const n of [1, 3, 8, 200]) expect({ later, n, ids: await sqlPick(task, now, n) }).toEqual({ later, n, ids: await domainPick(task, now, n) });
    }
  });

  it('the counters on the row are the facts the domain reads, and the sweeper ages them', async () => {
    const r = rng(7);
    const dbNow = (await sql<{ now: Date }>`SELECT now() AS now`.execute(db)).rows[0]!.now;
    const { task } = await seedPool(r, dbNow, 80);
    const later = new Date(dbNow.getTime() + 3 * DAY);
    const stale = await db.selectFrom('volunteer').select('id').where('counters_valid_until', '<=', later).execute();
    expect(stale.length).toBeGreaterThan(0);
    expect(await ageVolunteerCounters(db, later, 1000)).toBe(stale.length);
    const facts = new Map((await loadCandidates(db, task, later, 'everyone')).map((c) => [c.id, c]));
    const rows = await db.selectFrom('volunteer').select(['id', 'recent_offers', 'recent_assignments', 'answered_offers', 'resolved_offers', 'counters_valid_until']).execute();
    for (const row of rows) {
      const c = facts.get(row.id)!;
      expect({ id: row.id, offers: row.recent_offers, assignments: row.recent_assignments, answered: row.answered_offers, resolved: row.resolved_offers })
        .toEqual({ id: row.id, offers: c.recentOffers, assignments: c.recentAssignments, answered: c.answeredOffers, resolved: c.totalOffers });
      if (row.counters_valid_until) expect(row.counters_valid_until.getTime()).toBeGreaterThan(later.getTime());
    }
  });
});

it('a head whose first page holds nobody eligible widens past it in SQL order, skipping nobody', async () => {
  await sql`TRUNCATE volunteer, task, offer, assignment, message RESTART IDENTITY CASCADE`.execute(db);
  const now = (await sql<{ now: Date }>`SELECT now() AS now`.execute(db)).rows[0]!.now;
  const task = await insertTask(db, {
    type: 'shopping', startsAt: new Date(now.getTime() + 5 * DAY), durationMinutes: 60, area: 'Lørenskog sentrum', summary: 's', details: 'd',
  });
  // The coarse filter in SQL lets everyone through; weekly hours are judged by the domain alone.
  const taskWeekday = DateTime.fromJSDate(task.startsAt, { zone: 'Europe/Oslo' }).weekday;
  const otherDay = [{ weekday: (taskWeekday % 7) + 1, from: '08:00', to: '20:00' }];
  let seeded = 0;
  const add = async (count: number, availability: object[]) => {
    for (let i = 0; i < count; i++, seeded++) {
      await db.insertInto('volunteer').values({ name: 'F', phone: `+4741${String(300000 + seeded)}`, task_types: ['shopping'], availability: JSON.stringify(availability) }).execute();
    }
  };
  // No history: equal counters, so SQL's order is by id. A first page (32) of the unavailable, then five who can.
  await add(MIN_PAGE, otherDay);
  await add(5, []);
  await add(10, otherDay);
  const picked = await sqlPick(task, now, 3);
  expect(picked).toEqual(await domainPick(task, now, 3));
  expect(picked).toHaveLength(3);
});
