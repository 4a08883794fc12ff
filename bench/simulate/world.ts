/**
 * The discrete-event core shared by every policy: a clock, an ordered event queue, the offers and
 * assignments each volunteer holds, and the SMS tally. Policies decide whom to ask and when to
 * give up on an offer; the world delivers SMS, plays the volunteers' answers and assigns.
 */
import type { Candidate, MatchTask } from '../../src/domain/matching';
import { nextSendableAt, isQuiet, parseQuietHours, DEFAULT_QUIET_HOURS, type QuietHours } from '../../src/domain/quiet-hours';
import { respond, respondToCall } from './behaviour';
import { DAY, HOUR, MINUTE, osloParts } from './calendar';
import { EventQueue } from './event-queue';
import type { Scenario, SimTask, SimVolunteer } from './model';

export type OfferStatus = 'pending' | 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'cancelled' | 'closed';
export type TaskStatus = 'waiting' | 'searching' | 'exhausted' | 'assigned' | 'missed';

export interface SimOffer {
  task: TaskState;
  vol: VolunteerState;
  createdAt: number;
  /** When the SMS went out; null while held for quiet hours. */
  sentAt: number | null;
  expiresAt: number | null;
  timeoutMinutes: number | null;
  status: OfferStatus;
}

export interface HeldTask { taskId: string; startsAt: Date; endsAt: Date; assignedAt: number; week: string }

export interface VolunteerState { v: SimVolunteer; offers: SimOffer[]; live: number; assignments: HeldTask[] }

export interface TaskState {
  t: SimTask;
  status: TaskStatus;
  offers: SimOffer[];
  offered: Set<number>;
  assignee?: VolunteerState;
  filledAt?: number;
  /** Why a task ended unfilled: nobody left to ask, or the fill-by deadline passed while asking. */
  endReason?: 'exhausted' | 'deadline';
  /** Searching at the deadline while quiet hours held an offer or the deadline itself was quiet. */
  heldAtDeadline: boolean;
  /** Somebody had helped this person before / the assignee was one of them. */
  personKnown: boolean;
  repeatHelper: boolean;
}

export interface Policy {
  readonly name: string;
  /** Offers created inside these hours are held until they end; 'off' sends at once. */
  readonly quietHours: QuietHours;
  /** With the voice channel (issue 15): call-only volunteers are offered tasks by call; without it they cannot be reached. */
  readonly voice: boolean;
  dispatch(w: World, t: TaskState): void;
  onOfferOpen(w: World, o: SimOffer): void;
  onDecline(w: World, o: SimOffer): void;
  onAssigned(w: World, t: TaskState, winner: SimOffer): void;
}

export interface SmsTally { offers: number; taken: number; assigned: number; offersAtNight: number }

/** Offer calls for measured tasks: placed (a retry counts), and picked up by a person. */
export interface CallTally { placed: number; answered: number }

const NIGHT = mustParse(DEFAULT_QUIET_HOURS);
const RECENT_MS = 30 * DAY;
const RELIABILITY_MS = 180 * DAY;

