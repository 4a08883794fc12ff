import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The figures of a bench run, kept in bench/results/figures.json and committed with the code
 * they measured: the next run prints them beside its own ("previous"), then writes its own there.
 * Comparing two runs only means something on the same machine under the same load, so the file
 * says where and when its figures were taken.
 */
export interface StoredFigures { commit: string; takenAt: string; machine: string; figures: Record<string, number> }

export const FIGURES_FILE = path.resolve(__dirname, '..', ...(__dirname.includes(`${path.sep}dist${path.sep}`) ? ['..'] : []), 'bench', 'results', 'figures.json');

export function readStoredFigures(): StoredFigures | undefined {
  if (!existsSync(FIGURES_FILE)) return undefined;
  return JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as StoredFigures;
}

export function writeFigures(figures: Record<string, number>, machine: string): void {
  const stored: StoredFigures = { commit: currentCommit(), takenAt: new Date().toISOString(), machine, figures };
  mkdirSync(path.dirname(FIGURES_FILE), { recursive: true }); // a clean clone has no results yet
  writeFileSync(FIGURES_FILE, `${JSON.stringify(stored, null, 2)}\n`);
}

function currentCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}
