import { randomBytes } from 'node:crypto';
import type { OutboundSms, SendResult, SmsGateway } from './sms-gateway';

/**
 * Records instead of sending: the message row itself is the record (status `sent`, a SIM… SID),
 * and the simulator API shows it as a phone would.
 */
export function createSimulatorGateway(): SmsGateway {
  return {
    name: 'simulator',
    async send(_sms: OutboundSms): Promise<SendResult> {
      return { ok: true, providerSid: `SIM${randomBytes(16).toString('hex')}`, status: 'delivered' };
    },
    async findSent() {
      return undefined;
    },
    async close() {},
  };
}
