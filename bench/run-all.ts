/**
 * `npm run bench`: both benchmarks, one after the other, then a summary. Each also runs alone:
 *   node dist/bench/webhooks.bench.js
 *   node dist/bench/dispatch.bench.js
 * Figures are printed, never asserted; the exit code is non-zero only when a bench crashed.
 */
import { performance } from 'node:perf_hooks';
import { runDispatchBench, type DispatchResult } from './dispatch.bench';
import { checkMark, fmtMs, fmtNumber, formatTable, printMachineInfo, printSection, type Cell } from './report';
import { runIfMain } from './setup';
import { runWebhooksBench, type WebhooksResult } from './webhooks.bench';

async function attempt<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    console.error(`\n!! ${name} bench crashed:`, err);
    process.exitCode = 1;
    return undefined;
  }
}

function webhookRows(w: WebhooksResult | undefined): Cell[][] {
  if (!w) return [['webhooks', 'crashed', '', '']];
  return [
    ['webhooks', 'baseline req/s | p50 | p99', fmtNumber(w.baseline.reqPerSec), `${fmtMs(w.baseline.p50Ms)} | ${fmtMs(w.baseline.p99Ms)}`],
    ['webhooks', 'svarja req/s | p50 | p99', fmtNumber(w.svarja.reqPerSec), `${fmtMs(w.svarja.p50Ms)} | ${fmtMs(w.svarja.p99Ms)}`],
    ['webhooks', 'svarja/baseline throughput', `x${fmtNumber(w.ratio, 3)}`, ''],
    ['webhooks', 'stored (200 responses)', `${fmtNumber(w.stored)} of ${fmtNumber(w.acknowledged)}`, checkMark(w.stored === w.acknowledged && w.rowsWithoutJob === 0)],
  ];
}

function dispatchRows(d: DispatchResult | undefined): Cell[][] {
  if (!d) return [['dispatch', 'crashed', '', '']];
  return [
    ['dispatch', 'offers at the fake | wall time', fmtNumber(d.offers), fmtMs(d.wallMs)],
    ['dispatch', 'offers per second', fmtNumber(d.offersPerSec, 1), ''],
    ['dispatch', 'dispatch -> SMS p50 | p95 | p99', fmtMs(d.p50Ms), `${fmtMs(d.p95Ms)} | ${fmtMs(d.p99Ms)}`],
    ['dispatch', 'all checks', d.checksOk ? 'ok' : 'MISMATCH (see above)', ''],
  ];
}

async function main(): Promise<void> {
  const start = performance.now();
  await printMachineInfo();
  const webhooks = await attempt('webhooks', runWebhooksBench);
  const dispatch = await attempt('dispatch', runDispatchBench);
  printSection('Summary');
  console.log(formatTable(['bench', 'figure', 'value', ''], [...webhookRows(webhooks), ...dispatchRows(dispatch)], ['l', 'l', 'r', 'l']));
  console.log(`\ntotal bench time ${fmtMs(performance.now() - start)}`);
}

runIfMain(module, main);
