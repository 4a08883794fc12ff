import { createDb, type Db } from '../../src/db/database';
import { findOrCreateUnit, insertCoordinator } from '../../src/db/coordinator.repo';
import type { TaskStatus } from '../../src/db/schema';
import { NO_UNIT } from '../../src/domain/reports';
import { reportCsv } from '../../src/http/views/reports/report-csv';
import { buildReport } from '../../src/services/reports-build';
import { exportReport } from '../../src/services/reports-export';
import { createTestDatabase } from '../support/db';
import { buildVolunteer } from '../support/factories';

/** Well after the year reported on: every task's start has passed. */
const NOW = new Date('2026-02-01T12:00:00Z');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
const ctx = { get db() { return db; }, now: () => NOW };
const unit: Record<'centre' | 'care' | 'refugees', string> = { centre: '', care: '', refugees: '' };
const vol: string[] = [];

interface TaskSeed {
  unit: string | null;
  startsAt: string;
  status: TaskStatus;
  minutes?: number;
  volunteer?: string;
  /** Minutes from dispatch to assignment; null for a task assigned by phone without a dispatch. */
  fillMinutes?: number | null;
}

/** A task row as the dispatch would have left it (and its assignment), written directly. */
async function seedTask(t: TaskSeed): Promise<void> {
  const startsAt = new Date(t.startsAt);
  const dispatchedAt = t.fillMinutes === null ? null : new Date(startsAt.getTime() - 48 * 3600_000);
  const assignedAt = t.status === 'assigned' ? new Date((dispatchedAt ?? startsAt).getTime() + (t.fillMinutes ?? 0) * 60_000) : null;
  const row = await db.insertInto('task').values({
    type: 'escort', starts_at: startsAt, duration_minutes: t.minutes ?? 60, area: 'Lørenskog sentrum',
    summary: 'Følge til lege.', details: 'Per Olsen, Kirkeveien 12.', status: t.status, unit_id: t.unit,
    assigned_volunteer_id: t.status === 'assigned' ? t.volunteer! : null, dispatched_at: dispatchedAt, assigned_at: assignedAt,
    created_at: new Date(startsAt.getTime() - 72 * 3600_000),
  }).returning('id').executeTakeFirstOrThrow();
  if (t.volunteer) {
    await db.insertInto('assignment').values({
      task_id: row.id, volunteer_id: t.volunteer, source: t.fillMinutes === null ? 'manual' : 'sms',
      status: t.status === 'assigned' ? 'active' : 'cancelled', assigned_at: assignedAt ?? startsAt,
    }).execute();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url, { maxConnections: 2 });
  unit.centre = (await findOrCreateUnit(db, 'Frivilligsentralen')).id;
  unit.care = (await findOrCreateUnit(db, 'Helse, omsorg og mestring')).id;
  unit.refugees = (await findOrCreateUnit(db, 'Flyktningtjenesten')).id;
  for (let i = 0; i < 3; i++) vol.push((await buildVolunteer(db)).id);
  const [v1, v2, v3] = vol;
  const tasks: TaskSeed[] = [
    // March 2025
    { unit: unit.centre, startsAt: '2025-03-05T09:00:00Z', status: 'assigned', volunteer: v1, fillMinutes: 20, minutes: 60 },
    { unit: unit.centre, startsAt: '2025-03-12T09:00:00Z', status: 'assigned', volunteer: v2, fillMinutes: 40, minutes: 90 },
    { unit: unit.centre, startsAt: '2025-03-19T09:00:00Z', status: 'unfilled' },
    { unit: unit.care, startsAt: '2025-03-20T13:00:00Z', status: 'assigned', volunteer: v1, fillMinutes: null, minutes: 120 },
    { unit: unit.care, startsAt: '2025-03-21T13:00:00Z', status: 'cancelled', volunteer: v3, fillMinutes: 5 },
    { unit: null, startsAt: '2025-03-25T10:00:00Z', status: 'searching' }, // start passed with nobody: unfilled
    // 00:30 on 1 April in Oslo (summer time), 22:30 on 31 March in UTC
    { unit: unit.centre, startsAt: '2025-03-31T22:30:00Z', status: 'assigned', volunteer: v3, fillMinutes: 10, minutes: 45 },
    { unit: unit.care, startsAt: '2025-04-10T08:00:00Z', status: 'new' },
    // 00:30 on 1 January 2025 in Oslo; and one that is already 2026 in Oslo
    { unit: unit.centre, startsAt: '2024-12-31T23:30:00Z', status: 'assigned', volunteer: v2, fillMinutes: 60, minutes: 30 },
    { unit: unit.centre, startsAt: '2025-12-31T23:30:00Z', status: 'assigned', volunteer: v1, fillMinutes: 60, minutes: 30 },
  ];
  for (const t of tasks) await seedTask(t);
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('the yearly report from the database', () => {
  it('counts March per unit and in total', async () => {
    const { report } = await buildReport(ctx, { year: 2025 });
    const march = report.months[2]!;
    expect(march.total).toEqual({
      created: 6, filled: 3, unfilled: 2, cancelled: 1, fillRate: 0.6, medianMinutesToFill: 30, volunteerMinutes: 270, activeVolunteers: 2,
    });
    expect(march.byUnit[unit.centre]).toMatchObject({ created: 3, filled: 2, unfilled: 1, medianMinutesToFill: 30, volunteerMinutes: 150, activeVolunteers: 2 });
    expect(march.byUnit[unit.centre]!.fillRate).toBeCloseTo(2 / 3);
    expect(march.byUnit[unit.care]).toMatchObject({ created: 2, filled: 1, cancelled: 1, fillRate: 1, medianMinutesToFill: null, volunteerMinutes: 120, activeVolunteers: 1 });
    expect(march.byUnit[unit.refugees]).toMatchObject({ created: 0, fillRate: null });
    expect(march.byUnit[NO_UNIT]).toMatchObject({ created: 1, unfilled: 1, fillRate: 0 });
  });

  it('buckets by Oslo month across summer time and the new year', async () => {
    const { report } = await buildReport(ctx, { year: 2025 });
    expect(report.months[3]!.byUnit[unit.centre]).toMatchObject({ created: 1, filled: 1, medianMinutesToFill: 10, volunteerMinutes: 45 });
    expect(report.months[3]!.byUnit[unit.care]).toMatchObject({ created: 1, unfilled: 1 });
    expect(report.months[0]!.total).toMatchObject({ created: 1, filled: 1, volunteerMinutes: 30 });
    expect(report.months[11]!.total.created).toBe(0);
    expect(report.total).toMatchObject({ created: 9, filled: 5, unfilled: 3, cancelled: 1, volunteerMinutes: 345, activeVolunteers: 3 });
  });

  it('lists every unit, those without tasks too, in name order, then tasks without a unit', async () => {
    const { report } = await buildReport(ctx, { year: 2025 });
    expect(report.unitKeys).toEqual([unit.refugees, unit.centre, unit.care, NO_UNIT]);
  });

  it('filters to one unit, or to tasks without a unit', async () => {
    const care = (await buildReport(ctx, { year: 2025, unitId: unit.care })).report;
    expect(care.unitKeys).toEqual([unit.care]);
    expect(care.total).toMatchObject({ created: 3, filled: 1, unfilled: 1, cancelled: 1, volunteerMinutes: 120 });
    const none = (await buildReport(ctx, { year: 2025, unitId: NO_UNIT })).report;
    expect(none.total).toMatchObject({ created: 1, unfilled: 1 });
  });

  it('exports the same figures as CSV for Norwegian Excel, and logs the export', async () => {
    const kari = (await insertCoordinator(db, { email: 'kari@lorenskog.kommune.no', name: 'Kari', passwordHash: 'not-used', role: 'admin', unitId: null }))!;
    const actor = { kind: 'coordinator' as const, id: kari.id, email: kari.email, name: kari.name, role: kari.role, unitId: null };
    const { report, units } = await exportReport(ctx, actor, { year: 2025 });
    const csv = reportCsv(report, units, true);
    const lines = csv.split('\r\n');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(lines[0]).toBe('\ufeffÅr;Måned;Enhet;Oppdrag;Besatt;Ikke besatt;Avlyst;Besettelsesgrad (%);Median tid til besatt (minutter);Frivillige timer;Aktive frivillige');
    expect(lines).toContain('2025;mars;Frivilligsentralen;3;2;1;0;66,7;30;2,5;2');
    expect(lines).toContain('2025;mars;Alle enheter;6;3;2;1;60;30;4,5;2');
    expect(lines).toContain('2025;Hele året;Alle enheter;9;5;3;1;62,5;30;5,8;3');
    expect(lines).toContain('2025;mars;Flyktningtjenesten;0;0;0;0;;;0;0');
    const logged = await db.selectFrom('audit_event').selectAll().where('action', '=', 'report_exported').execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor: actor.email, subject_type: 'report', subject_id: '2025' });
  });
});
