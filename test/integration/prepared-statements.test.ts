import { Pool } from 'pg';
import { createDb, createPool } from '../../src/db/database';
import { MAX_PREPARED_PER_CONNECTION, PreparingClient } from '../../src/db/prepared-statements';
import { createTestDatabase } from '../support/db';

/**
 * Issue 14: statements run as named prepared statements, once per connection. One connection per
 * pool here, so `pg_prepared_statements` (which lists the session's own) shows what it kept.
 */
let url: string;
let drop: () => Promise<void>;
let pool: Pool;
beforeAll(async () => {
  const database = await createTestDatabase();
  url = database.url;
  drop = database.drop;
});
beforeEach(() => {
  pool = new Pool({ connectionString: url, max: 1, Client: PreparingClient });
});
afterEach(async () => {
  await pool.end();
});
afterAll(async () => {
  await drop();
});

async function prepared(): Promise<Array<{ statement: string; runs: number }>> {
  const { rows } = await pool.query<{ statement: string; runs: number }>(
    'SELECT statement, (generic_plans + custom_plans)::integer AS runs FROM pg_prepared_statements ORDER BY statement');
  return rows;
}

it('prepares a statement with parameters once per connection and reuses it', async () => {
  for (let i = 0; i < 7; i++) expect((await pool.query('SELECT $1::integer + 1 AS n', [i])).rows).toEqual([{ n: i + 1 }]);
  await pool.query('SELECT $1::text AS t', ['x']);
  await pool.query('SELECT 42 AS unnamed');
  expect(await prepared()).toEqual([
    { statement: 'SELECT $1::integer + 1 AS n', runs: 7 },
    { statement: 'SELECT $1::text AS t', runs: 1 },
  ]);
});

it('prepares what Kysely sends, and a transaction sees its own writes through prepared statements', async () => {
  const db = createDb(url, { maxConnections: 1 });
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('unit').values({ name: 'Enhet A' }).execute();
      for (let i = 0; i < 6; i++) expect(await trx.selectFrom('unit').select('name').where('name', '=', 'Enhet A').execute()).toEqual([{ name: 'Enhet A' }]);
    });
    const rows = await db.selectFrom('unit').select('name').where('name', '=', 'Enhet A').execute();
    expect(rows).toEqual([{ name: 'Enhet A' }]);
  } finally {
    await db.destroy();
  }
});

it('prepares a statement afresh when the table under it changed, after failing that one run', async () => {
  await pool.query('CREATE TABLE prepared_probe (a integer)');
  await pool.query('INSERT INTO prepared_probe VALUES ($1)', [1]);
  const select = 'SELECT * FROM prepared_probe WHERE a = $1';
  expect((await pool.query(select, [1])).rows).toEqual([{ a: 1 }]);
  await pool.query('ALTER TABLE prepared_probe ADD COLUMN b integer');
  await expect(pool.query(select, [1])).rejects.toMatchObject({ code: '0A000' });
  expect((await pool.query(select, [1])).rows).toEqual([{ a: 1, b: null }]);
});

it(`keeps at most ${MAX_PREPARED_PER_CONNECTION} statements on a connection and runs the rest unnamed`, async () => {
  for (let k = 0; k < MAX_PREPARED_PER_CONNECTION + 20; k++) {
    expect((await pool.query(`SELECT $1::integer + ${k} AS n`, [1])).rows).toEqual([{ n: 1 + k }]);
  }
  const kept = await prepared();
  expect(kept).toHaveLength(MAX_PREPARED_PER_CONNECTION);
  expect(kept.some((s) => s.statement === `SELECT $1::integer + ${MAX_PREPARED_PER_CONNECTION} AS n`)).toBe(false);
});

it('a service connection never plans parallel workers: their start-up outweighs every statement it runs', async () => {
  const service = createPool(url, 1);
  try {
    expect((await service.query('SHOW max_parallel_workers_per_gather')).rows).toEqual([{ max_parallel_workers_per_gather: '0' }]);
  } finally {
    await service.end();
  }
});
