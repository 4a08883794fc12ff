import type { Db } from './database';

export type StashedFields = Record<string, string | string[]>;

export interface FormStash {
  id: string;
  coordinatorId: string;
  path: string;
  fields: StashedFields;
}

export async function insertFormStash(db: Db, stash: FormStash, expiresAt: Date): Promise<void> {
  await db.insertInto('form_stash').values({
    id: stash.id, coordinator_id: stash.coordinatorId, path: stash.path, fields: JSON.stringify(stash.fields), expires_at: expiresAt,
  }).execute();
  // Expired stashes of anyone go with each new one, so the table never needs a sweeper.
  await db.deleteFrom('form_stash').where('expires_at', '<=', new Date(expiresAt.getTime() - 3600_000)).execute();
}

/** The unexpired stash, or undefined; does not consume it. */
export async function findFormStash(db: Db, id: string, now: Date): Promise<FormStash | undefined> {
  const row = await db.selectFrom('form_stash').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
  return row && { id: row.id, coordinatorId: String(row.coordinator_id), path: row.path, fields: row.fields };
}

/**
 * Single use: deletes and returns the stash if it is unexpired and belongs to this coordinator;
 * undefined otherwise (then it is left for its owner, or for expiry).
 */
export async function takeFormStash(db: Db, id: string, coordinatorId: string, now: Date): Promise<{ path: string; fields: StashedFields } | undefined> {
  return db.deleteFrom('form_stash')
    .where('id', '=', id).where('coordinator_id', '=', coordinatorId).where('expires_at', '>', now)
    .returning(['path', 'fields']).executeTakeFirst();
}

export async function deleteFormStash(db: Db, id: string): Promise<void> {
  await db.deleteFrom('form_stash').where('id', '=', id).execute();
}
