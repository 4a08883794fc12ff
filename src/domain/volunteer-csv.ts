import { parse, type Info } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { DEFAULT_LANGUAGE, OSLO, type TaskType } from './messages';
import { TASK_TYPE_NAMES, checkVolunteerIdentity, parseLanguage, parseTaskTypes, splitAreas } from './volunteer';

// ---------------------------------------------------------------------------------------------
// Reading a CSV file of volunteers, as Excel (or Numbers, or LibreOffice) exports it.
// ---------------------------------------------------------------------------------------------

export type RowProblem =
  | 'missing_name' | 'invalid_phone' | 'not_mobile' | 'unsupported_language' | 'unknown_task_type'
  | 'duplicate_in_file' | 'already_exists';

export interface CsvVolunteer {
  name: string;
  phone: string; // E.164
  language: string;
  areas: string[];
  /** Undefined when the file has no task types for the row: the volunteer gets the default (all). */
  taskTypes: TaskType[] | undefined;
}

export interface GoodRow { line: number; volunteer: CsvVolunteer }
/** A row that will not be imported, with what the coordinator typed and every reason why. */
export interface BadRow { line: number; name: string; phone: string; problems: RowProblem[]; sameAsLine?: number }

export type CsvFileError =
  | { code: 'spreadsheet' } // an Excel workbook, not a CSV export of it
  | { code: 'empty' }
  | { code: 'unreadable'; line?: number }
  | { code: 'missing_columns'; missing: ('name' | 'phone')[] };

export type VolunteerCsvResult = { ok: true; good: GoodRow[]; bad: BadRow[] } | { ok: false; error: CsvFileError };

type Column = 'name' | 'phone' | 'language' | 'areas' | 'taskTypes';

// Header names, compared lower-cased with '_' and '-' read as spaces.
const HEADER_NAMES: Record<string, Column> = {
  navn: 'name', name: 'name', 'fullt navn': 'name', 'full name': 'name',
  telefon: 'phone', mobil: 'phone', phone: 'phone', tlf: 'phone', telefonnummer: 'phone', mobilnummer: 'phone', mobile: 'phone', 'phone number': 'phone',
  språk: 'language', sprak: 'language', language: 'language',
  områder: 'areas', område: 'areas', omrader: 'areas', areas: 'areas', area: 'areas',
  oppgaver: 'taskTypes', oppgavetyper: 'taskTypes', 'task types': 'taskTypes', tasks: 'taskTypes',
};

interface CsvRecord { line: number; cells: string[] }

/**
 * Bytes of an uploaded file as text. Excel's "CSV UTF-8" is UTF-8 with a BOM; its plain "CSV" is
 * Windows-1252 on Norwegian Windows, so bytes that are not valid UTF-8 are read as that instead of
 * turning every æ, ø and å into a replacement character.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/** An Excel workbook (.xlsx is a zip, .xls an OLE file) uploaded instead of a CSV export of it. */
export function isSpreadsheetFile(bytes: Uint8Array): boolean {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  return starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0);
}

/**
 * Reads and checks every row of a volunteer CSV. Nothing is stored; `existingPhones` (E.164) are the
 * volunteers already registered. The first of two rows with the same number is good, the later one bad.
 */
export function readVolunteerCsv(text: string, existingPhones: ReadonlySet<string>): VolunteerCsvResult {
  const records = parseRecords(text);
  if (!Array.isArray(records)) return { ok: false, error: records };
  const [header, ...rows] = records;
  if (!header) return { ok: false, error: { code: 'empty' } };
  const columns = mapColumns(header.cells);
  const missing = (['name', 'phone'] as const).filter((c) => columns[c] === undefined);
  if (missing.length > 0) return { ok: false, error: { code: 'missing_columns', missing: [...missing] } };

  const good: GoodRow[] = [];
  const bad: BadRow[] = [];
  const firstLineOfPhone = new Map<string, number>();
  for (const record of rows) {
    const checked = checkRow(record, columns, existingPhones, firstLineOfPhone);
    if ('volunteer' in checked) good.push(checked);
    else bad.push(checked);
  }
  return { ok: true, good, bad };
}

function parseRecords(text: string): CsvRecord[] | CsvFileError {
  // One line ending throughout: csv-parse counts a CRLF inside a quoted field as two lines.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!normalized.trim()) return { code: 'empty' };
  try {
    const parsed = parse(normalized, {
      delimiter: detectDelimiter(normalized), info: true, relax_column_count: true, relax_quotes: true, trim: true,
    }) as unknown as { record: string[]; info: Info }[]; // with `info: true` (the typings do not model it)
    return parsed
      .map(({ record, info }) => ({ line: findStartLine(record, info.lines), cells: record }))
      .filter((r) => r.cells.some((cell) => cell !== '')); // blank lines and Excel's ";;;" rows
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    return { code: 'unreadable', line: typeof line === 'number' ? line : undefined };
  }
}

