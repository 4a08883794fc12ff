import { describeConsideration, type ReasonLanguage } from '../domain/match-reasons';
import { considerVolunteers, type Consideration, type Exclusion } from '../domain/matching';
import type { RankReason } from '../domain/ranking';
import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import { osloDate } from '../domain/oslo-time';
import type { Queryable } from '../db/database';
import { loadCandidates, toMatchTask } from '../db/matching.repo';
import { findTask } from '../db/task.repo';

export interface ConsideredVolunteer {
  volunteerId: string;
  name: string;
  /** Their offer for this task, if they got one: what happened to it says more than any rule. */
  offer: { status: string; closeReason: string | null } | null;
  eligible: boolean;
  /** Position among those who could be asked next (1 = next); absent when excluded or already offered. */
  rank?: number;
  exclusions: Exclusion[];
  rankReasons: RankReason[];
  /** The same, as sentences for a coordinator. */
  reasons: string[];
}

export interface MatchingExplanation { taskId: string; volunteers: ConsideredVolunteer[] }

/**
 * Every volunteer, judged by the same rules the dispatcher applies, for the task page and the API:
 * who was offered (and how that went), who is next in line and why, and why everyone else is not.
 */
export async function explainMatching(db: Queryable, taskId: string, now: Date, language: ReasonLanguage): Promise<MatchingExplanation | undefined> {
  const task = await findTask(db, taskId);
  if (!task) return undefined;
  const candidates = await loadCandidates(db, task, now, 'everyone');
  const offers = await db.selectFrom('offer').select(['volunteer_id', 'status', 'close_reason']).where('task_id', '=', taskId).execute();
  const offerOf = new Map(offers.map((o) => [o.volunteer_id, { status: o.status, closeReason: o.close_reason }]));
  const reference = osloDate(task.startsAt);
  // Those already offered are judged without the "already offered" rules, so the page can still say
  // whether they would qualify; their offer's outcome is shown beside it.
  const judged = considerVolunteers(toMatchTask(task), candidates.map((c) => {
    const offer = offerOf.get(c.id);
    if (!offer) return c;
    // One live offer per volunteer: if theirs is this task's, they are not waiting on another.
    return { ...c, alreadyOfferedThisTask: false, hasOpenOffer: c.hasOpenOffer && !LIVE_OFFER_STATUSES.includes(offer.status) };
  }));
  const offered = judged.filter((c) => offerOf.has(c.volunteerId));
  const rest = judged.filter((c) => !offerOf.has(c.volunteerId));
  let rank = 0;
  const describe = (c: Consideration, withRank: boolean): ConsideredVolunteer => ({
    volunteerId: c.volunteerId,
    name: c.name,
    offer: offerOf.get(c.volunteerId) ?? null,
    eligible: c.eligible,
    rank: withRank && c.eligible ? ++rank : undefined,
    exclusions: c.exclusions,
    rankReasons: c.rankReasons,
    reasons: describeConsideration(c, language, reference),
  });
  return { taskId, volunteers: [...offered.map((c) => describe(c, false)), ...rest.map((c) => describe(c, true))] };
}
