import { sql } from 'kysely';
import type { Queryable } from './database';

/**
 * Ends a coordinator's sessions (express-session's rows), except `keepSid`: after a password change
 * anyone logged in elsewhere with the old password is out at their next request.
 */
export async function deleteSessionsOf(db: Queryable, coordinatorId: string, keepSid?: string): Promise<number> {
  const r = await sql`DELETE FROM session WHERE sess->>'coordinatorId' = ${coordinatorId} AND sid IS DISTINCT FROM ${keepSid ?? null}`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}
