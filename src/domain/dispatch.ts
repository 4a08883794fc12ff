/**
 * The task and offer state machines. Storage applies each transition as a conditional update
 * (`WHERE status IN fromStates`), so a stale timer, a duplicate webhook or a late reply simply
 * matches no row: the tables here are the single statement of which moves are legal.
 */
export type TaskStatus = 'new' | 'searching' | 'assigned' | 'unfilled' | 'cancelled';
export type OfferStatus = 'pending' | 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'failed';

export type TaskEvent =
  | 'dispatch'
  | 'accept'
  | 'exhaust'
  | 'cancel'
  | 'stop'           // a coordinator stops the search: live offers are withdrawn, the task waits again
  | 'manual_assign'  // agreed by phone: also possible before any SMS went out
  | 'release'        // the assigned volunteer cancels (AVBRYT): the task looks for someone else
  | 'unassign';      // a coordinator takes the volunteer off: the task waits until sent out again
export type OfferEvent =
  | 'sms_sent'      // the offer SMS left through the transport; its timer starts
  | 'accept'        // the volunteer said yes while the offer was live
  | 'late_accept'   // yes after expiry, while the task is still looking for someone
  | 'decline'
  | 'expire'
  | 'withdraw'      // someone else took the task, the task was cancelled, or the volunteer opted out
  | 'fail';         // the SMS could not be delivered

const taskMoves: Record<TaskEvent, { from: readonly TaskStatus[]; to: TaskStatus }> = {
  dispatch: { from: ['new', 'unfilled'], to: 'searching' },
  accept: { from: ['searching', 'unfilled'], to: 'assigned' },
  exhaust: { from: ['searching'], to: 'unfilled' },
  cancel: { from: ['new', 'searching', 'assigned', 'unfilled'], to: 'cancelled' },
  stop: { from: ['searching'], to: 'new' },
  manual_assign: { from: ['new', 'searching', 'unfilled'], to: 'assigned' },
  release: { from: ['assigned'], to: 'searching' },
  unassign: { from: ['assigned'], to: 'new' },
};

const offerMoves: Record<OfferEvent, { from: readonly OfferStatus[]; to: OfferStatus }> = {
  sms_sent: { from: ['pending'], to: 'open' },
  accept: { from: ['pending', 'open'], to: 'accepted' },
  late_accept: { from: ['expired', 'declined'], to: 'accepted' },
  decline: { from: ['pending', 'open'], to: 'declined' },
  expire: { from: ['open'], to: 'expired' },
  withdraw: { from: ['pending', 'open'], to: 'withdrawn' },
  fail: { from: ['pending', 'open'], to: 'failed' },
};

export const LIVE_OFFER_STATUSES: readonly OfferStatus[] = ['pending', 'open'];

/** Pending or open: the offer still stands, and a reply answers it. */
export function isLiveOfferStatus(status: OfferStatus): boolean {
  return LIVE_OFFER_STATUSES.includes(status);
}

export function taskTransition(event: TaskEvent): { from: readonly TaskStatus[]; to: TaskStatus } {
  return taskMoves[event];
}

export function offerTransition(event: OfferEvent): { from: readonly OfferStatus[]; to: OfferStatus } {
  return offerMoves[event];
}

/** The next status, or undefined when the event does not apply in this state (a normal outcome). */
export function nextTaskStatus(current: TaskStatus, event: TaskEvent): TaskStatus | undefined {
  const move = taskMoves[event];
  return move.from.includes(current) ? move.to : undefined;
}

export function nextOfferStatus(current: OfferStatus, event: OfferEvent): OfferStatus | undefined {
  const move = offerMoves[event];
  return move.from.includes(current) ? move.to : undefined;
}

/** What a coordinator may do with a task in this state: the buttons on the task page follow this. */
export interface TaskActions { dispatch: boolean; stop: boolean; cancel: boolean; assignManually: boolean; unassign: boolean; edit: boolean }

export function availableTaskActions(status: TaskStatus): TaskActions {
  const can = (event: TaskEvent) => nextTaskStatus(status, event) !== undefined;
  return {
    dispatch: can('dispatch'), stop: can('stop'), cancel: can('cancel'), assignManually: can('manual_assign'), unassign: can('unassign'),
    // A cancelled task is history; everything else can still be put right.
    edit: status !== 'cancelled',
  };
}

/**
 * How many new offers a searching task needs now: it keeps `waveSize` offers live, so a NO or a
 * failed SMS is replaced at once and a wave that times out is followed by a fresh one.
 */
export function offersToSend(waveSize: number, liveOffers: number): number {
  return Math.max(0, waveSize - liveOffers);
}

/** A searching task with nobody left to ask and nothing live is unfilled. */
export function isExhausted(liveOffers: number, newOffers: number): boolean {
  return liveOffers === 0 && newOffers === 0;
}

/** A replacement for a NO joins the running wave; when nothing is live, a new wave starts. */
export function waveForNewOffers(wavesSent: number, liveOffers: number): number {
  return liveOffers === 0 ? wavesSent + 1 : Math.max(wavesSent, 1);
}
