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
      ['call-only volunteers', `${p.callOnlyVolunteers} (${fmtPercent(p.callOnlyShare)} of pensioners: landline, never answer SMS)`],
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
  return [...header, '', main, '', detail, '', legend(r), '', voiceReport(r)].join('\n');
}

/** Fill rate with and without offer calls for the call-only volunteers: the same seed, the same run. */
export function voiceReport(r: SimulationResult): string {
  const { smsOnly, withCalls, onlyWithCalls, onlyWithout } = r.voice;
  const row = (label: string, x: PolicyResult, reachable: number) => [
    label, String(reachable), fmtPercent(x.fillRate), `${x.filled}/${x.tasks}`, fmtDuration(x.medianFillMinutes), fmtDuration(x.p90FillMinutes),
    String(x.filledByCallOnly), String(x.sms.offers), String(x.calls.placed), String(x.calls.answered),
  ];
  const all = r.parameters.volunteers;
  const table = formatTable(
    ['voice channel', 'reachable', 'fill rate', 'filled', 'median fill', 'p90 fill', 'by call-only', 'offer SMS', 'calls placed', 'calls answered'],
    [row('without (SMS only)', smsOnly, all - r.parameters.callOnlyVolunteers), row('with offer calls', withCalls, all)],
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  return [
    `Voice channel (issue 15): Svarja with and without offer calls to the ${r.parameters.callOnlyVolunteers} call-only volunteers (same seed, same tasks and people)`,
    '',
    table,
    '',
    `Filled only with calls: ${onlyWithCalls} tasks; filled only without: ${onlyWithout} (the noise of a different order of asking).`,
    'reachable = volunteers an offer can reach (without voice, a call-only volunteer cannot be asked: an SMS to a landline fails at once).',
    'A call goes out when its SMS would (quiet hours hold both); it is picked up with the hour\'s attention x the volunteer\'s answer chance (x0.1 when away),',
    '  then answered at once with the same JA chance as by SMS; unanswered, it is retried once after 10 minutes within the answer time, then the offer',
    '  waits and expires. calls placed counts retries; calls answered = picked up by a person (1 or 2). An answering machine counts as no answer.',
  ].join('\n');
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
