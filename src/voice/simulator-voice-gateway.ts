import { randomBytes } from 'node:crypto';
import type { VoiceGateway } from './voice-gateway';

/**
 * Without Twilio: the call is recorded as placed and rings on the phone simulator's virtual phone
 * (/admin/simulator), which answers it through the same voice webhooks Twilio would call. The SID
 * has Twilio's form (CA + 32 hex), because those webhooks check it.
 */
export function createSimulatorVoiceGateway(): VoiceGateway {
  return {
    name: 'simulator',
    async placeCall() {
      return { ok: true, providerSid: `CA${randomBytes(16).toString('hex')}`, status: 'queued' };
    },
    async findPlaced() {
      return [];
    },
    async updateCall() {
      return true;
    },
    async close() {},
  };
}
