import { listUpcomingAssignments } from '../db/assignment.repo';
import { findCallEventTwiml, insertCallEvent, saveCallEventTwiml, type Call } from '../db/call.repo';
import type { Queryable, Tx } from '../db/database';
import { findLiveOffer } from '../db/offer.repo';
import { findTask } from '../db/task.repo';
import { findVolunteer, findVolunteerByPhone, type Volunteer } from '../db/volunteer.repo';
import { toTaskFacts } from '../domain/messages';
import { isOfficeOpen } from '../domain/voice/office-hours';
import { goodbyeScript, MAX_SILENCES, type MenuTurn } from '../domain/voice/offer-call';
import { GATHER_TIMEOUT_SECONDS, type VoiceScript } from '../domain/voice/voice-script';
import { firstNameOf } from '../domain/voice/voice-texts';
import { voiceFor } from '../domain/voice/voice-language';
import { dialTwiml, hangupTwiml, renderTwiml, voicemailTwiml } from '../voice/twiml';
import { offerActionUrl, startOfferCall } from './answer-offer-call';
import type { ServiceContext } from './context';
import { runUseCase } from './effects';
import { cancelByVolunteerInTx } from './volunteer-cancel';

export const INBOUND_PATHS = {
  dialEnded: '/webhooks/twilio/voice/incoming/dial-ended',
  recorded: '/webhooks/twilio/voice/incoming/recorded',
  recording: '/webhooks/twilio/voice/incoming/recording',
};
/** Seconds the coordinator's phone rings before the caller gets the voicemail. */
export const DIAL_TIMEOUT_SECONDS = 25;

export interface InboundCall { callSid: string; from: string; to: string }

/**
 * «A call comes in» on the service number. A volunteer with a live offer hears the offer menu (the
 * same TwiML and Gather action as an offer call); one with a task ahead hears when and where, with
 * 9 to cancel it. Anyone else (requesters too) is put through to the coordinator in office hours,
 * else gets the voicemail. The call is recorded once per CallSid: Twilio asking again gets the
 * same menu.
 */
export async function answerInboundCall(ctx: ServiceContext, w: InboundCall): Promise<string> {
  const volunteer = await findVolunteerByPhone(ctx.db, w.from);
  if (volunteer && !volunteer.optedOutAt) {
    const offer = await findLiveOffer(ctx.db, volunteer.id);
    if (offer) {
      const task = await findTask(ctx.db, offer.taskId);
      if (task?.status === 'searching') {
        const call = await recordInboundCall(ctx.db, w, { kind: 'offer', volunteerId: volunteer.id, taskId: task.id, offerId: offer.id }, ctx.now());
        if (call.kind === 'offer') return startOfferCall(ctx, call);
      }
    }
    const now = ctx.now();
    const next = (await listUpcomingAssignments(ctx.db, volunteer.id, now)).find((a) => a.startsAt > now);
    if (next) {
      const call = await recordInboundCall(ctx.db, w, { kind: 'task', volunteerId: volunteer.id, taskId: next.taskId, offerId: null }, now);
      if (call.kind === 'task') return startTaskCall(ctx, call, volunteer);
    }
  }
  return officeTwiml(ctx, w);
}

/** In office hours with a coordinator's number: <Dial> it; otherwise the voicemail. */
export function officeTwiml(ctx: ServiceContext, caller: { from: string; to: string }): string {
  const phone = ctx.settings.coordinatorPhone;
  if (phone && isOfficeOpen(ctx.settings.officeHours, ctx.now())) {
    return dialTwiml({ number: phone, timeoutSeconds: DIAL_TIMEOUT_SECONDS, action: INBOUND_PATHS.dialEnded, callerId: undefined });
  }
  return voicemail(ctx, caller);
}

/** The Dial ended: a conversation that took place ends the call; nobody answering gets the voicemail. */
export function answerDialEnded(ctx: ServiceContext, dialCallStatus: string | undefined, caller: { from: string; to: string }): string {
  if (dialCallStatus === 'completed' || dialCallStatus === 'answered') return hangupTwiml();
  return voicemail(ctx, caller);
}

/**
 * The greeting and <Record>. The recording callback does not carry the caller, so its URL does
 * (Twilio signs the whole URL, query included).
 */
function voicemail(ctx: ServiceContext, caller: { from: string; to: string }): string {
  const callback = `${INBOUND_PATHS.recording}?f=${encodeURIComponent(caller.from)}&t=${encodeURIComponent(caller.to)}`;
  const { texts, voice } = voiceFor('nb', ctx.settings.voices);
  const greeting = `Hei, du har ringt ${ctx.settings.centre.name}. Vi kan ikke ta telefonen nå. Legg igjen en beskjed etter pipetonen, med navn og nummer, så ringer vi deg tilbake.`;
  return voicemailTwiml({ language: texts.sayLanguage, voice }, greeting, { maxLengthSeconds: 120, action: INBOUND_PATHS.recorded, recordingStatusCallback: callback });
}

