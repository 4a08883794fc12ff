/**
 * A call's status, ours before Twilio has it (queued, placing, cancelled) and Twilio's after
 * (initiated … completed). Callbacks can arrive late or twice: a status only ever moves forward.
 */
export const TWILIO_CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type TwilioCallStatus = (typeof TWILIO_CALL_STATUSES)[number];

const RANK: Record<string, number> = {
  queued: 0, placing: 1, initiated: 2, ringing: 3, 'in-progress': 4,
  completed: 5, busy: 5, 'no-answer': 5, failed: 5, canceled: 5, cancelled: 5,
};

export function isTwilioCallStatus(value: string): value is TwilioCallStatus {
  return (TWILIO_CALL_STATUSES as readonly string[]).includes(value);
}

/** Whether `to` is later than `from`; an ended call never changes again. */
export function callStatusMovesForward(from: string, to: string): boolean {
  return (RANK[to] ?? -1) > (RANK[from] ?? -1);
}

export function isFinalCallStatus(status: string): boolean {
  return RANK[status] === 5;
}

/** The call was never picked up: worth one more try (issue 15: after 10 minutes, within the answer time). */
export function isUnansweredCallStatus(status: string): boolean {
  return status === 'no-answer' || status === 'busy' || status === 'failed';
}

/** Twilio's AnsweredBy values that mean a machine (or a fax) took the call, not a person. */
export function isMachineAnswer(answeredBy: string | null | undefined): boolean {
  return !!answeredBy && (answeredBy.startsWith('machine_') || answeredBy === 'fax');
}