/** The line a record starts on: csv-parse reports where it ends, and quoted cells may span lines. */
function findStartLine(cells: string[], endLine: number): number {
  const innerBreaks = cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return endLine - innerBreaks;
}

/** The separator of the header line, counted outside quotes: Norwegian Excel writes ';', others ','. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = ([';', ',', '\t'] as const).map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ';';
}

function mapColumns(headerCells: string[]): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  headerCells.forEach((cell, index) => {
    const key = cell.toLowerCase().replace(/[_-]/g, ' ').replace(/\s+/g, ' ').trim();
    const column = HEADER_NAMES[key];
    if (column && columns[column] === undefined) columns[column] = index;
  });
  return columns;
}

function checkRow(record: CsvRecord, columns: Partial<Record<Column, number>>, existingPhones: ReadonlySet<string>, firstLineOfPhone: Map<string, number>): GoodRow | BadRow {
  const cell = (c: Column) => (columns[c] === undefined ? '' : (record.cells[columns[c]] ?? ''));
  const name = cell('name');
  const phoneText = cell('phone');
  const language = parseLanguage(cell('language'));
  const taskTypes = cell('taskTypes') ? parseTaskTypes(cell('taskTypes')) : undefined;

  const identity = checkVolunteerIdentity({ name, phone: phoneText, language: language ?? DEFAULT_LANGUAGE });
  const problems: RowProblem[] = identity.ok ? [] : identity.problems.map((p) => p.code);
  if (language === undefined) problems.push('unsupported_language');
  if (cell('taskTypes') && taskTypes === undefined) problems.push('unknown_task_type');

  let sameAsLine: number | undefined;
  if (identity.ok) {
    sameAsLine = firstLineOfPhone.get(identity.phone);
    if (existingPhones.has(identity.phone)) problems.push('already_exists');
    else if (sameAsLine !== undefined) problems.push('duplicate_in_file');
    else firstLineOfPhone.set(identity.phone, record.line);
  }
  if (!identity.ok || problems.length > 0) {
    return { line: record.line, name, phone: phoneText, problems, ...(problems.includes('duplicate_in_file') ? { sameAsLine } : {}) };
  }
  return { line: record.line, volunteer: { name: identity.name, phone: identity.phone, language: identity.language, areas: splitAreas(cell('areas')), taskTypes } };
}

// ---------------------------------------------------------------------------------------------
// Writing the volunteer list as CSV for Excel.
// ---------------------------------------------------------------------------------------------

export interface VolunteerCsvExportRow {
  name: string;
  phone: string;
  language: string;
  areas: string[];
  taskTypes: string[];
  notes: string;
  agreementSignedOn: string | null;
  confidentialitySignedOn: string | null;
  policeCertificateOn: string | null;
  trainingOn: string | null;
  pausedUntil: string | null;
  optedOutAt: Date | null;
}

const EXPORT_COLUMNS: { header: string; value: (v: VolunteerCsvExportRow) => string }[] = [
  { header: 'Navn', value: (v) => v.name },
  { header: 'Telefon', value: (v) => v.phone },
  { header: 'Språk', value: (v) => v.language },
  { header: 'Områder', value: (v) => v.areas.join(', ') },
  { header: 'Oppgaver', value: (v) => v.taskTypes.map((t) => TASK_TYPE_NAMES[t as TaskType] ?? t).join(', ') },
  { header: 'Notater', value: (v) => v.notes },
  { header: 'Avtale signert', value: (v) => v.agreementSignedOn ?? '' },
  { header: 'Taushetserklæring', value: (v) => v.confidentialitySignedOn ?? '' },
  { header: 'Politiattest', value: (v) => v.policeCertificateOn ?? '' },
  { header: 'Opplæring', value: (v) => v.trainingOn ?? '' },
  { header: 'Pause til', value: (v) => v.pausedUntil ?? '' },
  { header: 'Meldt av', value: (v) => (v.optedOutAt ? DateTime.fromJSDate(v.optedOutAt, { zone: OSLO }).toISODate() ?? '' : '') },
];

/**
 * Semicolon-separated, CRLF, UTF-8 with a BOM: what Norwegian Excel opens correctly with a double
 * click. The headers are the ones the import reads, so an exported file can be imported elsewhere.
 */
export function formatVolunteersCsv(volunteers: VolunteerCsvExportRow[]): string {
  const rows = volunteers.map((v) => EXPORT_COLUMNS.map((c) => defuseFormula(c.value(v))));
  return stringify(rows, {
    delimiter: ';', record_delimiter: 'windows', bom: true, header: true, columns: EXPORT_COLUMNS.map((c) => c.header),
    quoted_match: /[\r\n]/, // csv-stringify only quotes the record delimiter itself (CRLF), not a lone \n in notes
  });
}

/**
 * A cell starting with = + - or @ is run as a formula by spreadsheets (CSV injection); a leading
 * apostrophe keeps it text. Phone numbers ('+47…', digits only) are ours and safe, so they pass.
 */
function defuseFormula(value: string): string {
  if (/^\+\d+$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
