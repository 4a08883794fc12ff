import { sql } from 'kysely';
import type { Queryable } from './database';

/**
 * Recomputes the ranking counters (sql/0014) of up to `limit` volunteers one of whose counted
 * offers or assignments has left its 30- or 180-day window; returns how many. Until then such a
 * row is judged from the offer and assignment tables (src/db/ranked-head.repo.ts), so a late
 * run costs speed, never the order.
 */
export async function ageVolunteerCounters(db: Queryable, now: Date, limit: number): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT svarja_refresh_volunteer_counters(ARRAY(
      SELECT id FROM volunteer WHERE counters_valid_until <= ${now} ORDER BY counters_valid_until LIMIT ${limit}), ${now}) AS n`.execute(db);
  return r.rows[0]?.n ?? 0;
}
