import type { Queryable } from './database';

export interface ApiToken { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }

export async function insertApiToken(db: Queryable, t: { coordinatorId: string; name: string; hash: string; prefix: string }): Promise<string> {
  const row = await db.insertInto('api_token').values({ coordinator_id: t.coordinatorId, name: t.name, token_hash: t.hash, token_prefix: t.prefix })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function listApiTokens(db: Queryable, coordinatorId: string): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_token').select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('coordinator_id', '=', coordinatorId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.token_prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

export async function revokeApiToken(db: Queryable, id: string, coordinatorId: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('api_token').set({ revoked_at: at })
    .where('id', '=', id).where('coordinator_id', '=', coordinatorId).where('revoked_at', 'is', null).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** The active coordinator owning a live token with this hash; touches last_used_at. */
export async function findTokenOwner(db: Queryable, hash: string, at: Date): Promise<string | undefined> {
  const row = await db.updateTable('api_token').set({ last_used_at: at })
    .where('token_hash', '=', hash).where('revoked_at', 'is', null)
    .where(({ exists, selectFrom }) => exists(selectFrom('coordinator as c').select('c.id').whereRef('c.id', '=', 'api_token.coordinator_id').where('c.active', '=', true)))
    .returning('coordinator_id').executeTakeFirst();
  return row?.coordinator_id;
}
