import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Actor } from '../domain/access';
import { OSLO } from '../domain/messages';
import { decodeCsvBytes, isSpreadsheetFile, type CsvFileError, type CsvVolunteer, type ExistingVolunteers, type GoodRow } from '../domain/volunteer-csv';
import { insertAuditEvent } from '../db/audit.repo';
import { findCsvUpload, insertCsvUpload, takeCsvUpload } from '../db/csv-upload.repo';
import type { Queryable, Tx } from '../db/database';
import { splitGoodRows, withoutRequesterPhones, type CsvSource, type ImportPreviewSummary } from '../domain/import-preview';
import { inTransaction } from '../db/transaction';
import { listRequesterPhones } from '../db/requester.repo';
import { analyzeVolunteers, insertVolunteers, listVolunteers, lockVolunteer, saveVolunteerDetails } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { checkCsvForPreview } from './csv-preview-thread';
import { readVolunteerCsvInTurns } from './read-volunteer-csv';

export type ImportVolunteersResult = { ok: true; imported: number; updated: number; unchanged: number; skipped: number } | { ok: false; error: CsvFileError };

export type ImportPreview = { ok: true; source: CsvSource; summary: ImportPreviewSummary } | { ok: false; error: CsvFileError };

/** How long an uploaded file waits for its import. */
const UPLOAD_KEPT_MS = 2 * 3600_000;

/** Keeps the uploaded file and shows what an import of it would do: the counts and the first page of rows. Imports nothing. */
export async function previewVolunteerImport(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, bytes: Uint8Array): Promise<ImportPreview> {
  if (isSpreadsheetFile(bytes)) return { ok: false, error: { code: 'spreadsheet' } };
  const csvText = decodeCsvBytes(bytes);
  const summary = await summarize(ctx.db, csvText, 1);
  if (!summary.ok) return summary;
  if (actor.kind !== 'coordinator') return { ok: true, source: { csvText }, summary: summary.summary };
  const uploadId = randomBytes(24).toString('base64url');
  const now = ctx.now();
  await insertCsvUpload(ctx.db, { id: uploadId, coordinatorId: actor.id, csvText }, now, new Date(now.getTime() + UPLOAD_KEPT_MS));
  return { ok: true, source: { uploadId }, summary: summary.summary };
}

/** Another page of the preview of a file. */
export async function previewVolunteerSource(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, source: CsvSource, page: number): Promise<ImportPreview> {
  const csvText = await readSource(ctx.db, actor, source, ctx.now(), findCsvUpload);
  if (csvText === undefined) return { ok: false, error: { code: 'upload_gone' } };
  const summary = await summarize(ctx.db, csvText, page);
  return summary.ok ? { ok: true, source, summary: summary.summary } : summary;
}

/** The file's text: given, or this coordinator's unexpired upload (`read` finds or takes it). */
async function readSource(db: Queryable, actor: Actor, source: CsvSource, now: Date, read: typeof findCsvUpload): Promise<string | undefined> {
  if ('csvText' in source) return source.csvText;
  return actor.kind === 'coordinator' ? read(db, source.uploadId, actor.id, now) : undefined;
}

/** Reads and checks the file; a large one in a thread of its own (see csv-preview-thread.ts). */
async function summarize(db: Queryable, csvText: string, page: number): Promise<{ ok: true; summary: ImportPreviewSummary } | { ok: false; error: CsvFileError }> {
  const [existing, requesterOwners] = await Promise.all([loadExisting(db), listRequesterPhones(db)]);
  return checkCsvForPreview({ csvText, existing, requesterOwners, page });
}

/** Every registered volunteer by number (an erased one has none: their number is free). */
async function loadExisting(db: Queryable): Promise<ExistingVolunteers> {
  return new Map((await listVolunteers(db)).filter((v) => v.phone !== '').map((v) => [v.phone, v]));
}

/**
 * Imports the good rows of the file in one transaction: new volunteers are added, and registered
 * ones (matched by number) get the row's changes. The file is checked again here, not trusted from
 * the preview: volunteers may have been added or edited since. An upload is taken (deleted) by the
 * import, so pressing confirm twice imports once. A number registered by someone else
 * in the meantime, or a volunteer whose number changed meanwhile, is skipped, not an error.
 */
export async function importVolunteers(ctx: Pick<ServiceContext, 'db' | 'now' | 'log'>, actor: Actor, source: CsvSource): Promise<ImportVolunteersResult> {
  const result = await importInTransaction(ctx, actor, source);
  if (result.ok && result.imported >= ANALYZE_AFTER_IMPORTED) await refreshPlannerStatistics(ctx);
  return result;
}

/** New volunteers enough to change how Postgres should plan a fill's ranking. */
export const ANALYZE_AFTER_IMPORTED = 500;

/**
 * The head of a fill's ranking (src/db/ranked-head.repo.ts) walks the rank index only while
 * Postgres knows the pool is large; before autovacuum's next round it took 5,000 freshly loaded
 * volunteers for a few rows and sorted them all, 33 ms a fill (issue 14). A dispatch right after
 * a big import should not pay that. The import has committed: a failure here only costs speed.
 */
async function refreshPlannerStatistics(ctx: Pick<ServiceContext, 'db' | 'log'>): Promise<void> {
  try {
    await analyzeVolunteers(ctx.db);
  } catch (err) {
    ctx.log.warn({ err }, 'ANALYZE volunteer after an import failed; autovacuum will refresh the statistics');
  }
}

async function importInTransaction(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, source: CsvSource): Promise<ImportVolunteersResult> {
  return inTransaction(ctx.db, async (trx) => {
    const csvText = await readSource(trx, actor, source, ctx.now(), takeCsvUpload);
    if (csvText === undefined) return { ok: false, error: { code: 'upload_gone' } };
    const read = await readVolunteerCsvInTurns(csvText, await loadExisting(trx));
    if (!read.ok) return read;
    const checked = withoutRequesterPhones(read, await listRequesterPhones(trx));
    const now = ctx.now();
    const { fresh, changed, unchanged } = splitGoodRows(checked.good);
    const inserted = await insertVolunteers(trx, fresh.map(({ volunteer: { optedOutOn, ...volunteer } }) => ({
      ...volunteer, optedOutAt: optedOutOn === null ? null : DateTime.fromISO(optedOutOn, { zone: OSLO }).toJSDate(),
    })));
    let updated = 0;
    for (const row of changed) if (await applyUpdate(trx, actor, row, now)) updated++;
    const imported = inserted.length;
    const skipped = checked.bad.length + fresh.length - imported + changed.length - updated;
    await insertAuditEvent(trx, actor, { action: 'volunteers_imported', subjectType: 'volunteer', detail: { imported, updated, unchanged, skipped } }, now);
    return { ok: true, imported, updated, unchanged, skipped };
  });
}

/** One registered volunteer's changes, under their row lock; false when their number changed since the file was read. */
async function applyUpdate(trx: Tx, actor: Actor, row: GoodRow, now: Date): Promise<boolean> {
  const update = row.update!;
  const current = await lockVolunteer(trx, update.id);
  if (!current || current.phone !== row.volunteer.phone) return false;
  const { optedOutOn: _ignored, ...fields }: CsvVolunteer = row.volunteer; // opting out stays the volunteer's own
  await saveVolunteerDetails(trx, update.id, { ...fields, absences: current.absences }, now);
  // Field names only, as for an edit on the page: values are personal data.
  await insertAuditEvent(trx, actor, { action: 'volunteer_updated', subjectType: 'volunteer', subjectId: update.id, detail: { changed: update.changes.map((c) => c.column), via: 'import' } }, now);
  return true;
}
