import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { summarizeImportPreview, withoutRequesterPhones, type ImportPreviewSummary } from '../domain/import-preview';
import type { CsvFileError, ExistingVolunteers } from '../domain/volunteer-csv';
import { readVolunteerCsvInTurns } from './read-volunteer-csv';

export interface CsvPreviewInput {
  csvText: string;
  existing: ExistingVolunteers;
  /** Requesters' numbers, to the requester's name. */
  requesterOwners: ReadonlyMap<string, string>;
  page: number;
}

export type CsvPreviewOutput = { ok: true; summary: ImportPreviewSummary } | { ok: false; error: CsvFileError };

/** The preview thread died (out of memory, a bug) instead of answering. */
export class CsvPreviewThreadError extends Error {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`the CSV preview thread failed: ${detail}`, options);
    this.name = 'CsvPreviewThreadError';
  }
}

/** Heap for one preview thread: a 50,000-row file peaks near 100 MB; a larger one fails alone. */
const PREVIEW_HEAP_MB = 512;

/**
 * Files up to this size are checked in the web thread, in turns: starting a thread costs about
 * 0.25 s, more than checking a municipality's few hundred volunteers.
 */
const IN_THREAD_MAX_CHARS = 100_000;

/** Reads and checks a file: its counts and one page of rows. */
export async function previewCsv(input: CsvPreviewInput): Promise<CsvPreviewOutput> {
  const checked = await readVolunteerCsvInTurns(input.csvText, input.existing);
  if (!checked.ok) return checked;
  return { ok: true, summary: summarizeImportPreview(withoutRequesterPhones(checked, input.requesterOwners), input.page) };
}

/**
 * previewCsv, a large file in a thread of its own. Checking 50,000 rows allocates a few
 * hundred megabytes; in the web thread the garbage collector's pauses for that heap (up to 0.5 s
 * under load) would hold every other request up. Here the web thread only copies the text in and
 * one page out.
 */
export function checkCsvForPreview(input: CsvPreviewInput): Promise<CsvPreviewOutput> {
  if (input.csvText.length <= IN_THREAD_MAX_CHARS) return previewCsv(input);
  const worker = startWorker(input);
  return new Promise((resolve, reject) => {
    worker.once('message', (output: CsvPreviewOutput) => resolve(output));
    worker.once('error', (err) => reject(new CsvPreviewThreadError(err.message, { cause: err })));
    worker.once('exit', (code) => reject(new CsvPreviewThreadError(`exited with code ${code} before answering`)));
  });
}

function startWorker(workerData: CsvPreviewInput): Worker {
  const entry = path.join(__dirname, `csv-preview.worker${path.extname(__filename)}`);
  const options: WorkerOptions = { workerData, resourceLimits: { maxOldGenerationSizeMb: PREVIEW_HEAP_MB } };
  if (!entry.endsWith('.ts')) return new Worker(entry, options);
  // Running from source (jest, tsx): a worker cannot start from a .ts file, so it registers tsx's
  // require hook first and then loads the entry.
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
  return new Worker(code, { ...options, eval: true });
}
