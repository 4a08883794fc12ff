import { randomBytes } from 'node:crypto';
import type { VoiceGateway } from './voice-gateway';

/**
 * Without Twilio nothing rings: the call is recorded as placed (a SIM… SID) and its offer waits
 * for an answer, which a coordinator or the simulator can give. (Ringing in the simulator: later.)
 */
export function createSimulatorVoiceGateway(): VoiceGateway {
  return {
    name: 'simulator',
    async placeCall() {
      return { ok: true, providerSid: `SIM${randomBytes(16).toString('hex')}`, status: 'queued' };
    },
    async findPlaced() {
      return [];
    },
    async updateCall() {
      return true;
    },
  };
}
