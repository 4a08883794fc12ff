import { parse, type Info } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { formatAvailability } from './availability-text';
import { CONTACT_PREFERENCE_NAMES, type ContactPreference } from './contact-preference';
import type { AvailabilityWindow } from './matching';
import { OSLO, type TaskType } from './messages';
import { normalizePhone } from './phone';
import { TASK_TYPE_NAMES, TASK_TYPES, parseLanguage, parseTaskTypes, type VolunteerProfile } from './volunteer';
import {
  checkVolunteerForm, DATE_FIELDS, parseDay, type CheckedVolunteer, type VolunteerForm, type VolunteerFormErrors, type VolunteerFormField,
} from './volunteer-form';

// ---------------------------------------------------------------------------------------------
// Reading a CSV file of volunteers, as Excel (or Numbers, or LibreOffice) exports it.
// ---------------------------------------------------------------------------------------------

export type RowProblem =
  | 'missing_name' | 'invalid_phone' | 'not_mobile' | 'landline_needs_call' | 'invalid_contact_preference' | 'unsupported_language' | 'unknown_task_type'
  | 'invalid_date' | 'invalid_availability' | 'invalid_weekly_limit' | 'too_long'
  | 'duplicate_in_file' | 'number_of_other_person' | 'requester_phone';

export interface CsvVolunteer extends CheckedVolunteer {
  /** The day the volunteer said STOPP, from an exported file's «Meldt av»: they stay opted out. */
  optedOutOn: string | null;
}

/** One column an import would change for a volunteer already registered, as the export writes it. */
export interface FieldChange { column: string; before: string; after: string }

/**
 * A row to import: a new volunteer, or (`update`) one already registered under the same number,
 * with what would change (nothing: the row is as stored).
 */
export interface GoodRow { line: number; volunteer: CsvVolunteer; update?: { id: string; name: string; changes: FieldChange[] } }

/** A registered volunteer as an import compares a row with it. */
export interface ExistingVolunteer extends VolunteerCsvExportRow { id: string }
/** Registered volunteers by number (E.164). */
export type ExistingVolunteers = ReadonlyMap<string, ExistingVolunteer>;
/** A row that will not be imported, with what the coordinator typed and every reason why. */
export interface BadRow {
  line: number;
  name: string;
  phone: string;
  problems: RowProblem[];
  sameAsLine?: number;
  /** The requester (a nursing home) the row's number belongs to, for `requester_phone`. */
  requesterName?: string;
  /** Who the first row with that number names (duplicate_in_file). */
  sameAsName?: string;
  /** The registered volunteer whose number this is, when the row names somebody else. */
  holder?: { id: string; name: string };
  /** The headers (as the file writes them) of the columns whose date could not be read. */
  badDateColumns?: string[];
}

export type CsvFileError =
  | { code: 'spreadsheet' } // an Excel workbook, not a CSV export of it
  | { code: 'upload_gone' } // the kept file expired, was imported already, or is another coordinator's
  | { code: 'empty' }
  | { code: 'unreadable'; line?: number }
  | { code: 'missing_columns'; missing: ('name' | 'phone')[] };

export type VolunteerCsvResult = { ok: true; good: GoodRow[]; bad: BadRow[] } | { ok: false; error: CsvFileError };

type DateColumn = (typeof DATE_FIELDS)[number] | 'optedOutOn';
type Column = 'name' | 'phone' | 'language' | 'contactPreference' | 'areas' | 'taskTypes' | 'notes' | 'availability' | 'maxTasksPerWeek' | DateColumn;

