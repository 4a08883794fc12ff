import { randomBytes } from 'node:crypto';
import { findCall } from '../../db/call.repo';
import type { ServiceContext } from '../../services/context';
import { readTwiml } from '../../voice/twiml-reader';
import { VOICE_WEBHOOKS } from '../routes/twilio-voice';
import { RequestValidationError } from '../validate';

/**
 * The phone simulator's calls (SMS_TRANSPORT=simulator). A call offer rings on a virtual phone; the
 * phone answers, presses keys and hangs up through the very same voice webhooks Twilio calls
 * (http/routes/twilio-voice.ts), only without the signature, as the simulator's SMS skip it — and
 * plays their TwiML the way Twilio would. «Ring tjenesten» is a call in to the service number.
 */
export interface SimulatedCall {
  /** Twilio's form (CA + 32 hex), as the webhooks check it. */
  sid: string;
  /** Our call row, for an offer call we placed (its status callbacks need it); null for a call in. */
  callId: string | null;
  /** The simulated phone's number. */
  phone: string;
  direction: 'in' | 'out';
}

/** What the phone shows after a step: what was said, and the Gather action a key goes to (null: the call is over). */
export interface CallScreen { said: string[]; action: string | null; ended: boolean }

const PREFIX = '/webhooks/twilio/voice';
/** A guard against a TwiML loop: more steps than any menu of ours takes. */
const MAX_STEPS = 10;

/** Posts one voice webhook as Twilio would, with the call's fields. */
async function post(ctx: ServiceContext, call: SimulatedCall, url: string, extra: Record<string, string>): Promise<string | undefined> {
  const target = new URL(url, 'http://simulator.invalid');
  const path = target.pathname.startsWith(PREFIX) ? target.pathname.slice(PREFIX.length) || '/' : undefined;
  const webhook = path === undefined ? undefined : VOICE_WEBHOOKS[path];
  if (!webhook) throw new RequestValidationError([{ field: 'action', message: 'must be one of the voice webhooks' }]);
  const service = ctx.settings.serviceNumber;
  const body = {
    CallSid: call.sid, AccountSid: 'ACsimulator', ApiVersion: '2010-04-01', CallStatus: 'in-progress',
    Direction: call.direction === 'in' ? 'inbound' : 'outbound-api',
    From: call.direction === 'in' ? call.phone : service, To: call.direction === 'in' ? service : call.phone,
    ...extra,
  };
  return webhook(ctx, Object.fromEntries(target.searchParams), body);
}

/** Plays TwiML until a Gather waits for a key or the call ends. A Dial is never answered here: the caller goes on to what follows (the voicemail). */
async function play(ctx: ServiceContext, call: SimulatedCall, twiml: string | undefined): Promise<CallScreen> {
  const said: string[] = [];
  let next = twiml;
  for (let step = 0; next !== undefined && step < MAX_STEPS; step++) {
    const verbs = readTwiml(next);
    next = undefined;
    for (const v of verbs) {
      if (v.verb === 'say') said.push(v.text);
      else if (v.verb === 'gather') return { said: [...said, ...v.say], action: v.action, ended: false };
      else if (v.verb === 'dial') {
        said.push(`(Setter over til ${v.number}. I simulatoren svarer ingen.)`);
        if (v.action) {
          next = await post(ctx, call, v.action, { DialCallStatus: 'no-answer' });
          break;
        }
      } else if (v.verb === 'record') {
        said.push('(Pipetone. Simulatoren tar ikke opp beskjeder.)');
        return end(ctx, call, said);
      } else return end(ctx, call, said); // hangup
    }
  }
  return end(ctx, call, said);
}

async function end(ctx: ServiceContext, call: SimulatedCall, said: string[]): Promise<CallScreen> {
  await hangUpSimulatedCall(ctx, call);
  return { said, action: null, ended: true };
}

/** The virtual phone picks up an offer call: answered, a person (AMD), and the call's TwiML. */
export async function answerSimulatedCall(ctx: ServiceContext, callId: string): Promise<{ call: SimulatedCall; screen: CallScreen } | undefined> {
  const row = await findCall(ctx.db, callId);
  if (!row || row.direction !== 'outbound' || !row.twilio_sid || !['queued', 'initiated', 'ringing'].includes(row.status)) return undefined;
  const call: SimulatedCall = { sid: row.twilio_sid, callId: row.id, phone: row.to_phone, direction: 'out' };
  const c = encodeURIComponent(row.id);
  await post(ctx, call, `${PREFIX}/status?c=${c}`, { CallStatus: 'in-progress' });
  await post(ctx, call, `${PREFIX}/amd?c=${c}`, { AnsweredBy: 'human' });
  return { call, screen: await play(ctx, call, await post(ctx, call, `${PREFIX}/call?c=${c}`, {})) };
}

/** The virtual phone turns an offer call away: busy (one more call comes after 10 minutes, as after no answer). */
export async function rejectSimulatedCall(ctx: ServiceContext, callId: string): Promise<boolean> {
  const row = await findCall(ctx.db, callId);
  if (!row || row.direction !== 'outbound' || !row.twilio_sid) return false;
  await post(ctx, { sid: row.twilio_sid, callId: row.id, phone: row.to_phone, direction: 'out' }, `${PREFIX}/status?c=${encodeURIComponent(row.id)}`, { CallStatus: 'busy' });
  return true;
}

/** «Ring tjenesten»: a call in from this phone to the service number. */
export async function ringServiceFrom(ctx: ServiceContext, phone: string): Promise<{ call: SimulatedCall; screen: CallScreen }> {
  const call: SimulatedCall = { sid: `CA${randomBytes(16).toString('hex')}`, callId: null, phone, direction: 'in' };
  return { call, screen: await play(ctx, call, await post(ctx, call, PREFIX, {})) };
}

/** A key (or silence: '') at the Gather waiting for one. */
export async function pressSimulatedKey(ctx: ServiceContext, call: SimulatedCall, action: string, digits: string): Promise<CallScreen> {
  return play(ctx, call, await post(ctx, call, action, { Digits: digits }));
}

/** The call ends: an offer call we placed gets its final status callback, as Twilio sends one. */
export async function hangUpSimulatedCall(ctx: ServiceContext, call: SimulatedCall): Promise<void> {
  if (call.direction === 'out' && call.callId) {
    await post(ctx, call, `${PREFIX}/status?c=${encodeURIComponent(call.callId)}`, { CallStatus: 'completed' });
  }
}
