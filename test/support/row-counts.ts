import { sql } from 'kysely';
import type { Harness } from './harness';

/** Tables a request could write to (session is express-session's, outside the typed schema). */
export const STORED_TABLES = ['message', 'volunteer', 'task', 'offer', 'assignment', 'unit', 'coordinator', 'api_token', 'audit_event', 'session'] as const;
export type StoredTable = (typeof STORED_TABLES)[number];

/** Row counts of the given tables, in one round trip. */
export async function countRows(h: Harness, tables: readonly string[] = STORED_TABLES): Promise<Record<string, number>> {
  const selects = tables.map((t) => sql`(select count(*) from ${sql.table(t)})::int as ${sql.ref(t)}`);
  const { rows } = await sql<Record<string, number>>`select ${sql.join(selects)}`.execute(h.deps.db);
  return rows[0]!;
}