// Header names, compared lower-cased with '_' and '-' read as spaces. The export's headers are among
// them, so an exported file imports with every detail, and so are the admin form's labels.
const HEADER_NAMES: Record<string, Column> = {
  navn: 'name', name: 'name', 'fullt navn': 'name', 'full name': 'name',
  telefon: 'phone', mobil: 'phone', phone: 'phone', tlf: 'phone', telefonnummer: 'phone', mobilnummer: 'phone', mobile: 'phone', 'phone number': 'phone',
  språk: 'language', sprak: 'language', language: 'language',
  områder: 'areas', område: 'areas', omrader: 'areas', areas: 'areas', area: 'areas',
  oppgaver: 'taskTypes', oppgavetyper: 'taskTypes', 'task types': 'taskTypes', tasks: 'taskTypes',
  notater: 'notes', notat: 'notes', merknader: 'notes', notes: 'notes',
  'avtale signert': 'agreementSignedOn', avtale: 'agreementSignedOn', 'agreement signed': 'agreementSignedOn', agreement: 'agreementSignedOn',
  taushetserklæring: 'confidentialitySignedOn', 'taushetserklæring signert': 'confidentialitySignedOn', taushetserklaering: 'confidentialitySignedOn',
  confidentiality: 'confidentialitySignedOn', 'confidentiality signed': 'confidentialitySignedOn',
  politiattest: 'policeCertificateOn', 'police certificate': 'policeCertificateOn',
  opplæring: 'trainingOn', 'opplæring gjennomført': 'trainingOn', opplaering: 'trainingOn', training: 'trainingOn',
  'pause til': 'pausedUntil', 'paused until': 'pausedUntil',
  tilgjengelig: 'availability', tilgjengelighet: 'availability', availability: 'availability', available: 'availability',
  'maks per uke': 'maxTasksPerWeek', 'maks oppdrag per uke': 'maxTasksPerWeek', 'høyst antall oppdrag per uke': 'maxTasksPerWeek',
  'max per week': 'maxTasksPerWeek', 'max tasks per week': 'maxTasksPerWeek',
  kontakt: 'contactPreference', kontaktmåte: 'contactPreference', kontaktmate: 'contactPreference', 'tilbud på': 'contactPreference',
  'contact preference': 'contactPreference', contact: 'contactPreference', 'contact by': 'contactPreference',
  'meldt av': 'optedOutOn', 'opted out': 'optedOutOn',
};

/** A row's problems are listed in the order of the admin form's fields, whatever the file's column order. */
const FORM_PROBLEM_ORDER: VolunteerFormField[] = [
  'name', 'language', 'phone', 'contactPreference', 'taskTypes', ...DATE_FIELDS, 'availability', 'maxTasksPerWeek', 'notes', 'areas',
];

export interface CsvRecord { line: number; cells: string[] }

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
 * Reads and checks every row of a volunteer CSV. Nothing is stored; `existing` are the volunteers
 * already registered, by number: a row with one of their numbers updates them (an edited export
 * coming back) when it names the same person. The first of two rows with the same number is good,
 * the later one bad.
 */
export function readVolunteerCsv(text: string, existing: ExistingVolunteers): VolunteerCsvResult {
  const records = parseRecords(text);
  if (!Array.isArray(records)) return { ok: false, error: records };
  const [header, ...rows] = records;
  if (!header) return { ok: false, error: { code: 'empty' } };
  const reader = startVolunteerCsv(header.cells, existing);
  if (!('checkRow' in reader)) return { ok: false, error: reader };
  for (const record of rows) reader.checkRow(record);
  return reader.result();
}

/** Checks rows one by one, so a caller can read a large file in pieces and let others run between them. */
export interface VolunteerCsvReader {
  checkRow(record: CsvRecord): void;
  result(): VolunteerCsvResult;
}

/** A reader for the rows under this header, or why the header will not do. */
export function startVolunteerCsv(headerCells: string[], existing: ExistingVolunteers): VolunteerCsvReader | CsvFileError {
  const columns = mapColumns(headerCells);
  const missing = (['name', 'phone'] as const).filter((c) => columns.index[c] === undefined);
  if (missing.length > 0) return { code: 'missing_columns', missing: [...missing] };
  const good: GoodRow[] = [];
  const bad: BadRow[] = [];
  const firstOfPhone = new Map<string, { line: number; name: string }>();
  return {
    checkRow(record) {
      if (!record.cells.some((cell) => cell !== '')) return; // blank lines and Excel's ";;;" rows
      const checked = checkRow(record, columns, existing, firstOfPhone);
      if ('volunteer' in checked) good.push(checked);
      else bad.push(checked);
    },
    result: () => ({ ok: true, good, bad }),
  };
}

/** One line ending throughout: csv-parse counts a CRLF inside a quoted field as two lines. */
export function normalizeCsvText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** How csv-parse reads a (normalized) volunteer file, for the whole-text and the streaming reader alike. */
export function csvParseOptions(normalized: string) {
  return { delimiter: detectDelimiter(normalized), info: true, relax_column_count: true, relax_quotes: true, trim: true } as const;
}

