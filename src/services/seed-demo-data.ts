import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { insertAuditEvent } from '../db/audit.repo';
import { findOrCreateUnit, insertCoordinator } from '../db/coordinator.repo';
import type { Db } from '../db/database';
import { insertTask } from '../db/task.repo';
import { insertVolunteers } from '../db/volunteer.repo';
import { inTransaction } from '../db/transaction';
import { DEMO_COORDINATOR, DEMO_NURSING_HOME, DEMO_UNIT_NAME, DEMO_VOLUNTEERS, demoTask } from '../demo/demo-data';
import { insertRequester } from '../db/requester.repo';
import { hashPassword } from './passwords';

export type DemoSeedResult =
  | { seeded: true; email: string; password: string; taskId: string; volunteers: number }
  | { seeded: false };

// Any constant works: it only keeps two processes starting at once from both seeding.
const SEED_LOCK_KEY = 7_140_221;

/**
 * Fills a brand-new database with demo data, once: only when it has no coordinator, volunteer or
 * task yet, so a database someone has used is never touched. The demo coordinator's password is
 * random and returned to be printed once; only its hash is stored.
 */
export async function seedDemoData(db: Db, now: Date): Promise<DemoSeedResult> {
  const password = randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
    const used = await sql<{ used: boolean }>`
      SELECT EXISTS (SELECT 1 FROM coordinator) OR EXISTS (SELECT 1 FROM volunteer) OR EXISTS (SELECT 1 FROM task) AS used`.execute(trx);
    if (used.rows[0]?.used) return { seeded: false };

    const unit = await findOrCreateUnit(trx, DEMO_UNIT_NAME);
    const coordinator = await insertCoordinator(trx, { ...DEMO_COORDINATOR, passwordHash, role: 'admin', unitId: unit.id });
    const volunteers = await insertVolunteers(trx, [...DEMO_VOLUNTEERS]);
    const task = await insertTask(trx, { ...demoTask(now), unitId: unit.id, createdBy: coordinator?.id ?? null });
    // The nursing home orders by SMS (issue 11): its simulator phone is a registered requester.
    await insertRequester(trx, { name: DEMO_NURSING_HOME.name, unitId: unit.id, contactName: 'Vakthavende sykepleier', defaultPlace: 'Solbakken sykehjem', phones: [DEMO_NURSING_HOME.phone] }, now);
    await insertAuditEvent(trx, { kind: 'anonymous', label: 'system' }, { action: 'demo.seeded', detail: { volunteers: volunteers.length } }, now);
    return { seeded: true, email: DEMO_COORDINATOR.email, password, taskId: task.id, volunteers: volunteers.length };
  });
}
