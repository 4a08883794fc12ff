import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { Client, Pool, types } from 'pg';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the pool or an open transaction. */
export type Queryable = Db | Tx;

// int8 (bigserial ids, counts) stays a string: ids can exceed 2^53 in theory and strings are safe keys.
types.setTypeParser(types.builtins.INT8, (v) => v);
// A `date` is a calendar day: keep 'YYYY-MM-DD' rather than a Date at local midnight.
types.setTypeParser(types.builtins.DATE, (v) => v);

export function createPool(databaseUrl: string, maxConnections = 10): Pool {
  return new Pool({ connectionString: databaseUrl, max: maxConnections });
}

/** Kysely over an existing pool (the session store shares it). Destroying the Db ends the pool. */
export function createDbOnPool(pool: Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function createDb(databaseUrl: string, opts: { maxConnections?: number } = {}): Db {
  return createDbOnPool(createPool(databaseUrl, opts.maxConnections));
}

/** Creates the database named in the URL when it does not exist yet (local development convenience). */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) return false;
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (err) {
    // Another process may have created it between our check and our CREATE.
    if ((err as { code?: string }).code === '42P04') return false;
    throw err;
  } finally {
    await client.end();
  }
}