function parseRecords(text: string): CsvRecord[] | CsvFileError {
  const normalized = normalizeCsvText(text);
  if (!normalized.trim()) return { code: 'empty' };
  try {
    const parsed = parse(normalized, csvParseOptions(normalized)) as unknown as { record: string[]; info: Info }[]; // with `info: true` (the typings do not model it)
    return parsed
      .map(({ record, info }) => ({ line: findStartLine(record, info.lines), cells: record }))
      .filter((r) => r.cells.some((cell) => cell !== '')); // blank lines and Excel's ";;;" rows
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    return { code: 'unreadable', line: typeof line === 'number' ? line : undefined };
  }
}

/** The line a record starts on: csv-parse reports where it ends, and quoted cells may span lines. */
export function findStartLine(cells: string[], endLine: number): number {
  const innerBreaks = cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return endLine - innerBreaks;
}

/** The separator of the header line, counted outside quotes: Norwegian Excel writes ';', others ','. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  // Only the first non-blank line is looked at; splitting a whole 2 MB file would cost 50 ms.
  const start = text.search(/\S/);
  const end = start < 0 ? -1 : text.indexOf('\n', start);
  const firstLine = start < 0 ? '' : text.slice(text.lastIndexOf('\n', start) + 1, end < 0 ? undefined : end);
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = ([';', ',', '\t'] as const).map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ';';
}

interface ColumnMap { index: Partial<Record<Column, number>>; header: Partial<Record<Column, string>> }

function mapColumns(headerCells: string[]): ColumnMap {
  const columns: ColumnMap = { index: {}, header: {} };
  headerCells.forEach((cell, index) => {
    const key = cell.toLowerCase().replace(/[_-]/g, ' ').replace(/\s+/g, ' ').trim();
    const column = HEADER_NAMES[key];
    if (column && columns.index[column] === undefined) {
      columns.index[column] = index;
      columns.header[column] = cell;
    }
  });
  return columns;
}

/**
 * One row through the admin form's own check, so a file cannot store what the form would refuse.
 * Blank cells and missing columns are blank fields; a blank task types cell means every task type.
 */
function checkRow(record: CsvRecord, columns: ColumnMap, existing: ExistingVolunteers, firstOfPhone: Map<string, { line: number; name: string }>): GoodRow | BadRow {
  const cell = (c: Column) => (columns.index[c] === undefined ? '' : (record.cells[columns.index[c]] ?? ''));
  const taskTypes = cell('taskTypes') ? parseTaskTypes(cell('taskTypes')) : [...TASK_TYPES];
  const form: VolunteerForm = {
    name: cell('name'), phone: cell('phone'), language: parseLanguage(cell('language')) ?? cell('language'),
    contactPreference: cell('contactPreference'),
    taskTypes: taskTypes ?? [], areas: cell('areas'), notes: cell('notes'),
    agreementSignedOn: cell('agreementSignedOn'), confidentialitySignedOn: cell('confidentialitySignedOn'),
    policeCertificateOn: cell('policeCertificateOn'), trainingOn: cell('trainingOn'), pausedUntil: cell('pausedUntil'),
    availability: cell('availability'), maxTasksPerWeek: cell('maxTasksPerWeek'),
  };
  const checked = checkVolunteerForm(form);
  const errors: VolunteerFormErrors = checked.ok ? {} : checked.errors;
  if (taskTypes === undefined) errors.taskTypes = 'unknown_task_type';
  const optedOutOn = parseDay(cell('optedOutOn'));

  const problems: RowProblem[] = [];
  for (const field of FORM_PROBLEM_ORDER) {
    const problem = errors[field];
    if (problem && problem !== 'duplicate' && !problems.includes(problem)) problems.push(problem);
  }
  if (optedOutOn === undefined && !problems.includes('invalid_date')) problems.push('invalid_date');
  const badDateColumns = ([...DATE_FIELDS, 'optedOutOn'] as const)
    .filter((c) => (c === 'optedOutOn' ? optedOutOn === undefined : errors[c] === 'invalid_date'))
    .map((c) => columns.header[c] ?? c);

  // Duplicates are told even when the row has other problems, so one round of fixes is enough.
  // A good row's number is already normalized by the form check; only a bad row's is read again
  // (landlines too: a called volunteer may have one).
  const phone = checked.ok ? checked.volunteer.phone : e164Or(form.phone);
  const first = phone ? firstOfPhone.get(phone) : undefined;
  const holder = phone ? existing.get(phone) : undefined;
  if (first) problems.push('duplicate_in_file');
  else if (phone) firstOfPhone.set(phone, { line: record.line, name: form.name });
  if (holder && form.name.trim() && !isSamePerson(holder.name, form.name)) problems.push('number_of_other_person');
  if (!checked.ok || problems.length > 0 || optedOutOn === undefined) {
    return {
      line: record.line, name: form.name, phone: form.phone, problems,
      ...(first ? { sameAsLine: first.line, sameAsName: first.name } : {}),
      ...(problems.includes('number_of_other_person') && holder ? { holder: { id: holder.id, name: holder.name } } : {}),
      ...(badDateColumns.length > 0 ? { badDateColumns } : {}),
    };
  }
  const volunteer = { ...checked.volunteer, optedOutOn };
  if (!holder) return { line: record.line, volunteer };
  const merged = keepMissingColumns(volunteer, holder, columns);
  return { line: record.line, volunteer: merged, update: { id: holder.id, name: holder.name, changes: compareWithExisting(holder, merged) } };
}

