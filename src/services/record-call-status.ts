import { isTwilioCallStatus } from '../domain/voice/call-status';
import { applyCallStatus, claimCallSid, findCall } from '../db/call.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';

export interface CallStatusReport {
  callId: string;
  callSid: string;
  callStatus: string;
  durationSeconds?: number;
}

export type CallStatusOutcome = 'applied' | 'duplicate' | 'unknown';

/**
 * A call status callback: stored once per call and status (Twilio may post one twice, or late),
 * and the call's status only moves forward. A callback for a SID that is not this call's is
 * acknowledged and ignored.
 */
export async function recordCallStatus(ctx: ServiceContext, r: CallStatusReport): Promise<CallStatusOutcome> {
  if (!isTwilioCallStatus(r.callStatus)) return 'unknown';
  return runUseCase(ctx, async (trx, effects, now) => {
    const call = await findCall(trx, r.callId);
    if (!call || !(await claimCallSid(trx, call.id, r.callSid, now))) return 'unknown';
    const { first, moved } = await applyCallStatus(trx, call, r.callStatus, { durationSeconds: r.durationSeconds }, now);
    if (moved && call.task_id) effects.taskChanged(call.task_id);
    return first ? 'applied' : 'duplicate';
  });
}
