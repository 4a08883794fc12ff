/**
 * `npm run bench`: every benchmark, one after the other, then a summary with the figures of the
 * previous stored run beside this run's (bench/results/figures.json, see figures.ts). Each also
 * runs alone:
 *   node dist/bench/webhooks.bench.js
 *   node dist/bench/dispatch.bench.js          (BENCH_WORKER_PROCESSES=2 for two worker processes)
 *   node dist/bench/replies.bench.js           (BENCH_REPLIES_TASKS, BENCH_REPLIES_RATE)
 *   node dist/bench/matching.bench.js
 *   node dist/bench/twilio-client.bench.js
 * Figures are printed, never asserted; the exit code is non-zero only when a bench crashed.
 * BENCH_SAVE=0 leaves figures.json as it is (a trial run).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { runDispatchBench, type DispatchResult } from './dispatch.bench';
import { readStoredFigures, writeFigures } from './figures';
import { runRepliesBench, type RepliesResult } from './replies.bench';
import { runMatchingBench, type MatchingResult } from './matching.bench';
import { fmtMs, fmtNumber, formatTable, printMachineInfo, printSection, type Cell } from './report';
import { runIfMain } from './setup';
import { runTwilioClientBench, type TwilioClientResult } from './twilio-client.bench';
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

type Unit = 'ms' | 'n' | 'x';
interface Figure { key: string; bench: string; label: string; value: number | undefined; unit: Unit }

/** The fixed-rate figures are `paced` since autocannon's bursts gave way to evenly spaced requests (firePaced). */
function webhookFigures(w: WebhooksResult | undefined): Figure[] {
  return [
    { key: 'webhooks.baseline.rps', bench: 'webhooks', label: 'bare Express req/s', value: w?.baseline.reqPerSec, unit: 'n' },
    { key: 'webhooks.svarja.rps', bench: 'webhooks', label: 'svarja req/s', value: w?.svarja.reqPerSec, unit: 'n' },
    { key: 'webhooks.svarja.p99', bench: 'webhooks', label: 'svarja p99', value: w?.svarja.p99Ms, unit: 'ms' },
    { key: 'webhooks.baseline.p99', bench: 'webhooks', label: 'bare Express p99', value: w?.baseline.p99Ms, unit: 'ms' },
    { key: 'webhooks.ratio', bench: 'webhooks', label: 'svarja / bare throughput', value: w?.ratio, unit: 'x' },
    { key: 'webhooks.paced.p99', bench: 'webhooks', label: 'svarja p99 at 1,000 req/s, evenly spaced', value: w?.fixedRate?.svarja.p99Ms, unit: 'ms' },
    { key: 'webhooks.paced.baselineP99', bench: 'webhooks', label: 'bare Express p99 at 1,000 req/s, evenly spaced', value: w?.fixedRate?.baseline.p99Ms, unit: 'ms' },
    { key: 'webhooks.pacedHandled.p99', bench: 'webhooks', label: 'webhook -> handled p99 at 1,000 req/s', value: w?.fixedRate?.handled.p99Ms, unit: 'ms' },
    { key: 'webhooks.pacedHandledLight.p99', bench: 'webhooks', label: 'webhook -> handled p99 at 100 req/s', value: w?.fixedRate?.handledLight.p99Ms, unit: 'ms' },
  ];
}

function dispatchFigures(d: DispatchResult | undefined, processes: 1 | 2): Figure[] {
  const bench = `dispatch, ${processes} worker process${processes > 1 ? 'es' : ''}`;
  return [
    { key: `dispatch${processes}.offersPerSec`, bench, label: 'offers per second', value: d?.offersPerSec, unit: 'n' },
    { key: `dispatch${processes}.p95`, bench, label: 'dispatch -> SMS p95', value: d?.p95Ms, unit: 'ms' },
    { key: `dispatch${processes}.checksOk`, bench, label: 'exactly-once checks ok (1 = yes)', value: d === undefined ? undefined : Number(d.checksOk), unit: 'n' },
    { key: `dispatch${processes}.peakRssMb`, bench, label: 'peak RSS of the bench process, MB', value: d?.peakRssMb, unit: 'n' },
    // The one process that runs service code alone: the second worker process.
    ...(processes === 2 ? [{ key: 'dispatch2.workerPeakRssMb', bench, label: 'peak RSS of the worker process, MB', value: d?.workerProcessPeakRssMb, unit: 'n' as const }] : []),
  ];
}

