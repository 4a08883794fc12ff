/**
 * `npm run simulate [-- --seed 42 --volunteers 120 --days 365 --start 2025-01-01 --call-only-share 0.3]`:
 * a deterministic, in-memory simulation of a year of volunteer dispatch, comparing Svarja's waves
 * with broadcasting and asking one at a time, and Svarja with and without offer calls for the
 * volunteers who can only be called. The same seed always prints the same report.
 */
import { renderReport } from './simulate/format';
import { DEFAULT_OPTIONS, type SimulationOptions } from './simulate/model';
import { runSimulation } from './simulate/run';

export function parseArgs(argv: readonly string[]): SimulationOptions {
  const options = { ...DEFAULT_OPTIONS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    i++;
    switch (flag) {
      case '--seed': options.seed = toInt(flag, value); break;
      case '--volunteers': options.volunteers = toInt(flag, value); break;
      case '--days': options.days = toInt(flag, value); break;
      case '--warmup-days': options.warmupDays = toInt(flag, value); break;
      case '--call-only-share': {
        const share = Number(value);
        if (!Number.isFinite(share) || share < 0 || share > 1) throw new Error(`--call-only-share must be a number from 0 to 1, not ${value}`);
        options.callOnlyShare = share;
        break;
      }
      case '--start':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`--start must be YYYY-MM-DD, not ${value}`);
        options.start = value;
        break;
      default: throw new Error(`unknown option ${flag} (use --seed, --volunteers, --days, --warmup-days, --start, --call-only-share)`);
    }
  }
  return options;
}

function toInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number >= 0, not ${value}`);
  return n;
}

function main(): void {
  try {
    console.log(renderReport(runSimulation(parseArgs(process.argv.slice(2)))));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
