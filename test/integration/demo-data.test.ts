import { findCredentials } from '../../src/db/coordinator.repo';
import { openDatabase } from '../../src/db/database';
import { DEMO_COORDINATOR, DEMO_VOLUNTEERS } from '../../src/demo/demo-data';
import { verifyPassword } from '../../src/services/passwords';
import { seedDemoData } from '../../src/services/seed-demo-data';
import { createTestDatabase } from '../support/db';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: ReturnType<typeof openDatabase>['db'];
let close: () => Promise<void>;

beforeEach(async () => {
  database = await createTestDatabase();
  const opened = openDatabase({ kind: 'postgres', url: database.url, timeouts: { statementSeconds: 30, idleInTransactionSeconds: 60 }, preparedStatements: true }, 4);
  db = opened.db;
  close = () => opened.close();
});
afterEach(async () => {
  await close();
  await database.drop();
});

describe('demo data', () => {
  it('fills an empty database once: an admin who can log in with the returned password, volunteers, a task in Oslo tomorrow 11:00', async () => {
    const now = new Date('2026-11-26T22:30:00Z'); // 23:30 in Oslo: "tomorrow" is the 27th there
    const result = await seedDemoData(db, now);
    if (!result.seeded) throw new Error('not seeded');
    const account = await findCredentials(db, DEMO_COORDINATOR.email);
    expect(account?.role).toBe('admin');
    await expect(verifyPassword(account?.passwordHash, result.password)).resolves.toBe(true);
    expect(result.password.length).toBeGreaterThanOrEqual(12);
    const phones = (await db.selectFrom('volunteer').select('phone').execute()).map((v) => v.phone).sort();
    expect(phones).toEqual(DEMO_VOLUNTEERS.map((v) => v.phone).sort());
    const task = await db.selectFrom('task').selectAll().where('id', '=', result.taskId).executeTakeFirstOrThrow();
    expect(task.status).toBe('new');
    expect(task.starts_at.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(task.unit_id).not.toBeNull();
    const audit = await db.selectFrom('audit_event').select(['action', 'actor']).execute();
    expect(audit).toEqual([{ action: 'demo.seeded', actor: 'system' }]);

    await expect(seedDemoData(db, now)).resolves.toEqual({ seeded: false });
    expect((await db.selectFrom('volunteer').select('id').execute()).length).toBe(DEMO_VOLUNTEERS.length);
  });

  it('leaves a database someone has used alone, even one with only a volunteer in it', async () => {
    await db.insertInto('volunteer').values({ name: 'Ekte Person', phone: '+4741234567' }).execute();
    await expect(seedDemoData(db, new Date())).resolves.toEqual({ seeded: false });
    expect(await db.selectFrom('coordinator').select('id').execute()).toEqual([]);
  });

  it('two processes starting at once seed it once', async () => {
    const results = await Promise.all([seedDemoData(db, new Date()), seedDemoData(db, new Date())]);
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    expect((await db.selectFrom('coordinator').select('id').execute()).length).toBe(1);
  });
});
