import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Names carry the id of the jest run that made them (the main process's pid), so two runs on one
 * machine never drop each other's databases, and a crashed run's leftovers can be recognised.
 */
const RUN_PATTERN = /^svarja_t(?:pl)?_(\d+)(?:_|$)/;

export function runId(): string {
  return process.env.SVARJA_TEST_RUN ?? String(process.pid);
}

export function templateName(run = runId()): string {
  return `svarja_tpl_${run}`;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database per test file, copied from the migrated template: files run in parallel without sharing rows. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `svarja_t_${runId()}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops the test databases of `run`, or (with no run) those of runs whose process is gone. */
export async function dropTestDatabases(run?: string): Promise<void> {
  await withAdmin(async (c) => {
    const all = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'svarja\\_t%'`);
    for (const { datname } of all.rows) {
      const owner = RUN_PATTERN.exec(datname)?.[1];
      if (!owner) continue;
      const mine = run !== undefined && owner === run;
      const orphaned = run === undefined && !isAlive(Number(owner));
      if (mine || orphaned) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}
