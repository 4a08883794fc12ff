export type OutboundStatusName = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';

const rank: Record<OutboundStatusName, number> = {
  queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3,
};

/** Maps Twilio's MessageStatus values onto ours; undefined for values we do not track. */
export function mapProviderStatus(status: string): OutboundStatusName | undefined {
  switch (status) {
    case 'queued': case 'accepted': case 'scheduled': case 'sending': case 'sent': return 'sent';
    case 'delivered': case 'read': return 'delivered';
    case 'undelivered': case 'partially_delivered': return 'undelivered';
    case 'failed': case 'canceled': return 'failed';
    default: return undefined;
  }
}

/**
 * Status callbacks arrive out of order and more than once: only a move forward is applied, and
 * the first final status (delivered, undelivered, failed) stays.
 */
export function isStatusAdvance(current: OutboundStatusName, incoming: OutboundStatusName): boolean {
  return rank[incoming] > rank[current];
}

/** The statuses an incoming one may replace: the conditional update's WHERE, so concurrent callbacks cannot regress. */
export function statusesBelow(incoming: OutboundStatusName): OutboundStatusName[] {
  return (Object.keys(rank) as OutboundStatusName[]).filter((s) => rank[s] < rank[incoming]);
}

export function isDeliveryFailure(status: OutboundStatusName): boolean {
  return status === 'failed' || status === 'undelivered';
}

/** The provider has the message: it left, or is on its way to the phone. */
export function isAtProvider(status: OutboundStatusName): boolean {
  return status === 'sent' || status === 'delivered';
}
