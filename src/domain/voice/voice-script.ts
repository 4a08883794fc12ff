/**
 * What a call says and asks, as data: services build it from the domain, src/voice/twiml.ts turns
 * it into TwiML. Keeping it data lets the domain stay free of twilio and lets tests read it.
 */
export type VoiceVerb =
  | { verb: 'say'; text: string }
  /** One key (DTMF). The action is posted on a key and on silence alike (actionOnEmptyResult). */
  | { verb: 'gather'; say: string[]; action: string; timeoutSeconds: number }
  | { verb: 'hangup' };

export interface VoiceScript {
  /** <Say language>, e.g. nb-NO. */
  language: string;
  /** <Say voice>, e.g. Polly.Ida-Neural. */
  voice: string;
  verbs: VoiceVerb[];
}

/** Seconds a menu waits for a key. Older people need time to take the phone from the ear. */
export const GATHER_TIMEOUT_SECONDS = 7;
