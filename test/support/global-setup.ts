import { createDb } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { databaseUrl, TEMPLATE_DB, TEST_DB_PREFIX, withAdmin } from './db';

/** Builds the migrated template database once per run; each test file copies it. */
export default async function globalSetup(): Promise<void> {
  await withAdmin(async (c) => {
    const stale = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%' OR datname = $1`, [TEMPLATE_DB]);
    for (const { datname } of stale.rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  const db = createDb(databaseUrl(TEMPLATE_DB), { maxConnections: 1 });
  try {
    await migrate(db);
  } finally {
    await db.destroy();
  }
}
