import { claimCallSid, findCall } from '../db/call.repo';
import type { MenuTurn } from '../domain/voice/offer-call';
import { hangupTwiml } from '../voice/twiml';
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
 * The TwiML for one request of an outbound call we placed: the call's row says what it is for
 * (an offer, for now). A request whose CallSid is not the row's gets a hang-up and changes nothing.
 */
export async function answerCall(ctx: ServiceContext, w: CallWebhook): Promise<string> {
  const call = await findCall(ctx.db, w.callId);
  if (!call || call.direction !== 'outbound' || !(await claimCallSid(ctx.db, call.id, w.callSid, ctx.now()))) {
    ctx.log.warn({ callId: w.callId }, 'voice webhook for an unknown call; hanging up');
    return hangupTwiml();
  }
  if (call.kind !== 'offer') return hangupTwiml();
  return w.turn ? answerOfferKey(ctx, call, w.turn, w.digits) : startOfferCall(ctx, call);
}
