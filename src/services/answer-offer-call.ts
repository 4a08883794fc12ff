import { isLandline } from '../domain/contact-preference';
import { LIVE_OFFER_STATUSES } from '../domain/dispatch';
import { toTaskFacts } from '../domain/messages';
import { decideOfferKey, goodbyeScript, offerMenuScript, type MenuTurn } from '../domain/voice/offer-call';
import { firstNameOf } from '../domain/voice/voice-texts';
import { voiceFor } from '../domain/voice/voice-language';
import type { Tx } from '../db/database';
import { findCallEventTwiml, insertCallEvent, saveCallEventTwiml, type Call } from '../db/call.repo';
import { findOffer, moveOffer } from '../db/offer.repo';
import { findTask, lockTask, type Task } from '../db/task.repo';
import { findVolunteer, type Volunteer } from '../db/volunteer.repo';
import { hangupTwiml, renderTwiml } from '../voice/twiml';
import { assignVolunteerInTx } from './assign-volunteer';
import type { ServiceContext } from './context';
import { runUseCase, type Effects } from './effects';
import { fillTaskInTx } from './fill-task';

/** The menu's action URL: relative, so Twilio resolves it against the URL it called (and signs it). */
export function offerActionUrl(callId: string, turn: MenuTurn): string {
  return `/webhooks/twilio/voice/call?c=${encodeURIComponent(callId)}&s=${turn.step}&q=${turn.silences}`;
}

interface OfferContext { offer: NonNullable<Awaited<ReturnType<typeof findOffer>>>; task: Task; volunteer: Volunteer }

/** What the offer call says when it is answered: the offer and its menu, or that it is taken. */
export async function startOfferCall(ctx: ServiceContext, call: Call): Promise<string> {
  return runUseCase(ctx, async (trx) => {
    const found = await loadOffer(trx, call);
    if (!found) return hangupTwiml();
    const { texts, voice } = voiceFor(found.volunteer.language, ctx.settings.voices);
    if (!offerIsLive(found)) return renderTwiml(goodbyeScript({ texts, voice }, texts.taken()));
    return renderTwiml(offerMenuScript(menuInput(ctx, found), offerActionUrl(call.id, { step: 1, silences: 0 })));
  });
}

/**
 * A key pressed (or silence) at turn `turn.step`. Recorded once per call and turn in the same
 * transaction as its effect: Twilio repeating the request gets the stored answer and changes
 * nothing. 1 accepts through the same transaction as an SMS JA; 2 declines; 0 and other keys
 * repeat the menu; a second silence ends the call and the offer keeps waiting.
 */
export async function answerOfferKey(ctx: ServiceContext, call: Call, turn: MenuTurn, digits: string | undefined): Promise<string> {
  const key = `gather:${turn.step}`;
  return runUseCase(ctx, async (trx, effects, now) => {
    if (!(await insertCallEvent(trx, call.id, key, { digits: digits ?? null }, now))) {
      return (await findCallEventTwiml(trx, call.id, key)) ?? hangupTwiml();
    }
    const twiml = await applyKey(trx, ctx, effects, call, turn, digits, now);
    await saveCallEventTwiml(trx, call.id, key, twiml);
    if (call.task_id) effects.taskChanged(call.task_id); // the key is on the task's timeline
    return twiml;
  });
}

async function applyKey(trx: Tx, ctx: ServiceContext, effects: Effects, call: Call, turn: MenuTurn, digits: string | undefined, now: Date): Promise<string> {
  const found = await loadOffer(trx, call, { lock: true });
  if (!found) return hangupTwiml();
  const { texts, voice } = voiceFor(found.volunteer.language, ctx.settings.voices);
  const goodbye = (text: string) => renderTwiml(goodbyeScript({ texts, voice }, text));
  const decision = decideOfferKey(digits, turn);
  if (decision.kind === 'give_up') return goodbye(texts.noAnswerGoodbye({ centrePhone: ctx.settings.centre.phone }));
  if (!offerIsLive(found)) return goodbye(texts.taken());
  const { offer, task, volunteer } = found;
  switch (decision.kind) {
    case 'accept': {
      const outcome = await assignVolunteerInTx(trx, ctx, effects, { task, volunteer, offerId: offer.id, late: false, source: 'call' }, now);
      if (outcome === 'lost') return goodbye(texts.taken());
      ctx.log.info({ callId: call.id, taskId: task.id }, 'offer accepted by call');
      return goodbye(texts.accepted({ task: toTaskFacts(task), details: task.details, bySms: !isLandline(volunteer.phone) }));
    }
    case 'decline':
      await moveOffer(trx, offer.id, 'decline', now, { answered_at: now });
      effects.taskChanged(task.id);
      await fillTaskInTx(trx, ctx, effects, task.id, now);
      return goodbye(texts.declined());
    case 'ask_again':
      return renderTwiml(offerMenuScript(menuInput(ctx, found), offerActionUrl(call.id, decision.next), { unknownKey: decision.unknownKey }));
  }
}

async function loadOffer(trx: Tx, call: Call, opts: { lock?: boolean } = {}): Promise<OfferContext | undefined> {
  if (!call.offer_id || !call.volunteer_id) return undefined;
  const offer = await findOffer(trx, call.offer_id);
  if (!offer) return undefined;
  // The task lock orders this answer with JA by SMS and other calls: one conditional update decides.
  const task = opts.lock ? await lockTask(trx, offer.taskId) : await findTask(trx, offer.taskId);
  const volunteer = await findVolunteer(trx, call.volunteer_id);
  if (!task || !volunteer) return undefined;
  // Re-read after the lock: an accept racing us may have moved the offer.
  const fresh = opts.lock ? await findOffer(trx, offer.id) : offer;
  return fresh && { offer: fresh, task, volunteer };
}

/** The offer still waits for this volunteer's answer, and the task still looks for someone. */
function offerIsLive(o: OfferContext): boolean {
  return LIVE_OFFER_STATUSES.includes(o.offer.status) && o.task.status === 'searching';
}

function menuInput(ctx: ServiceContext, o: OfferContext) {
  const { texts, voice } = voiceFor(o.volunteer.language, ctx.settings.voices);
  return { texts, voice, firstName: firstNameOf(o.volunteer.name), centreName: ctx.settings.centre.name, task: toTaskFacts(o.task) };
}