async function recordInboundCall(db: Queryable, w: InboundCall, c: { kind: 'offer' | 'task'; volunteerId: string; taskId: string; offerId: string | null }, now: Date): Promise<Call> {
  await db.insertInto('call').values({
    direction: 'inbound', twilio_sid: w.callSid, from_phone: w.from, to_phone: w.to, kind: c.kind, volunteer_id: c.volunteerId,
    task_id: c.taskId, offer_id: c.offerId, status: 'received', created_at: now, updated_at: now, placed_at: now,
  }).onConflict((oc) => oc.column('twilio_sid').doNothing()).execute();
  return db.selectFrom('call').selectAll().where('twilio_sid', '=', w.callSid).executeTakeFirstOrThrow();
}

/** The task menu's action: step 1 is «9 to cancel», step 2 «1 to confirm». */
function taskActionUrl(callId: string, turn: MenuTurn): string {
  return offerActionUrl(callId, turn);
}

async function taskScript(ctx: ServiceContext, db: Queryable, call: Call, volunteer: Volunteer): Promise<VoiceScript | undefined> {
  const task = call.task_id ? await findTask(db, call.task_id) : undefined;
  if (!task) return undefined;
  const { texts, voice } = voiceFor(volunteer.language, ctx.settings.voices);
  const say = texts.taskAhead({ firstName: firstNameOf(volunteer.name), centreName: ctx.settings.centre.name, task: toTaskFacts(task) });
  return { language: texts.sayLanguage, voice, verbs: [{ verb: 'gather', say: [say], action: taskActionUrl(call.id, { step: 1, silences: 0 }), timeoutSeconds: GATHER_TIMEOUT_SECONDS }] };
}

async function startTaskCall(ctx: ServiceContext, call: Call, volunteer: Volunteer): Promise<string> {
  const script = await taskScript(ctx, ctx.db, call, volunteer);
  return script ? renderTwiml(script) : hangupTwiml();
}

/**
 * A key on the task menu, recorded once per call and turn with its answer (as the offer menu's):
 * 9 asks for confirmation, 1 then cancels through the same service as an SMS AVBRYT; anything else
 * (or silence) keeps the task.
 */
export async function answerTaskKey(ctx: ServiceContext, call: Call, turn: MenuTurn, pressed: string | undefined): Promise<string> {
  const digits = pressed?.trim() || undefined;
  const key = `gather:${turn.step}:${turn.silences}`;
  return runUseCase(ctx, async (trx: Tx, effects, now) => {
    if (!(await insertCallEvent(trx, call.id, key, { digits: digits ?? null }, now))) {
      return (await findCallEventTwiml(trx, call.id, key)) ?? hangupTwiml();
    }
    const volunteer = call.volunteer_id ? await findVolunteer(trx, call.volunteer_id) : undefined;
    let twiml = hangupTwiml();
    if (volunteer) {
      const { texts, voice } = voiceFor(volunteer.language, ctx.settings.voices);
      const goodbye = (text: string) => renderTwiml(goodbyeScript({ texts, voice }, text));
      if (turn.step === 1 && digits === '9') {
        twiml = renderTwiml({ language: texts.sayLanguage, voice, verbs: [{ verb: 'gather', say: [texts.confirmCancel()], action: taskActionUrl(call.id, { step: 2, silences: 0 }), timeoutSeconds: GATHER_TIMEOUT_SECONDS }] });
      } else if (turn.step === 1 && digits === undefined && turn.silences + 1 < MAX_SILENCES) {
        const script = await taskScript(ctx, trx, call, volunteer);
        if (script) twiml = renderTwiml({ ...script, verbs: script.verbs.map((v) => (v.verb === 'gather' ? { ...v, action: taskActionUrl(call.id, { step: 1, silences: turn.silences + 1 }) } : v)) });
      } else if (turn.step === 2 && digits === '1') {
        const upcoming = (await listUpcomingAssignments(trx, volunteer.id, now)).find((a) => a.taskId === call.task_id && a.startsAt > now);
        const outcome = upcoming ? await cancelByVolunteerInTx(trx, ctx, effects, volunteer, now, upcoming.id) : 'nothing_to_cancel';
        twiml = goodbye(outcome === 'cancelled' ? texts.cancelled() : texts.keptTask());
      } else {
        twiml = goodbye(texts.keptTask());
      }
    }
    await saveCallEventTwiml(trx, call.id, key, twiml);
    if (call.task_id) effects.taskChanged(call.task_id); // the key is on the task's timeline
    return twiml;
  });
}

