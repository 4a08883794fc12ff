/**
 * Plain-text report of a simulation. Kept apart from bench/report.ts, which pulls in pg and ioredis
 * for its machine info: the simulation loads no database or network client at all.
 */
import type { PolicyResult } from './metrics';
import type { SimulationResult } from './run';

type Align = 'l' | 'r';

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row.map((cell, i) => (align[i] === 'l' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function fmtPercent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a';
}

/** Minutes as "42 min", "3.4 h" or "2.1 d". */
export function fmtDuration(minutes: number): string {
  if (!Number.isFinite(minutes)) return 'n/a';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}

function fmtNumber(x: number, digits = 0): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

const isSvarja = (p: PolicyResult) => p.policy === 'Svarja';

export function renderReport(r: SimulationResult): string {
  const p = r.parameters;
  const mix = Object.entries(p.taskMix).map(([type, n]) => `${type} ${n}`).join(', ');
  const header = [
    'Svarja dispatch simulation (in memory; no database, Redis or network)',
    '',
    formatTable(['parameter', 'value'], [
      ['seed', String(p.seed)],
      ['volunteers', `${p.volunteers} (areas: ${p.areas.join(', ')})`],
      ['measured tasks', `${p.tasks} requested ${p.measuredFrom} .. ${p.measuredTo} (${fmtNumber(p.tasksPerWeek, 1)} a week)`],
      ['task mix', mix],
      ['short-notice escorts', `${fmtPercent(p.shortNoticeEscortShare)} requested < 24 h ahead`],
      ['warm-up', `${p.warmupTasks} tasks from ${p.warmupFrom}, simulated but not counted`],
    ], ['l', 'l']),
  ];
  const main = formatTable(
    ['policy', 'fill rate', 'median fill', 'p90 fill', 'SMS/filled', 'busiest 10%', 'night offers', 'QH held', 'QH cf.', 'repeat helper'],
    r.policies.map((x) => [
      x.policy,
      fmtPercent(x.fillRate),
      fmtDuration(x.medianFillMinutes),
      fmtDuration(x.p90FillMinutes),
      fmtNumber(x.smsPerFilled, 1),
      fmtPercent(x.busiestShare),
      String(x.offersAtNight),
      isSvarja(x) ? String(x.quietHeld) : 'n/a',
      isSvarja(x) ? String(r.quietCounterfactual.missed) : 'n/a',
      fmtPercent(x.repeatHelperShare),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  const detail = formatTable(
    ['policy', 'tasks', 'filled', 'offers', 'taken', 'assigned', 'SMS total', 'unfilled: nobody left', 'unfilled: deadline'],
    r.policies.map((x) => [
      x.policy, String(x.tasks), String(x.filled), String(x.sms.offers), String(x.sms.taken), String(x.sms.assigned), String(x.sms.total),
      String(x.unfilledExhausted), String(x.unfilledDeadline),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  return [...header, '', main, '', detail, '', legend(r)].join('\n');
}

function legend(r: SimulationResult): string {
  const lines = [
    'Definitions. Only tasks requested in the measured range count; all policies see the same tasks, volunteers and per-(volunteer, task) answer draws.',
    'fill rate = tasks with a JA accepted before the fill-by deadline (2 h before the start) / tasks. median / p90 fill = request -> accepted JA, filled tasks only (nearest rank).',
    'SMS/filled = (offer SMS + "taken" notices + assignment confirmations) / filled tasks; a "taken" notice goes to every holder of a live offer withdrawn when',
    '  Svarja assigns, and to anyone whose JA arrives after the task is assigned or past its deadline. Not counted: NEI acknowledgements, coordinator alerts, reminders.',
    'busiest 10% = share of filled tasks taken by the top ceil(10% of volunteers) by tasks taken. night offers = offer SMS that went out inside 21:00-08:00 Oslo',
    '  (Svarja holds offers through those hours, so 0 by construction; its ref. row shows what it would send at night).',
    'QH held = Svarja tasks unfilled at fill-by while still searching (candidates left) and either an offer of theirs was still held for quiet hours or the',
    '  deadline itself fell inside 21:00-08:00, so the search was frozen when time ran out.',
    `QH cf. = tasks Svarja left unfilled that the same Svarja run with quiet hours "off" (ref. row, same seed) filled; ${r.quietCounterfactual.reverse} went the other way (shows the noise).`,
    'repeat helper = of filled tasks for a person someone had already been assigned to help, the share given to one of those helpers.',
    'unfilled: nobody left = no eligible volunteer left to ask (Svarja also when the rest were busy with other offers); unfilled: deadline = still asking at fill-by.',
  ];
  return lines.join('\n');
}
