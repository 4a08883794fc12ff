import { createDb } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { databaseUrl, dropTestDatabases, runId, templateName, withAdmin } from './db';

/** Builds this run's migrated template database once; each test file copies it. */
export default async function globalSetup(): Promise<void> {
  process.env.SVARJA_TEST_RUN = runId(); // test workers inherit it
  await dropTestDatabases(); // leftovers of crashed runs only
  await withAdmin((c) => c.query(`CREATE DATABASE ${templateName()}`));
  const db = createDb(databaseUrl(templateName()), { maxConnections: 1 });
  try {
    await migrate(db);
  } finally {
    await db.destroy();
  }
}
