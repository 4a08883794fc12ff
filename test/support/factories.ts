import type { Db } from '../../src/db/database';
import { insertTask, type NewTask, type Task } from '../../src/db/task.repo';
import type { Volunteer } from '../../src/db/volunteer.repo';
import { volunteerRowToVolunteer } from '../../src/db/volunteer.repo';

let phoneSeq = 0;

/**
 * A unique valid Norwegian mobile number per call: +47 48x xx xxx (42, 43, 44 and 49 are not mobile ranges).
 * The 48 range is kept for this factory: tests write their fixed numbers in 41, 45, 46, 47 and 9x, and a
 * generated number that landed on one of them made that test's insert a silent no-op.
 */
export function uniqueMobile(): string {
  phoneSeq += 1;
  const n = (process.pid % 100) * 10000 + phoneSeq;
  return `+4748${String(n).padStart(6, '0')}`;
}

export async function buildVolunteer(db: Db, overrides: Partial<{ name: string; phone: string; language: string; lastAssignedAt: Date; deactivatedAt: Date }> = {}): Promise<Volunteer> {
  const row = await db.insertInto('volunteer').values({
    name: overrides.name ?? `Frivillig ${phoneSeq + 1}`,
    phone: overrides.phone ?? uniqueMobile(),
    language: overrides.language ?? 'nb',
    last_assigned_at: overrides.lastAssignedAt ?? null,
    deactivated_at: overrides.deactivatedAt ?? null,
  }).returningAll().executeTakeFirstOrThrow();
  return volunteerRowToVolunteer(row);
}

export async function buildVolunteers(db: Db, count: number): Promise<Volunteer[]> {
  const out: Volunteer[] = [];
  for (let i = 0; i < count; i++) out.push(await buildVolunteer(db, { name: `Frivillig ${i + 1}` }));
  return out;
}

export async function buildTask(db: Db, overrides: Partial<NewTask> = {}): Promise<Task> {
  return insertTask(db, {
    type: 'shopping',
    startsAt: new Date(Date.now() + 2 * 24 * 3600 * 1000),
    durationMinutes: 60,
    area: 'Lørenskog sentrum',
    summary: 'Handle dagligvarer for en eldre dame.',
    details: 'Olga Hansen, Storgata 5, 2. etasje. Ring på døra to ganger.',
    ...overrides,
  });
}
