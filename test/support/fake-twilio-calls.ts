/**
 * The Calls part of the fake Twilio (mounted by FakeTwilio): create, fetch, list and update calls
 * as twilio-node 6.2.0 sends them (lib/rest/api/v2010/account/call.js), and play a call the way
 * Twilio would once someone answers: fetch the TwiML from the call's Url with a valid
 * X-Twilio-Signature, follow <Say>, <Gather>, <Redirect>, <Dial>, <Record>, <Hangup>, post Gather
 * actions and status callbacks signed like Twilio. See playCall() for the scenarios.
 */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { findAll, parseTwiml, type TwimlNode } from './fake-twilio-twiml';

export interface FakeCall {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  url: string | null;
  twiml: string | null;
  statusCallback: string | null;
  statusCallbackEvents: string[];
  machineDetection: string | null;
  asyncAmd: boolean;
  asyncAmdStatusCallback: string | null;
  /** queued, ringing, in-progress, completed, busy, no-answer, failed, canceled. */
  status: string;
  answeredBy: string | null;
  dateCreated: Date;
  startTime: Date | null;
  endTime: Date | null;
  /** The form of the create request, as posted. */
  form: Record<string, string | string[]>;
  /** TwiML given later with calls(sid).update({ twiml | url }): replaces what is playing. */
  updates: { twiml?: string; url?: string; status?: string }[];
}

export type Answer = 'human' | 'machine_start' | 'machine_end_beep' | 'machine_end_silence' | 'machine_end_other' | 'fax' | 'unknown';

export interface CallScenario {
  /** Who picks up (default a person). */
  answeredBy?: Answer;
  /** What is pressed at each <Gather>, in order: a digit string, or null for silence. Missing = silence. */
  keys?: (string | null)[];
  /** For <Dial>: whether the dialled number answers (default no). */
  dialAnswered?: boolean;
  /** For <Record>: seconds recorded (default 12); 0 = the caller hangs up without a word. */
  recordSeconds?: number;
}

/** What the caller heard and did, in order. */
export interface CallTranscript {
  said: string[];
  pressed: string[];
  dialled: string[];
  recorded: { url: string; seconds: number }[];
  /** Every webhook request (TwiML fetches, actions, callbacks) and its HTTP status. */
  requests: { url: string; params: Record<string, string>; status: number }[];
  endedBy: 'hangup' | 'end_of_twiml' | 'step_limit';
}

export interface CallsReply { status: number; payload: unknown; hang?: boolean }