function mustParse(spec: string): QuietHours {
  const parsed = parseQuietHours(spec);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

export class World {
  now = 0;
  readonly vols: VolunteerState[];
  readonly tasks: TaskState[];
  /** SMS for measured tasks only. */
  readonly sms: SmsTally = { offers: 0, taken: 0, assigned: 0, offersAtNight: 0 };
  readonly calls: CallTally = { placed: 0, answered: 0 };
  private readonly queue = new EventQueue();
  private readonly helpers = new Map<string, Set<number>>();

  constructor(readonly scenario: Scenario, readonly policy: Policy) {
    this.vols = scenario.volunteers.map((v) => ({ v, offers: [], live: 0, assignments: [] }));
    this.tasks = scenario.tasks.map((t) => ({
      t, status: 'waiting', offers: [], offered: new Set(), heldAtDeadline: false, personKnown: false, repeatHelper: false,
    }));
  }

  at(time: number, fn: () => void): void {
    this.queue.push(Math.max(time, this.now), fn);
  }

  run(): void {
    for (const task of this.tasks) {
      this.at(task.t.requestedAt, () => {
        task.status = 'searching';
        this.policy.dispatch(this, task);
      });
      this.at(task.t.fillBy, () => this.closeAtDeadline(task));
    }
    for (let e = this.queue.pop(); e; e = this.queue.pop()) {
      this.now = e.at;
      e.fn();
    }
  }

  static matchTask(t: SimTask): MatchTask {
    return { id: t.id, type: t.type, startsAt: new Date(t.startsAt), durationMinutes: t.durationMinutes, area: t.area, requirements: t.requirements };
  }

  /** Offers of this task waiting for an answer (held or sent). */
  liveOffers(task: TaskState): number {
    return task.offers.filter((o) => o.status === 'pending' || o.status === 'open').length;
  }

  /**
   * The volunteer's facts as the dispatcher would load them now; undefined before they joined.
   * Without `ranking` the fairness and reliability counts stay zero and no open-offer limit applies.
   */
  candidate(vs: VolunteerState, task: TaskState, ranking: boolean): Candidate | undefined {
    const { v } = vs;
    if (v.joinedAt > this.now) return undefined;
    if (v.callOnly && !this.policy.voice) return undefined; // an SMS to a landline fails at once: nobody to ask
    const today = osloParts(this.now).date;
    const start = task.t.startsAt;
    const stats = ranking ? this.offerStats(vs) : { recent: 0, answered: 0, total: 0 };
    return {
      id: v.id,
      name: v.name,
      optedOut: v.optedOutAt !== null && v.optedOutAt <= this.now,
      pausedUntil: v.pause && v.pause.from <= today && today <= v.pause.to ? v.pause.to : null,
      taskTypes: v.taskTypes,
      areas: v.areas,
      confidentialitySignedOn: v.confidentialitySignedOn,
      policeCertificateOn: v.policeCertificateOn,
      trainingOn: v.trainingOn,
      availability: v.availability,
      absences: v.absences.filter((a) => a.registered).map(({ from, to }) => ({ from, to })),
      maxTasksPerWeek: v.maxTasksPerWeek,
      assignmentsThisWeek: vs.assignments.filter((a) => a.week === task.t.week).length,
      assignments: vs.assignments.filter((a) => Math.abs(a.startsAt.getTime() - start) < 2 * DAY),
      hasOpenOffer: ranking && vs.live > 0,
      alreadyOfferedThisTask: ranking && task.offered.has(v.index),
      helpedThisPersonBefore: this.hasHelped(vs, task.t.personRef),
      recentOffers: stats.recent,
      recentAssignments: ranking ? vs.assignments.filter((a) => a.assignedAt >= this.now - RECENT_MS).length : 0,
      answeredOffers: stats.answered,
      totalOffers: stats.total,
    };
  }

  /** Mirrors loadOfferFacts: offers in the last 30 days; answered and closed ones in the last 180. */
  private offerStats(vs: VolunteerState): { recent: number; answered: number; total: number } {
    let recent = 0;
    let answered = 0;
    let total = 0;
    for (let i = vs.offers.length - 1; i >= 0; i--) {
      const o = vs.offers[i]!;
      if (o.createdAt < this.now - RELIABILITY_MS) break;
      if (o.createdAt >= this.now - RECENT_MS) recent++;
      if (o.status === 'accepted' || o.status === 'declined') answered++;
      if (o.status === 'accepted' || o.status === 'declined' || o.status === 'expired') total++;
    }
    return { recent, answered, total };
  }

  private hasHelped(vs: VolunteerState, personRef: string): boolean {
    return this.helpers.get(personRef)?.has(vs.v.index) ?? false;
  }

  /** Creates an offer now; its SMS goes out at once or, under the policy's quiet hours, in the morning. */
  offer(task: TaskState, vs: VolunteerState, timeoutMinutes: number | null): SimOffer {
    const o: SimOffer = { task, vol: vs, createdAt: this.now, sentAt: null, expiresAt: null, timeoutMinutes, status: 'pending' };
    task.offers.push(o);
    task.offered.add(vs.v.index);
    vs.offers.push(o);
    vs.live++;
    const sendAt = nextSendableAt(this.policy.quietHours, new Date(this.now)).getTime();
    if (sendAt <= this.now) this.deliver(o);
    else this.at(sendAt, () => this.deliver(o));
    return o;
  }

  /** The offer goes out: an SMS, or for a call-only volunteer (with the voice channel) a call. */
  private deliver(o: SimOffer): void {
    if (o.status !== 'pending') return;
    o.status = 'open';
    o.sentAt = this.now;
    const ctx = {
      seed: this.scenario.options.seed,
      offersLastWeek: this.countDeliveredSince(o.vol, this.now - 7 * DAY) - 1,
      assignmentsThisWeek: o.vol.assignments.filter((a) => a.week === o.task.t.week).length,
      helpedBefore: this.hasHelped(o.vol, o.task.t.personRef),
    };
    let answer: { answer: 'yes' | 'no'; at: number } | undefined;
    if (o.vol.v.callOnly) {
      const call = respondToCall(o.vol.v, o.task.t, this.now, o.timeoutMinutes, ctx);
      if (o.task.t.measured) {
        this.calls.placed += call.calls;
        if (call.response) this.calls.answered++;
      }
      answer = call.response;
    } else {
      if (o.task.t.measured) {
        this.sms.offers++;
        if (isQuiet(NIGHT, new Date(this.now))) this.sms.offersAtNight++;
      }
      answer = respond(o.vol.v, o.task.t, this.now, ctx);
    }
    if (answer) {
      const { answer: said, at } = answer;
      this.at(at, () => this.reply(o, said));
    }
    this.policy.onOfferOpen(this, o);
  }

  private countDeliveredSince(vs: VolunteerState, since: number): number {
    let n = 0;
    for (let i = vs.offers.length - 1; i >= 0; i--) {
      const o = vs.offers[i]!;
      if (o.createdAt < since - 12 * HOUR) break; // held offers go out at most 11 h after creation
      if (o.sentAt !== null && o.sentAt >= since) n++;
    }
    return n;
  }

  /** Moves a live offer to a closed status. */
  close(o: SimOffer, status: OfferStatus): void {
    if (o.status === 'pending' || o.status === 'open') o.vol.live--;
    o.status = status;
  }

  /** A "taken" (or "no longer needed") SMS to a volunteer about this task. */
  sendTaken(task: TaskState): void {
    if (task.t.measured) this.sms.taken++;
  }

  private reply(o: SimOffer, answer: 'yes' | 'no'): void {
    const task = o.task;
    if (o.status === 'withdrawn' || o.status === 'cancelled') return; // already told, or never reached them
    if (answer === 'no') {
      if (o.status !== 'open') return;
      this.close(o, 'declined');
      if (task.status === 'searching') this.policy.onDecline(this, o);
      return;
    }
    const stillOpen = (task.status === 'searching' || task.status === 'exhausted') && this.now < task.t.fillBy;
    if (stillOpen && (o.status === 'open' || o.status === 'expired')) this.assign(task, o);
    else this.sendTaken(task);
  }

  private assign(task: TaskState, o: SimOffer): void {
    this.close(o, 'accepted');
    const helpers = this.helpers.get(task.t.personRef) ?? new Set<number>();
    task.personKnown = helpers.size > 0;
    task.repeatHelper = helpers.has(o.vol.v.index);
    helpers.add(o.vol.v.index);
    this.helpers.set(task.t.personRef, helpers);
    task.status = 'assigned';
    task.assignee = o.vol;
    task.filledAt = this.now;
    const startsAt = new Date(task.t.startsAt);
    o.vol.assignments.push({
      taskId: task.t.id, startsAt, endsAt: new Date(task.t.startsAt + task.t.durationMinutes * MINUTE), assignedAt: this.now, week: task.t.week,
    });
    if (task.t.measured) this.sms.assigned++;
    this.policy.onAssigned(this, task, o);
  }

  /** At fill-by the search stops: the task counts as unfilled and its live offers lapse without an SMS. */
  private closeAtDeadline(task: TaskState): void {
    if (task.status !== 'searching' && task.status !== 'exhausted') return;
    task.endReason = task.status === 'exhausted' ? 'exhausted' : 'deadline';
    task.heldAtDeadline = task.status === 'searching'
      && (task.offers.some((o) => o.status === 'pending') || isQuiet(this.policy.quietHours, new Date(this.now)));
    task.status = 'missed';
    for (const o of task.offers) {
      if (o.status === 'pending') this.close(o, 'cancelled');
      else if (o.status === 'open') this.close(o, 'closed');
    }
  }
}
