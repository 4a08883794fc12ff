import { TEST_DB_PREFIX, withAdmin } from './db';

/** Drops the per-file databases a crashed test left behind (the template stays for inspection). */
export default async function globalTeardown(): Promise<void> {
  await withAdmin(async (c) => {
    const left = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%'`);
    for (const { datname } of left.rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}