export const RECORDING_ROUTE = /^\/2010-04-01\/Accounts\/([^/]+)\/Recordings\/(RE[0-9a-f]{32})\.mp3$/;
/** What the fake serves as a recording's audio: an MP3 frame header and a few bytes. */
export const FAKE_RECORDING_AUDIO = Buffer.from([0xff, 0xfb, 0x90, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
export const CALLS_ROUTE = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls(?:\/([^/.]+))?\.json$/;
const API_VERSION = '2010-04-01';
const MAX_STEPS = 40;

export class FakeCalls {
  readonly calls: FakeCall[] = [];
  /** Recordings made by <Record>, by RecordingSid: their length in seconds (served as a small audio body). */
  readonly recordings = new Map<string, number>();
  private failures: { remaining: number; status: number; code: number }[] = [];
  private hangCount = 0;

  constructor(readonly accountSid: string, readonly authToken: string) {}

  /** The next `count` creates fail with this HTTP status and Twilio error code (nothing created). */
  failNext(count: number, status: number, code = 20000 + status): void {
    this.failures.push({ remaining: count, status, code });
  }

  /** The next `count` creates make the call but never answer (a timeout or crash on our side). */
  hangNext(count: number): void {
    this.hangCount += count;
  }

  callsTo(to: string): FakeCall[] {
    return this.calls.filter((c) => c.to === to);
  }

  find(sid: string): FakeCall {
    const call = this.calls.find((c) => c.sid === sid);
    if (!call) throw new Error(`FakeCalls: no call ${sid}`);
    return call;
  }

  reset(): void {
    this.calls.length = 0;
    this.recordings.clear();
    this.failures = [];
    this.hangCount = 0;
  }

  /** A REST request under Calls, already authorized for this account. */
  handle(method: string, sid: string | undefined, form: Record<string, string | string[]>, query: URLSearchParams): CallsReply {
    if (sid === undefined && method === 'POST') return this.create(form);
    if (sid === undefined && method === 'GET') return this.list(query);
    const call = sid ? this.calls.find((c) => c.sid === sid) : undefined;
    if (!call) return { status: 404, payload: error(404, 20404, `The requested resource was not found`) };
    if (method === 'GET') return { status: 200, payload: render(call) };
    if (method === 'POST') return this.update(call, form);
    return { status: 405, payload: error(405, 20004, 'Method not allowed') };
  }

  private create(form: Record<string, string | string[]>): CallsReply {
    const failure = this.failures[0];
    if (failure) {
      if (--failure.remaining <= 0) this.failures.shift();
      return { status: failure.status, payload: error(failure.status, failure.code, 'Planned failure') };
    }
    const to = one(form, 'To');
    const from = one(form, 'From');
    if (!to) return { status: 400, payload: error(400, 21201, "No 'To' number is specified") };
    if (!from) return { status: 400, payload: error(400, 21213, "No 'From' number is specified") };
    if (!one(form, 'Url') && !one(form, 'Twiml') && !one(form, 'ApplicationSid')) {
      return { status: 400, payload: error(400, 21205, 'Url parameter is required') };
    }
    const events = form.StatusCallbackEvent;
    const call: FakeCall = {
      sid: `CA${randomBytes(16).toString('hex')}`, accountSid: this.accountSid, to, from,
      url: one(form, 'Url') ?? null, twiml: one(form, 'Twiml') ?? null,
      statusCallback: one(form, 'StatusCallback') ?? null,
      statusCallbackEvents: Array.isArray(events) ? events : events ? [events] : [],
      machineDetection: one(form, 'MachineDetection') ?? null,
      asyncAmd: one(form, 'AsyncAmd') === 'true',
      asyncAmdStatusCallback: one(form, 'AsyncAmdStatusCallback') ?? null,
      status: 'queued', answeredBy: null, dateCreated: new Date(), startTime: null, endTime: null, form, updates: [],
    };
    this.calls.push(call);
    if (this.hangCount > 0) {
      this.hangCount -= 1;
      return { status: 201, payload: render(call), hang: true };
    }
    return { status: 201, payload: render(call) };
  }

  private update(call: FakeCall, form: Record<string, string | string[]>): CallsReply {
    const twiml = one(form, 'Twiml');
    const url = one(form, 'Url');
    const status = one(form, 'Status');
    call.updates.push({ ...(twiml ? { twiml } : {}), ...(url ? { url } : {}), ...(status ? { status } : {}) });
    if (status === 'completed' || status === 'canceled') call.status = status;
    return { status: 200, payload: render(call) };
  }

  private list(query: URLSearchParams): CallsReply {
    const to = query.get('To');
    const from = query.get('From');
    const status = query.get('Status');
    const pageSize = Math.min(1000, Number(query.get('PageSize') ?? 50) || 50);
    const matches = this.calls.filter((c) => (to === null || c.to === to) && (from === null || c.from === from) && (status === null || c.status === status));
    const page = matches.slice().reverse().slice(0, pageSize); // newest first, as Twilio lists them
    const uri = `/${API_VERSION}/Accounts/${this.accountSid}/Calls.json?${query.toString()}`;
    return {
      status: 200,
      payload: { calls: page.map(render), end: page.length - 1, first_page_uri: uri, next_page_uri: null, page: 0, page_size: pageSize, previous_page_uri: null, start: 0, uri },
    };
  }

  // ---- playing a call --------------------------------------------------------------------------

  /**
   * Twilio's side of a call that is answered: status callbacks (initiated, ringing, answered),
   * the AMD result (with AsyncAmd posted to AsyncAmdStatusCallback once the TwiML started; without
   * it sent as AnsweredBy on the first fetch), then the TwiML played with the scenario's keys, and
   * the completed callback when it ends.
   */
  async playCall(sid: string, scenario: CallScenario = {}): Promise<CallTranscript> {
    const call = this.find(sid);
    const answeredBy = scenario.answeredBy ?? 'human';
    const transcript: CallTranscript = { said: [], pressed: [], dialled: [], recorded: [], requests: [], endedBy: 'end_of_twiml' };
    await this.statusCallback(call, 'initiated', transcript);
    await this.statusCallback(call, 'ringing', transcript);
    call.status = 'in-progress';
    call.startTime = new Date();
    call.answeredBy = call.machineDetection ? answeredBy : null;
    await this.statusCallback(call, 'in-progress', transcript);
    const syncAmd: Record<string, string> = call.machineDetection && !call.asyncAmd ? { AnsweredBy: answeredBy } : {};
    let doc = call.twiml ?? await this.fetchTwiml(call, call.url!, syncAmd, transcript);
    if (call.machineDetection && call.asyncAmd && call.asyncAmdStatusCallback) {
      await this.post(call, call.asyncAmdStatusCallback, { AnsweredBy: answeredBy, MachineDetectionDuration: '2150' }, transcript);
    }
    const keys = [...(scenario.keys ?? [])];
    for (let step = 0; ; step++) {
      if (step >= MAX_STEPS) { transcript.endedBy = 'step_limit'; break; }
      const updated = call.updates.shift();
      if (updated?.status === 'completed' || call.status === 'completed') { transcript.endedBy = 'hangup'; break; }
      if (updated) doc = updated.twiml ?? await this.fetchTwiml(call, updated.url!, {}, transcript);
      const next = await this.runDocument(call, parseTwiml(doc), keys, scenario, transcript);
      if (next === 'hangup' || next === 'end') { transcript.endedBy = next === 'hangup' ? 'hangup' : 'end_of_twiml'; break; }
      doc = next.twiml;
    }
    await this.finish(call, 'completed', transcript);
    return transcript;
  }

  /**
   * Someone rings the service number (`to`) from `from`: Twilio posts the number's «A call comes
   * in» webhook (`url`) and plays what it answers with the scenario's keys.
   */
  async ringIn(c: { from: string; to: string; url: string }, scenario: CallScenario = {}): Promise<CallTranscript & { sid: string }> {
    const call: FakeCall = {
      sid: `CA${randomBytes(16).toString('hex')}`, accountSid: this.accountSid, to: c.to, from: c.from, url: c.url, twiml: null,
      statusCallback: null, statusCallbackEvents: [], machineDetection: null, asyncAmd: false, asyncAmdStatusCallback: null,
      status: 'ringing', answeredBy: null, dateCreated: new Date(), startTime: null, endTime: null, form: {}, updates: [],
    };
    this.calls.push(call);
    return { sid: call.sid, ...(await this.playCall(call.sid, scenario)) };
  }

  /** A call that is never answered: `no-answer`, `busy`, `failed` or `canceled` posted as its end. */
  async endUnanswered(sid: string, status: 'no-answer' | 'busy' | 'failed' | 'canceled'): Promise<CallTranscript> {
    const call = this.find(sid);
    const transcript: CallTranscript = { said: [], pressed: [], dialled: [], recorded: [], requests: [], endedBy: 'hangup' };
    await this.statusCallback(call, 'initiated', transcript);
    if (status !== 'failed') await this.statusCallback(call, 'ringing', transcript);
    await this.finish(call, status, transcript);
    return transcript;
  }

  /** Runs one TwiML document; returns the next document (an action's answer) or how the call ended. */
  private async runDocument(call: FakeCall, response: TwimlNode, keys: (string | null)[], scenario: CallScenario, t: CallTranscript): Promise<{ twiml: string } | 'hangup' | 'end'> {
    for (const verb of response.children) {
      switch (verb.name) {
        case 'Say': t.said.push(verb.text.trim()); break;
        case 'Pause': break;
        case 'Hangup': case 'Reject': return 'hangup';
        case 'Redirect': return { twiml: await this.fetchTwiml(call, this.absolute(call, verb.text.trim()), {}, t) };
        case 'Gather': {
          for (const say of findAll(verb, 'Say')) t.said.push(say.text.trim());
          const digits = keys.length > 0 ? keys.shift() ?? null : null;
          if (digits !== null) t.pressed.push(digits);
          const action = verb.attrs.action;
          if (digits !== null && action) return { twiml: await this.fetchTwiml(call, this.absolute(call, action), { Digits: digits, FinishedOnKey: '' }, t) };
          if (digits === null && action && verb.attrs.actionOnEmptyResult === 'true') return { twiml: await this.fetchTwiml(call, this.absolute(call, action), {}, t) };
          break; // silence without actionOnEmptyResult: on to the next verb
        }
        case 'Dial': {
          const number = (findAll(verb, 'Number')[0]?.text ?? verb.text).trim();
          t.dialled.push(number);
          const action = verb.attrs.action;
          const DialCallStatus = scenario.dialAnswered ? 'completed' : 'no-answer';
          if (action) return { twiml: await this.fetchTwiml(call, this.absolute(call, action), { DialCallStatus }, t) };
          break;
        }
        case 'Record': {
          const seconds = scenario.recordSeconds ?? 12;
          const rsid = `RE${randomBytes(16).toString('hex')}`;
          const recordingUrl = `https://api.twilio.com/${API_VERSION}/Accounts/${call.accountSid}/Recordings/${rsid}`;
          t.recorded.push({ url: recordingUrl, seconds });
          this.recordings.set(rsid, seconds);
          const fields = { RecordingSid: rsid, RecordingUrl: recordingUrl, RecordingDuration: String(seconds) };
          if (verb.attrs.recordingStatusCallback) {
            await this.post(call, this.absolute(call, verb.attrs.recordingStatusCallback), { ...fields, RecordingStatus: 'completed', RecordingChannels: '1', RecordingSource: 'RecordVerb' }, t);
          }
          if (verb.attrs.action) return { twiml: await this.fetchTwiml(call, this.absolute(call, verb.attrs.action), fields, t) };
          break;
        }
        default: throw new Error(`FakeCalls: TwiML verb <${verb.name}> is not played`);
      }
    }
    return 'end';
  }

  private absolute(call: FakeCall, url: string): string {
    return new URL(url, call.url ?? 'http://127.0.0.1/').toString();
  }

  private async fetchTwiml(call: FakeCall, url: string, extra: Record<string, string>, t: CallTranscript): Promise<string> {
    const { status, text } = await this.postRaw(call, url, extra, t);
    if (status !== 200) throw new Error(`FakeCalls: ${url} answered ${status}: ${text.slice(0, 200)}`);
    return text;
  }

  private async statusCallback(call: FakeCall, status: string, t: CallTranscript): Promise<void> {
    call.status = status;
    const event = status === 'in-progress' ? 'answered' : status;
    if (!call.statusCallback || !call.statusCallbackEvents.includes(event)) return;
    await this.post(call, call.statusCallback, { CallbackSource: 'call-progress-events', SequenceNumber: String(t.requests.length) }, t);
  }

  private async finish(call: FakeCall, status: string, t: CallTranscript): Promise<void> {
    call.status = status;
    call.endTime = new Date();
    // Twilio always sends the final status to StatusCallback, subscribed or not.
    if (!call.statusCallback) return;
    const duration = call.startTime ? String(Math.round((call.endTime.getTime() - call.startTime.getTime()) / 1000)) : '0';
    await this.post(call, call.statusCallback, { CallDuration: duration, Duration: duration, CallbackSource: 'call-progress-events' }, t);
  }

  private async post(call: FakeCall, url: string, extra: Record<string, string>, t: CallTranscript): Promise<number> {
    return (await this.postRaw(call, url, extra, t)).status;
  }

  /** Posts the call's fields plus `extra`, signed with the account's auth token. */
  async postRaw(call: FakeCall, url: string, extra: Record<string, string>, t?: CallTranscript): Promise<{ status: number; text: string }> {
    const params: Record<string, string> = {
      AccountSid: call.accountSid, ApiVersion: API_VERSION, CallSid: call.sid, CallStatus: call.status,
      Direction: 'outbound-api', From: call.from, To: call.to, Caller: call.from, Called: call.to,
      ...extra,
    };
    const signature = twilio.getExpectedTwilioSignature(this.authToken, url, params);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1' },
      body: new URLSearchParams(params).toString(),
    });
    const text = await res.text();
    t?.requests.push({ url, params, status: res.status });
    return { status: res.status, text };
  }
}

