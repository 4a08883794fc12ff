import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import type { VoiceScript } from '../domain/voice/voice-script';

/** Slower than the voice's default: many who get calls are old, or new to the language. */
const SPEAKING_RATE = '90%';

/** TwiML for a script: every <Say> in the script's language and voice, at 90 % speed (SSML prosody). */
export function renderTwiml(script: VoiceScript): string {
  const vr = new twilio.twiml.VoiceResponse();
  // Checked where they are configured (config.ts for VOICE_NB, the language files for the rest).
  const attrs = { language: script.language, voice: script.voice } as VoiceResponse.SayAttributes;
  const say = (parent: { say(a: VoiceResponse.SayAttributes, m: string): VoiceResponse.Say }, text: string) =>
    parent.say(attrs, '').prosody({ rate: SPEAKING_RATE }, text);
  for (const v of script.verbs) {
    switch (v.verb) {
      case 'say': say(vr, v.text); break;
      case 'gather': {
        const gather = vr.gather({ input: ['dtmf'], numDigits: 1, timeout: v.timeoutSeconds, action: v.action, method: 'POST', actionOnEmptyResult: true });
        for (const text of v.say) say(gather, text);
        break;
      }
      case 'hangup': vr.hangup(); break;
    }
  }
  return vr.toString();
}

/** A call that should not go on (unknown call, bad request): hang up without a word. */
export function hangupTwiml(): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.hangup();
  return vr.toString();
}

/** Puts a call in through to `number`; Twilio posts `action` with DialCallStatus when it ends. */
export function dialTwiml(d: { number: string; timeoutSeconds: number; action: string; callerId: string | undefined }): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.dial({ timeout: d.timeoutSeconds, action: d.action, method: 'POST', ...(d.callerId ? { callerId: d.callerId } : {}) }, d.number);
  return vr.toString();
}

/**
 * The voicemail: a greeting, then a <Record> of at most `maxLengthSeconds` after a beep. Twilio posts
 * the recording to `recordingStatusCallback` when it is ready; `action` ends the call.
 */
export function voicemailTwiml(v: { language: string; voice: string }, greeting: string, r: { maxLengthSeconds: number; action: string; recordingStatusCallback: string }): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.say({ language: v.language, voice: v.voice } as VoiceResponse.SayAttributes, '').prosody({ rate: SPEAKING_RATE }, greeting);
  vr.record({
    maxLength: r.maxLengthSeconds, playBeep: true, timeout: 10, trim: 'trim-silence', action: r.action, method: 'POST',
    recordingStatusCallback: r.recordingStatusCallback, recordingStatusCallbackMethod: 'POST', recordingStatusCallbackEvent: ['completed'],
  });
  vr.hangup();
  return vr.toString();
}
