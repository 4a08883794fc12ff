/**
 * How a volunteer answers an offer SMS: whether, when and what. The draws for one volunteer and one
 * task come from a hash of (seed, volunteer, task), so every policy that asks the same person about
 * the same task meets the same mood; only the hour the SMS lands and the load differ.
 */
import { DAY, HOUR, isWorkday, MINUTE, osloParts } from './calendar';
import type { Profile, SimTask, SimVolunteer } from './model';
import { hashInts, Rng } from './random';

/** How likely a volunteer is to look at the phone, hour by hour (Oslo), 1 = fully attentive. */
const ATTENTION: Record<Profile | 'worker_off', readonly number[]> = {
  //          0     1     2     3     4     5     6    7    8     9     10    11   12    13   14   15    16  17  18   19   20   21   22   23
  pensioner: [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.1, 0.4, 1, 1, 1, 1, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 0.7, 0.7, 0.7, 0.3, 0.3, 0.05],
  worker: [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.5, 0.5, 0.15, 0.15, 0.15, 0.5, 0.15, 0.15, 0.15, 0.15, 1, 1, 1, 1, 1, 0.7, 0.4, 0.1],
  worker_off: [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.2, 0.4, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.6, 0.4, 0.1],
  student: [0.3, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.3, 0.3, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.7, 0.5],
};

/** Multiplier on JA for a task during a weekday working day (08–16). */
const DAYTIME_FIT: Record<Profile, number> = { pensioner: 1, worker: 0.2, student: 0.6 };
/** Multiplier on JA for a task starting within 24 hours of the SMS. */
const SHORT_NOTICE_FIT: Record<Profile, number> = { pensioner: 0.85, worker: 0.5, student: 0.7 };

/** Unanswered after this long means never answered. */
const GIVE_UP_MS = 7 * DAY;

export interface OfferContext {
  seed: number;
  /** Offers that reached this volunteer in the 7 days before this one. */
  offersLastWeek: number;
  /** Tasks this volunteer already holds in the task's week. */
  assignmentsThisWeek: number;
  helpedBefore: boolean;
}

export interface Response { answer: 'yes' | 'no'; at: number }

export function attention(profile: Profile, at: number): number {
  const p = osloParts(at);
  const table = profile === 'worker' && !isWorkday(p.date) ? ATTENTION.worker_off : ATTENTION[profile];
  return table[p.hour]!;
}

/** The volunteer's answer to an SMS that reached them at `deliveredAt`; undefined when none comes before the task starts. */
export function respond(v: SimVolunteer, task: SimTask, deliveredAt: number, ctx: OfferContext): Response | undefined {
  const rng = new Rng(hashInts(ctx.seed, v.index, task.index, 0x5eed));
  const uAnswer = rng.next();
  const uRead = rng.next();
  const uYes = rng.next();
  const lag = rng.uniform(1, 6) * MINUTE;
  const away = isAway(v, task);
  const fatigue = Math.max(0.5, 1 - 0.04 * Math.max(0, ctx.offersLastWeek - 4));
  if (uAnswer >= v.answerProbability * fatigue * (away ? 0.5 : 1)) return undefined;
  const readAt = findReadTime(v, deliveredAt, -Math.log(1 - uRead), Math.min(deliveredAt + GIVE_UP_MS, task.startsAt));
  if (readAt === undefined || readAt + lag >= task.startsAt) return undefined;
  return { answer: uYes < yesProbability(v, task, deliveredAt, ctx, away) ? 'yes' : 'no', at: readAt + lag };
}

function yesProbability(v: SimVolunteer, task: SimTask, deliveredAt: number, ctx: OfferContext, away: boolean): number {
  const start = osloParts(task.startsAt);
  const daytime = isWorkday(start.date) && start.hour >= 8 && start.hour < 16;
  let p = v.yesProbability * v.typeLiking[task.type] * (daytime ? DAYTIME_FIT[v.profile] : 1);
  if (task.startsAt - deliveredAt < DAY) p *= SHORT_NOTICE_FIT[v.profile];
  p *= 0.75 ** ctx.assignmentsThisWeek;
  if (away) p *= 0.03;
  if (ctx.helpedBefore) p = 1 - (1 - p) * 0.4; // a familiar face says yes more readily
  return Math.min(0.95, p);
}

/** On holiday, travelling or paused on the task's day, whether or not the record says so. */
function isAway(v: SimVolunteer, task: SimTask): boolean {
  const date = osloParts(task.startsAt).date;
  if (v.pause && v.pause.from <= date && date <= v.pause.to) return true;
  return v.absences.some((a) => a.from <= date && date <= a.to);
}

/**
 * Noticing the SMS is a Poisson process whose rate follows the hourly attention: walk the hours,
 * spending an exponential budget `e` of hazard, until it runs out (read) or `limit` is reached.
 */
function findReadTime(v: SimVolunteer, from: number, e: number, limit: number): number | undefined {
  let t = from;
  let budget = e;
  while (t < limit) {
    const rate = attention(v.profile, t) / v.readHours; // per hour
    const segmentEnd = Math.min(limit, (Math.floor(t / HOUR) + 1) * HOUR);
    const hazard = (rate * (segmentEnd - t)) / HOUR;
    if (hazard >= budget) return t + (budget / rate) * HOUR;
    budget -= hazard;
    t = segmentEnd;
  }
  return undefined;
}

/** After no answer (or busy), Svarja calls once more this much later, within the offer's answer time. */
export const CALL_RETRY_MS = 10 * MINUTE;

export interface CallOutcome {
  /** 1, or 2 when the first call was not picked up and the retry fit the answer time. */
  calls: number;
  /** A person picked up and pressed 1 or 2. */
  response?: Response;
}

/**
 * An offer call to a call-only volunteer placed at `callAt` (Svarja holds calls through quiet hours
 * as it holds SMS). They pick up when at home and near the phone — the hour's attention times their
 * general willingness, much less when away — and then answer at once with the same JA chance as by
 * SMS. An unanswered call is retried once after 10 minutes if the answer time lasts that long;
 * otherwise the offer waits and expires (they never read the SMS). An answering machine taking the
 * call is no answer here: a landline gets no SMS offer after it, and calling back is not modelled.
 */
export function respondToCall(v: SimVolunteer, task: SimTask, callAt: number, answerMinutes: number | null, ctx: OfferContext): CallOutcome {
  const rng = new Rng(hashInts(ctx.seed, v.index, task.index, 0xca11));
  const uPick = [rng.next(), rng.next()];
  const uYes = rng.next();
  const away = isAway(v, task);
  const fatigue = Math.max(0.5, 1 - 0.04 * Math.max(0, ctx.offersLastWeek - 4));
  const retryFits = (answerMinutes === null || answerMinutes * MINUTE > CALL_RETRY_MS) && callAt + CALL_RETRY_MS < task.startsAt;
  const attempts = retryFits ? [callAt, callAt + CALL_RETRY_MS] : [callAt];
  for (const [i, at] of attempts.entries()) {
    const pickUp = attention(v.profile, at) * v.answerProbability * fatigue * (away ? 0.1 : 1);
    if (uPick[i]! < pickUp) {
      const answer = uYes < yesProbability(v, task, at, ctx, away) ? 'yes' : 'no';
      return { calls: i + 1, response: { answer, at: at + 2 * MINUTE } };
    }
  }
  return { calls: attempts.length };
}
