import { claimCallSid, findCall, insertCallEvent } from '../db/call.repo';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';

export interface AmdReport { callId: string; callSid: string; answeredBy: string }

/**
 * The answering-machine detection result (AsyncAmd): stored once on the call. What a machine gets
 * instead of the menu is decided in handle-machine-answer (issue 15, step 4).
 */
export async function recordCallAmd(ctx: ServiceContext, r: AmdReport): Promise<'applied' | 'duplicate' | 'unknown'> {
  return runUseCase(ctx, async (trx, effects, now) => {
    const call = await findCall(trx, r.callId);
    if (!call || !(await claimCallSid(trx, call.id, r.callSid, now))) return 'unknown';
    if (!(await insertCallEvent(trx, call.id, 'amd', { answeredBy: r.answeredBy }, now))) return 'duplicate';
    await trx.updateTable('call').set({ answered_by: r.answeredBy, updated_at: now }).where('id', '=', call.id).execute();
    if (call.task_id) effects.taskChanged(call.task_id);
    return 'applied';
  });
}
