import { setImmediate as nextTurn } from 'node:timers/promises';
import { DateTime } from 'luxon';
import type { Actor } from '../domain/access';
import { OSLO } from '../domain/messages';
import { decodeCsvBytes, isSpreadsheetFile, type CsvFileError, type CsvVolunteer, type ExistingVolunteers, type GoodRow, type BadRow } from '../domain/volunteer-csv';
import { insertAuditEvent } from '../db/audit.repo';
import type { Queryable, Tx } from '../db/database';
import { inTransaction } from '../db/transaction';
import { listRequesterPhones } from '../db/requester.repo';
import { insertVolunteers, listVolunteers, lockVolunteer, saveVolunteerDetails } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { readVolunteerCsvInTurns } from './read-volunteer-csv';

export type ImportVolunteersResult = { ok: true; imported: number; updated: number; unchanged: number; skipped: number } | { ok: false; error: CsvFileError };

export type ImportPreview = { ok: true; csvText: string; good: GoodRow[]; bad: BadRow[] } | { ok: false; error: CsvFileError };

/** What an import of this uploaded file would do, row by row. Stores nothing. */
export async function previewVolunteerImport(ctx: Pick<ServiceContext, 'db'>, bytes: Uint8Array): Promise<ImportPreview> {
  if (isSpreadsheetFile(bytes)) return { ok: false, error: { code: 'spreadsheet' } };
  return previewVolunteerText(ctx, decodeCsvBytes(bytes));
}

/** The same for a file already read as text (a later page of the preview). */
export async function previewVolunteerText(ctx: Pick<ServiceContext, 'db'>, csvText: string): Promise<ImportPreview> {
  const checked = await readVolunteerCsvInTurns(csvText, await loadExisting(ctx.db));
  if (!checked.ok) return checked;
  const rows = await withoutRequesterPhones(ctx.db, checked);
  // The page is rendered next: a turn of the event loop in between keeps the scan of 50,000 rows
  // and the rendering from holding other requests up as one block.
  await nextTurn();
  return { ok: true, ...rows, csvText };
}

/** Rows whose number is a requester's (a nursing home ordering by SMS) are not imported: an SMS from it must mean one thing. */
async function withoutRequesterPhones(db: Queryable, checked: { good: GoodRow[]; bad: BadRow[] }): Promise<{ good: GoodRow[]; bad: BadRow[] }> {
  const owners = await listRequesterPhones(db);
  if (owners.size === 0 || !checked.good.some((r) => owners.has(r.volunteer.phone))) return checked;
  const refused: BadRow[] = checked.good.filter((r) => owners.has(r.volunteer.phone))
    .map((r) => ({ line: r.line, name: r.volunteer.name, phone: r.volunteer.phone, problems: ['requester_phone'], requesterName: owners.get(r.volunteer.phone) }));
  return { good: checked.good.filter((r) => !owners.has(r.volunteer.phone)), bad: [...checked.bad, ...refused].sort((a, b) => a.line - b.line) };
}

/** Every registered volunteer by number (an erased one has none: their number is free). */
async function loadExisting(db: Queryable): Promise<ExistingVolunteers> {
  return new Map((await listVolunteers(db)).filter((v) => v.phone !== '').map((v) => [v.phone, v]));
}

/**
 * Imports the good rows of the file in one transaction: new volunteers are added, and registered
 * ones (matched by number) get the row's changes. The file is checked again here, not trusted from
 * the preview: volunteers may have been added or edited since. A number registered by someone else
 * in the meantime, or a volunteer whose number changed meanwhile, is skipped, not an error.
 */
export async function importVolunteers(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, csvText: string): Promise<ImportVolunteersResult> {
  return inTransaction(ctx.db, async (trx) => {
    const read = await readVolunteerCsvInTurns(csvText, await loadExisting(trx));
    if (!read.ok) return read;
    const checked = await withoutRequesterPhones(trx, read);
    const now = ctx.now();
    const fresh = checked.good.filter((r) => !r.update);
    const inserted = await insertVolunteers(trx, fresh.map(({ volunteer: { optedOutOn, ...volunteer } }) => ({
      ...volunteer, optedOutAt: optedOutOn === null ? null : DateTime.fromISO(optedOutOn, { zone: OSLO }).toJSDate(),
    })));
    const changed = checked.good.filter((r) => r.update && r.update.changes.length > 0);
    let updated = 0;
    for (const row of changed) if (await applyUpdate(trx, actor, row, now)) updated++;
    const imported = inserted.length;
    const unchanged = checked.good.length - fresh.length - changed.length;
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
