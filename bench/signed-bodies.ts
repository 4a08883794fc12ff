/**
 * Signed inbound-SMS webhook bodies, as Twilio posts them: form-encoded, with a valid
 * X-Twilio-Signature over PUBLIC_BASE_URL + path and every parameter. Each body has a fresh
 * MessageSid. A pool is signed ahead of the run so that the load generator spends little CPU
 * per request; when it runs dry, bodies are signed on demand.
 */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

export const SMS_WEBHOOK_PATH = '/webhooks/twilio/sms';
export const SERVICE_NUMBER = '+4759440000';
export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

export interface SignedBody {
  messageSid: string;
  body: string;
  signature: string;
}

/** Where a load generator takes its next signed body from. */
export interface SignedBodies {
  next(): SignedBody;
}

export class SignedBodySource implements SignedBodies {
  private readonly pool: (SignedBody | undefined)[] = [];
  private readonly runTag = randomBytes(4).toString('hex');
  private seq = 0;
  private taken = 0;
  /** How many bodies had to be signed during the run because the pool ran dry. */
  signedOnDemand = 0;

  /**
   * `unique: false` cycles through the pool (fine for a server that stores nothing); otherwise
   * every body is used once and the pool is refilled on demand.
   */
  constructor(private readonly authToken: string, private readonly url: string, private readonly opts: { unique: boolean }) {}

  /** Signs `count` bodies now, outside the measured window. */
  prefill(count: number): void {
    for (let i = 0; i < count; i++) this.pool.push(this.sign());
  }

  next(): SignedBody {
    if (!this.opts.unique && this.pool.length > 0) return this.pool[this.taken++ % this.pool.length]!;
    const body = this.pool[this.taken];
    if (body) {
      this.pool[this.taken++] = undefined; // used once: let it be collected
      return body;
    }
    this.signedOnDemand++;
    return this.sign();
  }

  private sign(): SignedBody {
    const n = this.seq++;
    // SM + 32 hex: 8 hex of run tag, 24 hex of sequence; unique within and across runs.
    const messageSid = `SM${this.runTag}${n.toString(16).padStart(24, '0')}`;
    return signInboundSms(this.authToken, this.url, { messageSid, from: senderFor(n), text: 'JA', accountSid: ACCOUNT_SID });
  }
}

/** One inbound SMS webhook as Twilio would post it to `url`, signed with `authToken`. */
export function signInboundSms(authToken: string, url: string, sms: { messageSid: string; from: string; text: string; accountSid: string }): SignedBody {
  const params = inboundParams(sms);
  return {
    messageSid: sms.messageSid,
    body: new URLSearchParams(params).toString(),
    signature: twilio.getExpectedTwilioSignature(authToken, url, params),
  };
}

/** A valid Norwegian mobile number (+47 41 xx xx xx), one of 10,000. */
function senderFor(n: number): string {
  return `+4741${String(n % 10_000).padStart(6, '0')}`;
}

/** The fields a real Twilio inbound SMS webhook carries (all of them are signed). */
function inboundParams({ messageSid, from, text, accountSid }: { messageSid: string; from: string; text: string; accountSid: string }): Record<string, string> {
  return {
    ToCountry: 'NO',
    ToState: '',
    SmsMessageSid: messageSid,
    NumMedia: '0',
    ToCity: '',
    FromZip: '',
    SmsSid: messageSid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: text,
    FromCountry: 'NO',
    To: SERVICE_NUMBER,
    ToZip: '',
    NumSegments: '1',
    MessageSid: messageSid,
    AccountSid: accountSid,
    From: from,
    ApiVersion: '2010-04-01',
  };
}
