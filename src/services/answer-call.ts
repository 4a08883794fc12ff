import { claimCallSid, findCall } from '../db/call.repo';
import type { MenuTurn } from '../domain/voice/offer-call';
import { hangupTwiml } from '../voice/twiml';
import { answerTaskKey } from './answer-inbound-call';
import { answerOfferKey, startOfferCall } from './answer-offer-call';
import type { ServiceContext } from './context';

export interface CallWebhook {
  callId: string;
  callSid: string;
  /** Absent on the first request of the call (the TwiML fetch); the menu turn on a Gather action. */
  turn?: MenuTurn;
  digits?: string;
}

/**
 * The TwiML for one request of a call with a row of ours (an outbound call we placed, or a
 * volunteer's call in): the row says what it is for (an offer, or a task ahead). A request whose CallSid is not the row's gets a hang-up and changes nothing.
 */
export async function answerCall(ctx: ServiceContext, w: CallWebhook): Promise<string> {
  const call = await findCall(ctx.db, w.callId);
  if (!call || !(await claimCallSid(ctx.db, call.id, w.callSid, ctx.now()))) {
    ctx.log.warn({ callId: w.callId }, 'voice webhook for an unknown call; hanging up');
    return hangupTwiml();
  }
  // A volunteer's call in (issue 15) records its menu as a row too: its Gather actions come here.
  if (call.kind === 'task') return w.turn ? answerTaskKey(ctx, call, w.turn, w.digits) : hangupTwiml();
  if (call.kind !== 'offer') return hangupTwiml();
  return w.turn ? answerOfferKey(ctx, call, w.turn, w.digits) : startOfferCall(ctx, call);
}
