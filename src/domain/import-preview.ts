import type { BadRow, GoodRow } from './volunteer-csv';

/** Rows of each table on one page of an import preview: a 50,000-row file must not become megabytes of HTML. */
export const PREVIEW_PAGE_SIZE = 100;

/**
 * Where the file of a preview or an import is: kept for a coordinator between the steps (an
 * upload), or given as text (the service actor, and a page opened before uploads were kept).
 */
export type CsvSource = { uploadId: string } | { csvText: string };

export interface CheckedRows { good: GoodRow[]; bad: BadRow[] }

/**
 * What an import would do, counted, and one page of each kind of row: all a preview page shows.
 * Small enough to pass between threads, whatever the size of the file.
 */
export interface ImportPreviewSummary {
  counts: { fresh: number; changed: number; unchanged: number; bad: number };
  page: number;
  pages: number;
  rows: { fresh: GoodRow[]; changed: GoodRow[]; bad: BadRow[] };
}

/**
 * Rows whose number is a requester's (a nursing home ordering by SMS) are not imported: an SMS
 * from that number must mean one thing. `owners` maps those numbers to the requester's name.
 */
export function withoutRequesterPhones(checked: CheckedRows, owners: ReadonlyMap<string, string>): CheckedRows {
  if (owners.size === 0 || !checked.good.some((r) => owners.has(r.volunteer.phone))) return checked;
  const refused: BadRow[] = checked.good.filter((r) => owners.has(r.volunteer.phone))
    .map((r) => ({ line: r.line, name: r.volunteer.name, phone: r.volunteer.phone, problems: ['requester_phone'], requesterName: owners.get(r.volunteer.phone) }));
  return { good: checked.good.filter((r) => !owners.has(r.volunteer.phone)), bad: [...checked.bad, ...refused].sort((a, b) => a.line - b.line) };
}

/** New volunteers, registered ones the file changes, and rows that change nothing. */
export function splitGoodRows(good: GoodRow[]): { fresh: GoodRow[]; changed: GoodRow[]; unchanged: number } {
  const fresh = good.filter((r) => !r.update);
  const changed = good.filter((r) => r.update && r.update.changes.length > 0);
  return { fresh, changed, unchanged: good.length - fresh.length - changed.length };
}

/** The counts and the requested page (clamped to the pages there are; each kind is paged alike). */
export function summarizeImportPreview(checked: CheckedRows, requestedPage: number): ImportPreviewSummary {
  const { fresh, changed, unchanged } = splitGoodRows(checked.good);
  const pages = Math.max(1, Math.ceil(Math.max(fresh.length, changed.length, checked.bad.length) / PREVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, Number.isFinite(requestedPage) ? Math.trunc(requestedPage) : 1), pages);
  const slice = <T>(rows: T[]): T[] => rows.slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE);
  return {
    counts: { fresh: fresh.length, changed: changed.length, unchanged, bad: checked.bad.length },
    page,
    pages,
    rows: { fresh: slice(fresh), changed: slice(changed), bad: slice(checked.bad) },
  };
}
