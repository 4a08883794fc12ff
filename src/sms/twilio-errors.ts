/**
 * How a failed Twilio REST call is handled. Every 4xx is permanent (21211 invalid number, 21610
 * unsubscribed, 21614 not a mobile number, …) except 429, the rate limit; 5xx and network errors
 * are worth retrying, and may have reached Twilio (so the retry first checks whether it did).
 */
export type TwilioFailureClass = { retryable: boolean; ambiguous: boolean };

/** `status` is the HTTP status, undefined for a network error or a timeout. */
export function classifyTwilioFailure(status: number | undefined): TwilioFailureClass {
  if (status === undefined) return { retryable: true, ambiguous: true };
  if (status === 429) return { retryable: true, ambiguous: false };
  if (status >= 500) return { retryable: true, ambiguous: true };
  return { retryable: false, ambiguous: false };
}

/** Error 21610: the recipient texted STOP to the carrier; never send to them again until START. */
export function isOptOutCode(code: string | undefined | null): boolean {
  return code === '21610';
}