/** Fields a registered volunteer keeps when the file has no column for them (a short list of names and numbers changes only those). */
const KEPT_WHEN_MISSING = ['language', 'areas', 'taskTypes', 'notes', ...DATE_FIELDS, 'availability', 'maxTasksPerWeek'] as const;

function keepMissingColumns(row: CsvVolunteer, holder: ExistingVolunteer, columns: ColumnMap): CsvVolunteer {
  const kept: CsvVolunteer = { ...row };
  for (const field of KEPT_WHEN_MISSING) {
    if (columns.index[field] !== undefined) continue;
    (kept as unknown as Record<string, unknown>)[field] = holder[field];
  }
  return kept;
}

/**
 * Does a row name the person registered under its number? A corrected spelling or a new surname
 * keeps at least one name in common ('Kari Nordman' → 'Kari Nordmann'); a different person does not.
 */
export function isSamePerson(registered: string, named: string): boolean {
  const words = (name: string) => new Set(name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 2));
  const known = words(registered);
  return [...words(named)].some((w) => known.has(w));
}

/** Columns an import never changes for someone registered: the number is how the row was matched, and opting out is the volunteer's own. */
const NOT_UPDATED = new Set(['Telefon', 'Meldt av']);

/** What would change, column by column, written as the export writes it (so an unedited export changes nothing). */
function compareWithExisting(holder: ExistingVolunteer, row: CsvVolunteer): FieldChange[] {
  const asRow: VolunteerCsvExportRow = { ...row, optedOutAt: null };
  return EXPORT_COLUMNS.filter((c) => !NOT_UPDATED.has(c.header))
    .map((c) => ({ column: c.header, before: c.value(holder), after: c.value(asRow) }))
    .filter((c) => c.before !== c.after);
}

// ---------------------------------------------------------------------------------------------
// Writing the volunteer list as CSV for Excel.
// ---------------------------------------------------------------------------------------------

export interface VolunteerCsvExportRow extends VolunteerProfile {
  name: string;
  phone: string;
  language: string;
  contactPreference: ContactPreference;
  /** As stored: every window was checked when it was saved. */
  availability: readonly { weekday: number; from: string; to: string }[];
  maxTasksPerWeek: number | null;
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
  { header: 'Tilgjengelig', value: (v) => formatAvailability(v.availability as AvailabilityWindow[]) },
  { header: 'Maks per uke', value: (v) => (v.maxTasksPerWeek === null ? '' : String(v.maxTasksPerWeek)) },
  { header: 'Meldt av', value: (v) => (v.optedOutAt ? DateTime.fromJSDate(v.optedOutAt, { zone: OSLO }).toISODate() ?? '' : '') },
  { header: 'Kontakt', value: (v) => CONTACT_PREFERENCE_NAMES[v.contactPreference] },
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

function e164Or(phone: string): string | undefined {
  const normalized = normalizePhone(phone);
  return normalized.ok ? normalized.e164 : undefined;
}
