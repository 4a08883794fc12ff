/** The port every outbound SMS goes through: Twilio in production, the simulator elsewhere. */
export interface OutboundSms {
  /** Our message id: put in the status callback URL so callbacks find the row even before we know the SID. */
  messageId: string;
  to: string;
  body: string;
}

export type SendResult =
  | { ok: true; providerSid: string; status: string }
  | {
      ok: false;
      /** True when trying again later may succeed (429, 5xx, network). */
      retryable: boolean;
      /** True when the provider may have created the message anyway (timeout, 5xx): check before resending. */
      ambiguous: boolean;
      code: string;
      message: string;
    };

export interface SmsGateway {
  readonly name: 'twilio' | 'simulator';
  send(sms: OutboundSms): Promise<SendResult>;
  /**
   * Looks for a message the provider already accepted (to, body, created after `since`), so a send
   * interrupted by a crash or a timeout is not repeated. Undefined when none is found.
   */
  findSent(sms: OutboundSms, since: Date): Promise<{ providerSid: string; status: string } | undefined>;
  /** Closes its connections, after the senders have stopped. */
  close(): Promise<void>;
}
