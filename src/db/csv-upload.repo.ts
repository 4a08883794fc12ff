import type { Queryable } from './database';

/** Keeps an uploaded file for its coordinator; expired uploads of anyone go with it, so no sweeper is needed. */
export async function insertCsvUpload(db: Queryable, upload: { id: string; coordinatorId: string; csvText: string }, now: Date, expiresAt: Date): Promise<void> {
  await db.insertInto('csv_upload').values({ id: upload.id, coordinator_id: upload.coordinatorId, csv_text: upload.csvText, expires_at: expiresAt }).execute();
  await db.deleteFrom('csv_upload').where('expires_at', '<=', now).execute();
}

/** The file, if the upload is unexpired and this coordinator's. */
export async function findCsvUpload(db: Queryable, id: string, coordinatorId: string, now: Date): Promise<string | undefined> {
  const row = await db.selectFrom('csv_upload').select('csv_text')
    .where('id', '=', id).where('coordinator_id', '=', coordinatorId).where('expires_at', '>', now).executeTakeFirst();
  return row?.csv_text;
}

/** The same, deleting it: the import's transaction takes the file, so two confirms import once. */
export async function takeCsvUpload(db: Queryable, id: string, coordinatorId: string, now: Date): Promise<string | undefined> {
  const row = await db.deleteFrom('csv_upload')
    .where('id', '=', id).where('coordinator_id', '=', coordinatorId).where('expires_at', '>', now)
    .returning('csv_text').executeTakeFirst();
  return row?.csv_text;
}
