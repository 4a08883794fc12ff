import { considerVolunteers } from '../domain/matching';
import type { Tx } from '../db/database';
import { toMatchTask, type ReachableCandidate } from '../db/matching.repo';
import { insertOfferRows, lockAvailable, type Offer } from '../db/offer.repo';
import { loadRankedHeads, MIN_PAGE } from '../db/ranked-head.repo';
import type { Task } from '../db/task.repo';

/** What a fill does for one task: `wanted` new offers in wave `wave`. */
export interface FillPlan { task: Task; live: number; wave: number; wanted: number }

export interface CreatedOffer { offer: Offer; candidate: ReachableCandidate }

/** Where a fill's first round left a task: its offers, whom it locked, who another transaction held. */
export interface RoundState {
  created: CreatedOffer[];
  tried: string[];
  held: string[];
  contended: boolean;
  /** Everyone the coarse filter lets through was judged: there is nobody further down to ask. */
  exhausted: boolean;
}

/**
 * The first round of offers of a batch of fills, for all its tasks at once: the heads of their
 * rankings in one statement, the facts in one set, the locks in one and the offers in one.
 *
 * The result is the one filling them one after another would give. The tasks are served in order
 * (soonest start first); each takes the best eligible volunteers of its head that an earlier task
 * did not take, which is exactly whom its own ranking would have offered after the earlier offers
 * were written (those volunteers would be left out as waiting on an offer). A task's page is sized
 * for what the tasks before it may take. When a page holds too few eligible volunteers to be sure,
 * that task and the rest of the batch are left out (no state), to be filled one by one, widening
 * their pages as they go. A volunteer another transaction holds is left to the task's next round.
 */
export async function offerTogether(trx: Tx, plans: readonly FillPlan[], now: Date): Promise<Map<string, RoundState>> {
  const wanting = plans.filter((p) => p.wanted > 0);
  let before = 0;
  const sizes = wanting.map((p) => {
    const size = Math.max(MIN_PAGE, 2 * p.wanted + before);
    before += p.wanted;
    return size;
  });
  const heads = await loadRankedHeads(trx, wanting.map((p, i) => ({ task: p.task, size: sizes[i]! })), now);
  const taken = new Set<string>();
  const picks: Array<{ plan: FillPlan; chosen: string[]; exhausted: boolean; byId: Map<string, ReachableCandidate> }> = [];
  for (const plan of wanting) {
    const head = heads.get(plan.task.id)!;
    const candidates = head.candidates.filter((c) => !taken.has(c.id));
    const eligible = considerVolunteers(toMatchTask(plan.task), candidates).filter((c) => c.eligible);
    if (!head.complete && eligible.filter((c) => head.onPage.has(c.volunteerId)).length < plan.wanted) break;
    const chosen = eligible.slice(0, plan.wanted).map((c) => c.volunteerId);
    for (const id of chosen) taken.add(id);
    picks.push({ plan, chosen, exhausted: chosen.length < plan.wanted, byId: new Map(candidates.map((c) => [c.id, c])) });
  }
  const locked = await lockAvailable(trx, [...taken]);
  const offers = await insertOfferRows(trx, picks.flatMap(({ plan, chosen }) => chosen.filter((id) => locked.has(id))
    .map((volunteerId) => ({ taskId: plan.task.id, wave: plan.wave, volunteerId }))));
  const offersOf = new Map<string, Offer[]>();
  for (const o of offers) offersOf.set(o.taskId, [...offersOf.get(o.taskId) ?? [], o]);
  return new Map(picks.map(({ plan, chosen, exhausted, byId }) => {
    const tried = chosen.filter((id) => locked.has(id));
    const held = chosen.filter((id) => !locked.has(id));
    const created = (offersOf.get(plan.task.id) ?? []).map((offer) => ({ offer, candidate: byId.get(offer.volunteerId)! }));
    return [plan.task.id, { created, tried, held, exhausted, contended: held.length > 0 || created.length < tried.length }];
  }));
}
