/**
 * Printing helpers shared by the benchmarks: machine info, aligned tables, percentiles.
 * Figures are printed, never asserted.
 */
import os from 'node:os';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { ADMIN_URL, REDIS_URL } from './setup';

export type Cell = string | number;

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function sortedAscending(values: Iterable<number>): number[] {
  return [...values].sort((a, b) => a - b);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

export function fmtNumber(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 100 ? `${fmtNumber(ms, 0)} ms` : `${fmtNumber(ms, ms >= 10 ? 1 : 2)} ms`;
}

/** An aligned text table: by default the first column left-aligned, the others right-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[], align?: readonly ('l' | 'r')[]): string {
  const text = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, i) => Math.max(...text.map((row) => (row[i] ?? '').length)));
  const left = (i: number) => (align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'l';
  const line = (row: string[]) => row.map((cell, i) => (left(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(text[0]!), rule, ...text.slice(1).map(line)].join('\n');
}

export function printSection(title: string): void {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 72 - title.length))}`);
}

/** "ok" / "MISMATCH" for a printed check: the benchmark reports it, it does not fail on it. */
export function checkMark(ok: boolean): string {
  return ok ? 'ok' : 'MISMATCH';
}

async function postgresVersion(): Promise<string> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const r = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return r.rows[0]?.v ?? 'unknown';
  } finally {
    await client.end();
  }
}

async function redisVersion(): Promise<string> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}

export async function printMachineInfo(): Promise<void> {
  const cpus = os.cpus();
  const rows: Cell[][] = [
    ['node', process.version],
    ['platform', `${os.platform()} ${os.release()} (${os.arch()})`],
    ['cpus', `${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown'}`],
    ['memory', `${fmtNumber(os.totalmem() / 2 ** 30, 1)} GiB total, ${fmtNumber(os.freemem() / 2 ** 30, 1)} GiB free`],
    ['load average', os.loadavg().map((l) => fmtNumber(l, 2)).join(' ')],
    ['postgres', await postgresVersion().catch((err: unknown) => `unavailable (${String(err)})`)],
    ['redis', await redisVersion().catch((err: unknown) => `unavailable (${String(err)})`)],
  ];
  printSection('Machine');
  console.log(formatTable(['item', 'value'], rows, ['l', 'l']));
}
