import { eraseOldMessageBodies } from '../../src/services/erase-old-message-bodies';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { RETENTION_DAYS: '180' } });
});
afterAll(async () => {
  await h.close();
});

async function insertMessage(daysAgo: number, body: string): Promise<string> {
  const at = new Date(Date.now() - daysAgo * 24 * 3600 * 1000);
  const row = await h.deps.db.insertInto('message').values({
    direction: 'inbound', from_phone: '+4741234567', to_phone: '+4759440000', body, kind: 'reply',
    status: 'processed', classification: 'yes', created_at: at, updated_at: at, processed_at: at, // handled long ago
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

describe('retention', () => {
  it('erases the bodies of messages older than RETENTION_DAYS and keeps the rows', async () => {
    const old = await insertMessage(181, 'Ja, jeg kan ta handlingen for Olga');
    const recent = await insertMessage(179, 'Nei dessverre');

    expect(await eraseOldMessageBodies(h.deps.ctx)).toBe(1);
    const rows = await h.deps.db.selectFrom('message').select(['id', 'body', 'body_erased_at', 'classification']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: old, body: '', body_erased_at: expect.any(Date), classification: 'yes' },
      { id: recent, body: 'Nei dessverre', body_erased_at: null, classification: 'yes' },
    ]);
    expect(await eraseOldMessageBodies(h.deps.ctx)).toBe(0); // idempotent
  });

  it('runs nightly as a job scheduler in Oslo time', async () => {
    const schedulers = await h.deps.queues.byName.maintenance.getJobSchedulers();
    expect(schedulers.find((s) => s.key === 'retention')).toMatchObject({ pattern: '15 3 * * *', tz: 'Europe/Oslo' });
  });
});
