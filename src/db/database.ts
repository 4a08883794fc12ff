import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { Client, Pool, types } from 'pg';
import type { DatabaseConfig, DatabaseTimeouts } from '../config';
import { PreparingClient } from './prepared-statements';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the pool or an open transaction. */
export type Queryable = Db | Tx;

// int8 (bigserial ids, counts) stays a string: ids can exceed 2^53 in theory and strings are safe keys.
types.setTypeParser(types.builtins.INT8, (v) => v);
// A `date` is a calendar day: keep 'YYYY-MM-DD' rather than a Date at local midnight.
types.setTypeParser(types.builtins.DATE, (v) => v);

export type ConnectionErrorListener = (err: Error) => void;

/**
 * A pool whose connections can die without taking the process with them. pg-pool listens for
 * 'error' only on idle clients; a backend terminated (failover, restart, pg_terminate_backend) while
 * a client is checked out emits 'error' on that client, and an unheard 'error' ends the process.
 * So every client gets its own listener at connect: the query in flight fails, its transaction rolls
 * back, the job retries, and the pool replaces the connection.
 */
export function createPool(databaseUrl: string, maxConnections = 10, timeouts?: DatabaseTimeouts, preparedStatements = true): Pool {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    // Parse and plan each statement once per connection (src/db/prepared-statements.ts).
    ...(preparedStatements ? { Client: PreparingClient } : {}),
    // No parallel plans: every statement here is short, and starting two parallel workers cost 40
    // of the 60 ms the head of a fill's ranking took at 100,000 volunteers (issue 14).
    options: '-c max_parallel_workers_per_gather=0',
    ...(timeouts ? {
      statement_timeout: timeouts.statementSeconds * 1000,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionSeconds * 1000,
    } : {}),
  });
  pool.on('error', () => undefined); // idle clients: their own listener below already heard it
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      for (const listener of connectionErrorListeners.get(pool) ?? []) listener(err);
    });
  });
  return pool;
}

const connectionErrorListeners = new WeakMap<Pool, ConnectionErrorListener[]>();

/** Hears the failure of any connection of the pool, idle or checked out (e.g. to log it). */
export function onConnectionError(pool: Pool, listener: ConnectionErrorListener): void {
  const listeners = connectionErrorListeners.get(pool) ?? [];
  listeners.push(listener);
  connectionErrorListeners.set(pool, listeners);
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

/**
 * A pg Pool over an embedded PostgreSQL (PGlite) stored in `dir` (created if missing; `memory://`
 * keeps it in memory). PGlite is one session, so the pool has exactly one connection: code that
 * opens a transaction must run everything inside it on `trx`, never on `db` (that would wait forever).
 * Single process only: two processes on the same directory are not protected from each other.
 */
export function createEmbeddedPool(dir: string): { pool: Pool; close(): Promise<void> } {
  // Loaded only when asked for: the PostgreSQL path never pays for the WebAssembly build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createPgConfig } = require('@electric-sql/pglite/node-postgres') as typeof import('@electric-sql/pglite/node-postgres');
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  // Keep the one client for the life of the pool (idleTimeoutMillis 0): there is nothing to reconnect to.
  const pool = new Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  return {
    pool,
    async close() {
      await pglite.close();
    },
  };
}

/** The pool and Kysely for a configured database; `close` ends both (and the embedded engine). */
export function openDatabase(database: DatabaseConfig, maxConnections = 10): { pool: Pool; db: Db; close(): Promise<void> } {
  if (database.kind === 'postgres') {
    const pool = createPool(database.url, maxConnections, database.timeouts, database.preparedStatements);
    const db = createDbOnPool(pool);
    return { pool, db, close: () => db.destroy() };
  }
  const embedded = createEmbeddedPool(database.dir);
  const db = createDbOnPool(embedded.pool);
  return {
    pool: embedded.pool,
    db,
    async close() {
      await db.destroy();
      await embedded.close();
    },
  };
}
