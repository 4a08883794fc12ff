import type Redis from 'ioredis';
import type { Logger } from '../log';

/**
 * "Inbound SMS are waiting": sent by the webhook after its rows are committed, heard by every
 * worker process's inbound drain (Redis pub/sub), so a reply is handled within milliseconds.
 * It carries nothing: the rows in Postgres are the work, and a drain also looks for them on a
 * short timer, so a lost signal costs at most that long, never a message.
 */
export interface InboundSignal {
  /** Fire and forget: the webhook never waits for Redis. */
  arrived(): void;
}

export function inboundChannelFor(prefix: string): string {
  return `${prefix}:inbound-waiting`;
}

export function createInboundSignal(redis: Redis, prefix: string, log: Logger): InboundSignal {
  const channel = inboundChannelFor(prefix);
  return {
    arrived() {
      // While Redis is away a command would wait in ioredis's queue; the drain's timer covers that.
      if (redis.status !== 'ready') return;
      redis.publish(channel, '').catch((err: unknown) => log.debug({ err }, 'could not signal waiting inbound sms'));
    },
  };
}

/** A worker's subscription: `onSignal` for every signal; returns what ends it (closing the subscriber's connection). */
export async function listenForInbound(subscriber: Redis, prefix: string, log: Logger, onSignal: () => void): Promise<() => void> {
  subscriber.on('message', onSignal);
  subscriber.on('error', (err) => log.warn({ err }, 'inbound signal subscriber error'));
  await subscriber.subscribe(inboundChannelFor(prefix));
  return () => subscriber.disconnect();
}
