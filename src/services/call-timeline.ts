import { MAX_SILENCES } from '../domain/voice/offer-call';
import { isMachineAnswer } from '../domain/voice/call-status';
import type { CallWithEvents } from '../db/call.repo';

/**
 * What happened on a task's calls, as timeline events (issue 15): placed, rung in, answered by a
 * person or a machine, each key (or silence), no answer / busy / failed, the one retry, the end.
 * Built from the call rows and their call_event rows (each stored once per CallSid and status or
 * menu turn), so a repeated webhook never shows twice. Never a phone number or what was said.
 */
export type CallTimelineEvent =
  /** An outbound call not placed yet: it waits for quiet hours to end (`at` is when it may go). */
  | { type: 'waiting' }
  /** After no answer, busy or failed: the one more call, planned for `callAt`. */
  | { type: 'retry_planned'; callAt: Date }
  | { type: 'placed'; attempt: number }
  | { type: 'rang_in'; menu: 'offer' | 'task' }
  /** Picked up; no answering-machine result (yet). */
  | { type: 'answered' }
  | { type: 'answered_by'; who: 'person' | 'machine' | 'unknown' }
  /** `digits` null: silence. `last`: the silence that ended the menu. */
  | { type: 'key'; menu: 'offer' | 'task'; step: number; digits: string | null; last: boolean }
  | { type: 'unanswered'; status: 'no-answer' | 'busy' | 'failed' | 'canceled' }
  | { type: 'ended'; seconds: number | null }
  /** Never reached Twilio: a permanent error, or its offer no longer stood when its turn came. */
  | { type: 'not_placed'; status: 'failed' | 'cancelled'; errorCode: string | null };

export interface CallTimelineItem { at: Date; volunteerName: string; event: CallTimelineEvent; planned: boolean }

const UNANSWERED = new Set(['no-answer', 'busy', 'failed', 'canceled']);

/** The order of a call's events that share an instant (a test clock, or Twilio posting at once). */
function rankOf(key: string): number {
  if (key === 'status:queued' || key === 'status:initiated') return 0;
  if (key === 'status:ringing') return 1;
  if (key === 'status:in-progress') return 2;
  if (key === 'amd') return 3;
  const gather = /^gather:(\d+)/.exec(key);
  if (gather) return 4 + Number(gather[1]) / 1000;
  return 9; // the final status
}

export function callTimeline(calls: CallWithEvents[]): CallTimelineItem[] {
  const attemptsOfOffer = new Map<string, number>();
  return calls.flatMap((call): CallTimelineItem[] => {
    const name = call.volunteer_name ?? 'ukjent frivillig';
    const item = (at: Date, event: CallTimelineEvent, planned = false): CallTimelineItem => ({ at, volunteerName: name, event, planned });
    const out: CallTimelineItem[] = [];
    const menu = call.kind === 'task' ? 'task' : 'offer';

    if (call.direction === 'inbound') {
      out.push(item(call.placed_at ?? call.created_at, { type: 'rang_in', menu }));
    } else {
      const attempt = call.offer_id ? (attemptsOfOffer.get(call.offer_id) ?? 0) + 1 : 1;
      if (call.offer_id) attemptsOfOffer.set(call.offer_id, attempt);
      if (attempt > 1 && call.call_after) out.push(item(call.created_at, { type: 'retry_planned', callAt: call.call_after }));
      if (call.placed_at) out.push(item(call.placed_at, { type: 'placed', attempt }));
      else if (call.status === 'failed' || call.status === 'cancelled') {
        out.push(item(call.status_at ?? call.updated_at, { type: 'not_placed', status: call.status, errorCode: call.error_code }));
      } else if (attempt === 1 && call.call_after && call.call_after > call.created_at) {
        out.push(item(call.call_after, { type: 'waiting' }, true));
      }
    }

    const events = [...call.events].sort((a, b) => a.at.getTime() - b.at.getTime() || rankOf(a.key) - rankOf(b.key));
    const hasAmd = events.some((e) => e.key === 'amd');
    let silences = 0;
    for (const e of events) {
      if (e.key === 'status:in-progress' && !hasAmd) out.push(item(e.at, { type: 'answered' }));
      else if (e.key === 'amd') {
        const by = typeof e.detail.answeredBy === 'string' ? e.detail.answeredBy : '';
        out.push(item(e.at, { type: 'answered_by', who: by === 'human' ? 'person' : isMachineAnswer(by) ? 'machine' : 'unknown' }));
      } else if (e.key.startsWith('gather:')) {
        const [, step, turnSilences] = e.key.split(':');
        const digits = typeof e.detail.digits === 'string' && e.detail.digits !== '' ? e.detail.digits : null;
        // The offer menu counts silences over the call; the task menu's key carries the count.
        const heard = digits === null ? (menu === 'offer' ? ++silences : Number(turnSilences ?? 0) + 1) : 0;
        // A silence ends the menu after MAX_SILENCES (the task menu's confirming turn at once).
        const last = digits === null && (heard >= MAX_SILENCES || (menu === 'task' && Number(step) > 1));
        out.push(item(e.at, { type: 'key', menu, step: Number(step), digits, last }));
      } else if (e.key.startsWith('status:')) {
        const status = e.key.slice('status:'.length);
        if (status === 'completed') {
          const seconds = typeof e.detail.durationSeconds === 'number' ? e.detail.durationSeconds : null;
          out.push(item(e.at, { type: 'ended', seconds }));
        } else if (UNANSWERED.has(status)) {
          out.push(item(e.at, { type: 'unanswered', status: status as 'no-answer' | 'busy' | 'failed' | 'canceled' }));
        }
      }
    }
    return out;
  });
}
