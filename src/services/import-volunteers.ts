import { DateTime } from 'luxon';
import type { Actor } from '../domain/access';
import { OSLO } from '../domain/messages';
import { decodeCsvBytes, isSpreadsheetFile, type CsvFileError, type GoodRow, type BadRow } from '../domain/volunteer-csv';
import { insertAuditEvent } from '../db/audit.repo';
import { inTransaction } from '../db/transaction';
import type { Queryable } from '../db/database';
import { listRequesterPhones } from '../db/requester.repo';
import { insertVolunteers, listVolunteerPhones } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import { readVolunteerCsvInTurns } from './read-volunteer-csv';

export type ImportVolunteersResult = { ok: true; imported: number; skipped: number } | { ok: false; error: CsvFileError };

export type ImportPreview = { ok: true; csvText: string; good: GoodRow[]; bad: BadRow[] } | { ok: false; error: CsvFileError };

/** What an import of this uploaded file would do, row by row. Stores nothing. */
export async function previewVolunteerImport(ctx: Pick<ServiceContext, 'db'>, bytes: Uint8Array): Promise<ImportPreview> {
  if (isSpreadsheetFile(bytes)) return { ok: false, error: { code: 'spreadsheet' } };
  return previewVolunteerText(ctx, decodeCsvBytes(bytes));
}

/** The same for a file already read as text (a later page of the preview). */
export async function previewVolunteerText(ctx: Pick<ServiceContext, 'db'>, csvText: string): Promise<ImportPreview> {
  const checked = await readVolunteerCsvInTurns(csvText, await listVolunteerPhones(ctx.db));
  return checked.ok ? { ok: true, ...(await withoutRequesterPhones(ctx.db, checked)), csvText } : checked;
}

/** Rows whose number is a requester's (a nursing home ordering by SMS) are not imported: an SMS from it must mean one thing. */
async function withoutRequesterPhones(db: Queryable, checked: { good: GoodRow[]; bad: BadRow[] }): Promise<{ good: GoodRow[]; bad: BadRow[] }> {
  const owners = await listRequesterPhones(db);
  if (!checked.good.some((r) => owners.has(r.volunteer.phone))) return checked;
  const refused: BadRow[] = checked.good.filter((r) => owners.has(r.volunteer.phone))
    .map((r) => ({ line: r.line, name: r.volunteer.name, phone: r.volunteer.phone, problems: ['requester_phone'], requesterName: owners.get(r.volunteer.phone) }));
  return { good: checked.good.filter((r) => !owners.has(r.volunteer.phone)), bad: [...checked.bad, ...refused].sort((a, b) => a.line - b.line) };
}

/**
 * Imports the good rows of the file in one transaction. The file is checked again here, not trusted
 * from the preview: volunteers may have been added since. A number registered by someone else in
 * the meantime is skipped, not an error.
 */
export async function importVolunteers(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Actor, csvText: string): Promise<ImportVolunteersResult> {
  return inTransaction(ctx.db, async (trx) => {
    const read = await readVolunteerCsvInTurns(csvText, await listVolunteerPhones(trx));
    if (!read.ok) return read;
    const checked = await withoutRequesterPhones(trx, read);
    const inserted = await insertVolunteers(trx, checked.good.map(({ volunteer: { optedOutOn, ...volunteer } }) => ({
      ...volunteer, optedOutAt: optedOutOn === null ? null : DateTime.fromISO(optedOutOn, { zone: OSLO }).toJSDate(),
    })));
    const imported = inserted.length;
    const skipped = checked.bad.length + checked.good.length - imported;
    await insertAuditEvent(trx, actor, { action: 'volunteers_imported', subjectType: 'volunteer', detail: { imported, skipped } }, ctx.now());
    return { ok: true, imported, skipped };
  });
}
