import type { SendResult } from '../sms/sms-gateway';

/** What a call to place needs; the call's id goes into its webhook URLs, so Twilio's requests find the row. */
export interface OutboundCall {
  callId: string;
  to: string;
  /** Answering-machine detection (AsyncAmd): for offers, so a machine gets a short message instead of the menu. */
  detectMachine: boolean;
}

/** Same shape as an SMS send: ok with Twilio's SID, or a failure classified as retryable / ambiguous. */
export type PlaceCallResult = SendResult;

/** The port every outbound call goes through: Twilio Programmable Voice, or the simulator. */
export interface VoiceGateway {
  readonly name: 'twilio' | 'simulator';
  placeCall(call: OutboundCall): Promise<PlaceCallResult>;
  /**
   * Calls Twilio already has to this number from our number, created after `since`, newest first,
   * so an attempt interrupted after Twilio accepted the call is not repeated.
   */
  findPlaced(call: OutboundCall, since: Date): Promise<{ providerSid: string; status: string }[]>;
  /** Replaces what a live call is playing (a machine gets a short message instead of the menu). False when Twilio refused. */
  updateCall(providerSid: string, twiml: string): Promise<boolean>;
  /** Closes its connections, after the callers have stopped. */
  close(): Promise<void>;
}

/** The webhook paths of a call, under PUBLIC_BASE_URL. */
export function callUrls(publicBaseUrl: string, callId: string): { twiml: string; status: string; amd: string } {
  const c = encodeURIComponent(callId);
  return {
    twiml: `${publicBaseUrl}/webhooks/twilio/voice/call?c=${c}`,
    status: `${publicBaseUrl}/webhooks/twilio/voice/status?c=${c}`,
    amd: `${publicBaseUrl}/webhooks/twilio/voice/amd?c=${c}`,
  };
}