function one(form: Record<string, string | string[]>, key: string): string | undefined {
  const value = form[key];
  return Array.isArray(value) ? value[0] : value;
}

function error(status: number, code: number, message: string): Record<string, unknown> {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function rfc2822(date: Date | null): string | null {
  return date ? date.toUTCString().replace('GMT', '+0000') : null;
}

function render(c: FakeCall): Record<string, unknown> {
  const uri = `/${API_VERSION}/Accounts/${c.accountSid}/Calls/${c.sid}`;
  const duration = c.startTime && c.endTime ? String(Math.round((c.endTime.getTime() - c.startTime.getTime()) / 1000)) : null;
  return {
    sid: c.sid, account_sid: c.accountSid, api_version: API_VERSION, to: c.to, to_formatted: c.to, from: c.from, from_formatted: c.from,
    status: c.status, direction: 'outbound-api', answered_by: c.answeredBy, parent_call_sid: null, phone_number_sid: null,
    date_created: rfc2822(c.dateCreated), date_updated: rfc2822(c.dateCreated), start_time: rfc2822(c.startTime), end_time: rfc2822(c.endTime),
    duration, price: null, price_unit: 'USD', forwarded_from: null, group_sid: null, caller_name: null, queue_time: '0', trunk_sid: null,
    uri: `${uri}.json`, subresource_uris: { recordings: `${uri}/Recordings.json`, notifications: `${uri}/Notifications.json` },
  };
}
