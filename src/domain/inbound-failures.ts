/**
 * When the service stops retrying an inbound SMS it cannot handle. Retrying for ever would hold
 * up the sender's later messages for ever (a sender's messages are handled in order), and nobody
 * would see the message; set aside, it waits in Innboks for a coordinator. Both bounds must be
 * reached, so that a burst of failures in a brief fault (a deploy, a failover) sets nothing aside.
 */
export const INBOUND_SET_ASIDE_AFTER = { failures: 5, overMs: 10 * 60_000 } as const;

export function shouldSetInboundAside(f: { failures: number; firstFailureAt: Date }, now: Date): boolean {
  return f.failures >= INBOUND_SET_ASIDE_AFTER.failures && now.getTime() - f.firstFailureAt.getTime() >= INBOUND_SET_ASIDE_AFTER.overMs;
}
