/** Figures of one policy's run, over the measured tasks only. */
import { MINUTE } from './calendar';
import type { World } from './world';

export interface PolicyResult {
  policy: string;
  tasks: number;
  filled: number;
  fillRate: number;
  medianFillMinutes: number;
  p90FillMinutes: number;
  sms: { offers: number; taken: number; assigned: number; total: number };
  smsPerFilled: number;
  /** Share of filled tasks taken by the busiest 10% of volunteers (rounded up). */
  busiestShare: number;
  offersAtNight: number;
  unfilledExhausted: number;
  unfilledDeadline: number;
  /** Unfilled at the deadline while quiet hours held the search (see the legend). */
  quietHeld: number;
  /** Of filled tasks for a person someone had helped before, the share given to such a helper. */
  repeatHelperShare: number;
  /** Ids of the measured tasks that were filled, for paired comparisons. */
  filledTaskIds: string[];
  /** Offer calls (voice channel only): placed, retries included, and picked up by a person. */
  calls: { placed: number; answered: number };
  /** Filled tasks taken by a call-only volunteer. */
  filledByCallOnly: number;
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(w: World): PolicyResult {
  const measured = w.tasks.filter((t) => t.t.measured);
  const filled = measured.filter((t) => t.status === 'assigned');
  const waits = filled.map((t) => (t.filledAt! - t.t.requestedAt) / MINUTE).sort((a, b) => a - b);
  const perVolunteer = new Map<number, number>();
  for (const t of filled) perVolunteer.set(t.assignee!.v.index, (perVolunteer.get(t.assignee!.v.index) ?? 0) + 1);
  const busiest = Math.ceil(w.vols.length * 0.1);
  const topCount = [...perVolunteer.values()].sort((a, b) => b - a).slice(0, busiest).reduce((s, n) => s + n, 0);
  const known = filled.filter((t) => t.personKnown);
  const total = w.sms.offers + w.sms.taken + w.sms.assigned;
  return {
    policy: w.policy.name,
    tasks: measured.length,
    filled: filled.length,
    fillRate: ratio(filled.length, measured.length),
    medianFillMinutes: percentile(waits, 50),
    p90FillMinutes: percentile(waits, 90),
    sms: { offers: w.sms.offers, taken: w.sms.taken, assigned: w.sms.assigned, total },
    smsPerFilled: ratio(total, filled.length),
    busiestShare: ratio(topCount, filled.length),
    offersAtNight: w.sms.offersAtNight,
    unfilledExhausted: measured.filter((t) => t.endReason === 'exhausted').length,
    unfilledDeadline: measured.filter((t) => t.endReason === 'deadline').length,
    quietHeld: measured.filter((t) => t.heldAtDeadline).length,
    repeatHelperShare: ratio(known.filter((t) => t.repeatHelper).length, known.length),
    filledTaskIds: filled.map((t) => t.t.id),
    calls: { ...w.calls },
    filledByCallOnly: filled.filter((t) => t.assignee!.v.callOnly).length,
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}
