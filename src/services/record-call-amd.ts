import { isLandline } from '../domain/contact-preference';
import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import { renderOffer, toTaskFacts } from '../domain/messages';
import { isMachineAnswer } from '../domain/voice/call-status';
import { goodbyeScript } from '../domain/voice/offer-call';
import { voiceFor } from '../domain/voice/voice-language';
import type { Tx } from '../db/database';
import { claimCallSid, findCall, insertCallEvent, type Call } from '../db/call.repo';
import { findOffer } from '../db/offer.repo';
import { lockTask } from '../db/task.repo';
import { findVolunteer } from '../db/volunteer.repo';
import { renderTwiml } from '../voice/twiml';
import type { ServiceContext } from './context';
import { runUseCase, type Effects } from './effects';

export interface AmdReport { callId: string; callSid: string; answeredBy: string }

export type AmdOutcome = 'human' | 'machine' | 'duplicate' | 'unknown';

/**
 * The answering-machine detection result (AsyncAmd), stored once on the call. A machine that took
 * an offer call gets a short message without details instead of the menu, and a mobile gets the
 * offer by SMS at once (the offer stays the same offer, so a JA by SMS or a call back answers it).
 */
export async function recordCallAmd(ctx: ServiceContext, r: AmdReport): Promise<AmdOutcome> {
  const outcome = await runUseCase(ctx, async (trx, effects, now) => {
    const call = await findCall(trx, r.callId);
    if (!call || !(await claimCallSid(trx, call.id, r.callSid, now))) return { kind: 'unknown' as const };
    if (!(await insertCallEvent(trx, call.id, 'amd', { answeredBy: r.answeredBy }, now))) return { kind: 'duplicate' as const };
    await trx.updateTable('call').set({ answered_by: r.answeredBy, updated_at: now }).where('id', '=', call.id).execute();
    if (call.task_id) effects.taskChanged(call.task_id);
    if (!isMachineAnswer(r.answeredBy) || call.kind !== 'offer') return { kind: 'human' as const };
    return { kind: 'machine' as const, twiml: await answerMachine(trx, ctx, effects, call) };
  });
  if (outcome.kind !== 'machine') return outcome.kind;
  // After the commit: the SMS offer is already safe; a message that cannot be left changes nothing.
  if (outcome.twiml && !(await ctx.voice.updateCall(r.callSid, outcome.twiml))) {
    ctx.log.info({ callId: r.callId }, 'the machine message could not be left (the call had ended)');
  }
  return 'machine';
}

/** The SMS offer (to a mobile, while the offer stands) and the message the machine gets. */
async function answerMachine(trx: Tx, ctx: ServiceContext, effects: Effects, call: Call): Promise<string | undefined> {
  const offer = call.offer_id ? await findOffer(trx, call.offer_id) : undefined;
  const volunteer = call.volunteer_id ? await findVolunteer(trx, call.volunteer_id) : undefined;
  if (!offer || !volunteer) return undefined;
  const task = await lockTask(trx, offer.taskId);
  const stands = !!task && task.status === 'searching' && LIVE_OFFER_STATUSES.includes(offer.status);
  const bySms = stands && !isLandline(volunteer.phone);
  if (bySms && task) {
    // Not kind 'offer': that kind opens its offer when sent and is dropped unless the offer is still
    // pending, while this offer opened when Twilio took the call. The offer is the same either way.
    await effects.sms(trx, {
      to: volunteer.phone, body: renderOffer(volunteer.language, toTaskFacts(task), task.offerTimeoutMinutes),
      kind: 'offer_after_call', volunteerId: volunteer.id, taskId: task.id, offerId: offer.id,
    });
  }
  const { texts, voice } = voiceFor(volunteer.language, ctx.settings.voices);
  const text = stands ? texts.machineMessage({ centreName: ctx.settings.centre.name, centrePhone: ctx.settings.centre.phone, bySms }) : texts.taken();
  return renderTwiml(goodbyeScript({ texts, voice }, text));
}