function repliesFigures(r: RepliesResult | undefined): Figure[] {
  const bench = 'a burst of JA, 300 a second';
  return [
    { key: 'replies.webhookP99', bench, label: 'webhook p99', value: r?.webhook.p99Ms, unit: 'ms' },
    { key: 'replies.handledP50', bench, label: 'JA -> handled p50', value: r?.handledP50Ms, unit: 'ms' },
    { key: 'replies.handledP99', bench, label: 'JA -> handled p99', value: r?.handledP99Ms, unit: 'ms' },
    { key: 'replies.detailsP95', bench, label: "winner's JA -> details SMS p95", value: r?.detailsP95Ms, unit: 'ms' },
    { key: 'replies.checksOk', bench, label: 'exactly-once checks ok (1 = yes)', value: r === undefined ? undefined : Number(r.checksOk), unit: 'n' },
  ];
}

function matchingFigures(m: MatchingResult | undefined): Figure[] {
  const bench = `matching, ${m ? fmtNumber(m.volunteers) : '?'} volunteers`;
  return [
    { key: 'matching.p50', bench, label: 'one fill ranking p50', value: m?.p50Ms, unit: 'ms' },
    { key: 'matching.p95', bench, label: 'one fill ranking p95', value: m?.p95Ms, unit: 'ms' },
  ];
}

function twilioClientFigures(t: TwilioClientResult | undefined): Figure[] {
  const bench = 'twilio client, CPU per SMS';
  return [
    { key: 'twilioClient.axiosCpuMs', bench, label: "twilio's own RequestClient (axios)", value: t?.axiosCpuMs, unit: 'ms' },
    { key: 'twilioClient.undiciCpuMs', bench, label: 'TwilioHttpClient (undici)', value: t?.undiciCpuMs, unit: 'ms' },
    { key: 'twilioClient.ratio', bench, label: "TwilioHttpClient / twilio's own", value: t?.ratio, unit: 'x' },
  ];
}

function show(value: number | undefined, unit: Unit): string {
  if (value === undefined) return '-';
  return unit === 'ms' ? fmtMs(value) : unit === 'x' ? `x${fmtNumber(value, 3)}` : fmtNumber(value, value < 10 ? 2 : 1);
}

async function main(): Promise<void> {
  const start = performance.now();
  await printMachineInfo();
  const previous = readStoredFigures();
  const webhooks = await attempt('webhooks', runWebhooksBench);
  const dispatch1 = await attempt('dispatch (1 worker process)', () => runDispatchBench(1));
  const dispatch2 = await attempt('dispatch (2 worker processes)', () => runDispatchBench(2));
  const replies = await attempt('replies', runRepliesBench);
  const matching = await attempt('matching', runMatchingBench);
  const twilioClient = await attempt('twilio client', runTwilioClientBench);
  const figures = [...webhookFigures(webhooks), ...dispatchFigures(dispatch1, 1), ...dispatchFigures(dispatch2, 2), ...repliesFigures(replies), ...matchingFigures(matching), ...twilioClientFigures(twilioClient)];

  printSection('Summary');
  const was = previous ? `previous (${previous.commit}, ${previous.takenAt.slice(0, 16)})` : 'previous (none stored)';
  const rows: Cell[][] = figures.map((f) => [f.bench, f.label, show(f.value, f.unit), show(previous?.figures[f.key], f.unit)]);
  console.log(formatTable(['bench', 'figure', 'this run', was], rows, ['l', 'l', 'r', 'r']));
  if (previous && previous.machine !== machineName()) console.log(`(the previous figures were taken on ${previous.machine}: compare with care)`);
  if (process.env.BENCH_SAVE !== '0') {
    writeFigures(Object.fromEntries(figures.filter((f) => f.value !== undefined).map((f) => [f.key, f.value!])), machineName());
    console.log('\nfigures written to bench/results/figures.json: commit it with the change it measured');
  }
  console.log(`\ntotal bench time ${fmtMs(performance.now() - start)}`);
}

function machineName(): string {
  return `${os.cpus().length} cpu ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}

runIfMain(module, main);
