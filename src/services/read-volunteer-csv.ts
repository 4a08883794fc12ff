import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import { hasUnreadableCharacters } from '../domain/unreadable-text';
import {
  csvParseOptions, findStartLine, normalizeCsvText, startVolunteerCsv, type CsvFileError, type ExistingVolunteers, type VolunteerCsvReader, type VolunteerCsvResult,
} from '../domain/volunteer-csv';

/** Characters fed to the parser at a time. */
const CHUNK_CHARS = 2 * 1024;
/**
 * Rows checked between two turns of the event loop. Checking a row (phone metadata, dates) takes
 * up to about 0.2 ms, so a turn stays well under the 100 ms a web process may be blocked.
 */
const ROWS_PER_TURN = 10;

function* chunksOf(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK_CHARS) yield text.slice(i, i + CHUNK_CHARS);
}

/** The 1-based line of the first character no person types (a NUL in an exported file means it is damaged). */
function lineOfUnreadable(text: string): number | undefined {
  if (!hasUnreadableCharacters(text)) return undefined;
  const index = [...text].findIndex((ch) => hasUnreadableCharacters(ch));
  return text.slice(0, Math.max(0, index)).split('\n').length;
}

/**
 * readVolunteerCsv for files of any size: the text is parsed as a stream and checked in pieces,
 * with the event loop free between them, so one 50,000-row upload does not stall every other
 * request of the process. Same rules, same result.
 */
export async function readVolunteerCsvInTurns(text: string, existing: ExistingVolunteers): Promise<VolunteerCsvResult> {
  const normalized = normalizeCsvText(text);
  if (!normalized.trim()) return { ok: false, error: { code: 'empty' } };
  const badLine = lineOfUnreadable(normalized);
  if (badLine !== undefined) return { ok: false, error: { code: 'unreadable', line: badLine } };
  const parser = Readable.from(chunksOf(normalized)).pipe(parse(csvParseOptions(normalized)));
  let reader: VolunteerCsvReader | undefined;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const row = { line: findStartLine(record, info.lines), cells: record };
      if (!reader) {
        if (!row.cells.some((c) => c !== '')) continue; // blank lines before the header
        const started: VolunteerCsvReader | CsvFileError = startVolunteerCsv(row.cells, existing);
        if (!('checkRow' in started)) return { ok: false, error: started };
        reader = started;
        continue;
      }
      reader.checkRow(row);
      if (++rows % ROWS_PER_TURN === 0) await nextTurn();
    }
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    return { ok: false, error: { code: 'unreadable', line: typeof line === 'number' ? line : undefined } };
  } finally {
    parser.destroy();
  }
  return reader ? reader.result() : { ok: false, error: { code: 'empty' } };
}
