import type { Candidate } from './matching';

/**
 * The order among eligible volunteers, and the facts behind each place, for the task page's
 * "Hvem blir spurt". Pure: matching.ts decides who is eligible, this decides who is asked first.
 */

/** The facts that placed an eligible candidate where it is, in ranking order. */
export type RankReason =
  | { code: 'helped_before' }
  | { code: 'recent_load'; assignments: number; offers: number }
  | { code: 'answer_rate'; rate: number; answered: number; total: number }
  | { code: 'new_volunteer'; rate: number; total: number };

/** Below this many offers the answer rate says little, so newcomers get a neutral one. */
export const MIN_OFFERS_FOR_ANSWER_RATE = 3;
export const NEUTRAL_ANSWER_RATE = 0.75;

/** The rate used for ranking: answered / total, or neutral for newcomers so they are not punished. */
export function findAnswerRate(c: Pick<Candidate, 'answeredOffers' | 'totalOffers'>): number {
  return c.totalOffers < MIN_OFFERS_FOR_ANSWER_RATE ? NEUTRAL_ANSWER_RATE : c.answeredOffers / c.totalOffers;
}

/**
 * Continuity first (an elderly person is calmer with a face they know), then fairness, then
 * reliability, then id. Fairness compares recent assignments before recent offers: an assignment
 * is hours given, an offer only an SMS read, so the work is what we spread evenly.
 */
export function compareForRank(a: Candidate, b: Candidate): number {
  return (
    Number(b.helpedThisPersonBefore) - Number(a.helpedThisPersonBefore) ||
    a.recentAssignments - b.recentAssignments ||
    a.recentOffers - b.recentOffers ||
    findAnswerRate(b) - findAnswerRate(a) ||
    compareIds(a.id, b.id)
  );
}

/** Numeric ids in numeric order ('9' before '10') without Number's precision limit. */
export function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (!numeric.test(a) || !numeric.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

const nameOrder = new Intl.Collator('nb', { sensitivity: 'base' });

export function compareByName(a: Candidate, b: Candidate): number {
  return nameOrder.compare(a.name, b.name) || compareIds(a.id, b.id);
}

export function explainRank(c: Candidate): RankReason[] {
  const reasons: RankReason[] = [];
  if (c.helpedThisPersonBefore) reasons.push({ code: 'helped_before' });
  reasons.push({ code: 'recent_load', assignments: c.recentAssignments, offers: c.recentOffers });
  reasons.push(
    c.totalOffers < MIN_OFFERS_FOR_ANSWER_RATE
      ? { code: 'new_volunteer', rate: NEUTRAL_ANSWER_RATE, total: c.totalOffers }
      : { code: 'answer_rate', rate: findAnswerRate(c), answered: c.answeredOffers, total: c.totalOffers },
  );
  return reasons;
}
