import type { Db, Tx } from './database';

const RETRYABLE_PG_CODES = new Set(['40001', '40P01']); // serialization failure, deadlock detected

/**
 * Runs `work` in one transaction, retrying a few times when Postgres aborts it for a deadlock or
 * a serialization failure: both are normal under concurrency and the retry sees fresh rows.
 */
export async function inTransaction<T>(db: Db, work: (trx: Tx) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= attempts || !code || !RETRYABLE_PG_CODES.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
