/**
 * The three ways of asking compared by the simulation. Svarja uses the repo's own matching and
 * timing rules; the baselines share only the hard eligibility rules.
 */
import { isExhausted, offersToSend } from '../../src/domain/dispatch';
import { considerVolunteers, pickNextWave, type Candidate } from '../../src/domain/matching';
import { addActiveMinutes, type QuietHours } from '../../src/domain/quiet-hours';
import { DEFAULT_URGENCY_SETTINGS, dispatchPolicy } from '../../src/domain/task-timing';
import { MINUTE } from './calendar';
import { hashInts, Rng } from './random';
import { World, type Policy, type SimOffer, type TaskState } from './world';

export const WAVE_SIZE = 3;
export const OFFER_TIMEOUT_MINUTES = 30;
/** Timers may fire a little early across processes (expire-offer.ts); wave-mates due within this expire together. */
const EARLY_TOLERANCE_MS = 2_000;

/**
 * Svarja: keep a wave of the best-ranked eligible volunteers live, replace a NO at once, start a
 * new wave when a wave times out, hold offers through quiet hours and count timeouts only outside
 * them. Urgency (dispatchPolicy) is judged afresh at each fill, as the fill job would.
 */
export function svarjaPolicy(name: string, quietHours: QuietHours, opts: { voice?: boolean } = {}): Policy {
  const fill = (w: World, task: TaskState): void => {
    if (task.status !== 'searching') return;
    const policy = dispatchPolicy(
      { startsAt: new Date(task.t.startsAt), now: new Date(w.now), waveSize: WAVE_SIZE, offerTimeoutMinutes: OFFER_TIMEOUT_MINUTES },
      DEFAULT_URGENCY_SETTINGS,
    );
    const live = w.liveOffers(task);
    const wanted = offersToSend(policy.waveSize, live);
    const picked = wanted > 0 ? pickVolunteers(w, task, wanted) : [];
    for (const id of picked) w.offer(task, w.vols[Number(id) - 1]!, policy.offerTimeoutMinutes);
    if (!isExhausted(live, picked.length)) return;
    // As fill-task: someone who fits but is busy with another offer is waited for, and the
    // sweeper (every 30 s, after a 30 s grace) tries again; only nobody at all means unfilled.
    if (someoneIsOnlyBusy(w, task)) w.at(w.now + SWEEP_RETRY_MS, () => fill(w, task));
    else task.status = 'exhausted';
  };
  const expire = (w: World, o: SimOffer): void => {
    if (o.status !== 'open') return;
    for (const x of o.task.offers) {
      if (x.status === 'open' && x.expiresAt !== null && x.expiresAt <= w.now + EARLY_TOLERANCE_MS) w.close(x, 'expired');
    }
    fill(w, o.task);
  };
  return {
    name,
    quietHours,
    voice: opts.voice ?? false,
    dispatch: fill,
    onOfferOpen(w, o) {
      o.expiresAt = addActiveMinutes(quietHours, new Date(w.now), o.timeoutMinutes ?? OFFER_TIMEOUT_MINUTES).getTime();
      w.at(o.expiresAt, () => expire(w, o));
    },
    onDecline: (w, o) => fill(w, o.task),
    onAssigned(w, task) {
      for (const o of task.offers) {
        if (o.status === 'open') {
          w.close(o, 'withdrawn');
          w.sendTaken(task);
        } else if (o.status === 'pending') {
          w.close(o, 'cancelled');
        }
      }
    },
  };
}

const SWEEP_RETRY_MS = 60_000;

/** As fill-task's someoneIsOnlyBusy: eligible but for a live offer of another task. */
function someoneIsOnlyBusy(w: World, task: TaskState): boolean {
  const candidates: Candidate[] = [];
  for (const vs of w.vols) {
    if (vs.live === 0 || task.offered.has(vs.v.index) || !vs.v.taskTypes.includes(task.t.type)) continue;
    const c = w.candidate(vs, task, true);
    if (c && !c.optedOut) candidates.push(c);
  }
  return considerVolunteers(World.matchTask(task.t), candidates)
    .some((c) => c.exclusions.length > 0 && c.exclusions.every((e) => e.code === 'open_offer'));
}

/** As loadCandidates(plausibleOnly) then considerVolunteers + pickNextWave. */
function pickVolunteers(w: World, task: TaskState, wanted: number): string[] {
  const candidates: Candidate[] = [];
  for (const vs of w.vols) {
    if (vs.live > 0 || task.offered.has(vs.v.index) || !vs.v.taskTypes.includes(task.t.type)) continue;
    const c = w.candidate(vs, task, true);
    if (c && !c.optedOut) candidates.push(c);
  }
  return pickNextWave(considerVolunteers(World.matchTask(task.t), candidates), wanted);
}

/** Everyone eligible by the hard rules at once, any hour; first JA wins, later JAs hear it is taken. */
export function broadcastPolicy(name: string, quietHours: QuietHours): Policy {
  return {
    name,
    quietHours,
    voice: false,
    dispatch(w, task) {
      const candidates = w.vols.map((vs) => w.candidate(vs, task, false)).filter((c): c is Candidate => c !== undefined);
      const eligible = considerVolunteers(World.matchTask(task.t), candidates).filter((c) => c.eligible);
      if (eligible.length === 0) task.status = 'exhausted';
      for (const c of eligible) w.offer(task, w.vols[Number(c.volunteerId) - 1]!, null);
    },
    onOfferOpen: () => undefined,
    onDecline: () => undefined,
    onAssigned: () => undefined,
  };
}

/** One eligible volunteer at a time in a seeded random order, 30 minutes each, any hour. */
export function oneAtATimePolicy(name: string, quietHours: QuietHours, seed: number): Policy {
  const orders = new Map<number, { queue: number[]; cursor: number }>();
  const askNext = (w: World, task: TaskState): void => {
    const order = orders.get(task.t.index);
    if (!order || task.status !== 'searching') return;
    const matchTask = World.matchTask(task.t);
    while (order.cursor < order.queue.length) {
      const vs = w.vols[order.queue[order.cursor++]!]!;
      const c = w.candidate(vs, task, false);
      if (c && considerVolunteers(matchTask, [c])[0]!.eligible) {
        w.offer(task, vs, OFFER_TIMEOUT_MINUTES);
        return;
      }
    }
    task.status = 'exhausted';
  };
  return {
    name,
    quietHours,
    voice: false,
    dispatch(w, task) {
      const queue = new Rng(hashInts(seed, task.t.index, 0x0a7)).shuffle(w.vols.map((_, i) => i));
      orders.set(task.t.index, { queue, cursor: 0 });
      askNext(w, task);
    },
    onOfferOpen(w, o) {
      o.expiresAt = w.now + OFFER_TIMEOUT_MINUTES * MINUTE;
      w.at(o.expiresAt, () => {
        if (o.status !== 'open') return;
        w.close(o, 'expired');
        askNext(w, o.task);
      });
    },
    onDecline: (w, o) => askNext(w, o.task),
    onAssigned: () => undefined,
  };
}
