import type Redis from 'ioredis';
import { listenForInbound } from '../src/live/inbound-signal';
import type { ServiceContext } from '../src/services/context';
import { handleWaitingInbound } from '../src/services/handle-waiting-inbound';

export interface InboundDrainOptions {
  /** Rounds running side by side in this process (each is one transaction at a time). */
  lanes: number;
  /** How often an idle lane looks anyway: the longest a lost signal can delay a message. */
  pollMs: number;
  /** How long a sender whose message failed even on its own is left alone at first (doubles, up to 10 min). */
  pauseMs: number;
}

export const DEFAULT_DRAIN: InboundDrainOptions = { lanes: 4, pollMs: 1_000, pauseMs: 30_000 };
const MAX_PAUSE_MS = 10 * 60_000;

export interface InboundDrain {
  /** Finishes the rounds under way; what is left waits in Postgres for the next process. */
  close(): Promise<void>;
}

/**
 * Handles inbound SMS straight from Postgres: the rows the webhook committed without a handled
 * time are the queue, so no job per message goes through Redis. Lanes wake on the webhook's
 * signal (Redis pub/sub) and on a timer, and go round after round while rounds find work.
 * A sender whose message fails even on its own is paused in this process (its message stays
 * unhandled, and the sweeper's handle-inbound-sms job retries it with BullMQ's backoff).
 */
export async function startInboundDrain(ctx: ServiceContext, listen: { subscriber: Redis; prefix: string }, opts = DEFAULT_DRAIN): Promise<InboundDrain> {
  const { log } = ctx;
  let closing = false;
  let wake: () => void = () => undefined;
  let signalled = new Promise<void>((resolve) => { wake = resolve; });
  const signal = () => {
    const resolve = wake;
    signalled = new Promise<void>((r) => { wake = r; });
    resolve();
  };
  const paused = new Map<string, { until: number; pauseMs: number }>();

  const pausedSenders = (): string[] => {
    const now = Date.now();
    // A pause is remembered a while after it ends, so that a sender failing again waits longer.
    for (const [phone, p] of paused) if (p.until + MAX_PAUSE_MS < now) paused.delete(phone);
    return [...paused].filter(([, p]) => p.until > now).map(([phone]) => phone);
  };
  const pause = (phone: string) => {
    const last = paused.get(phone)?.pauseMs;
    const pauseMs = last === undefined ? opts.pauseMs : Math.min(MAX_PAUSE_MS, last * 2);
    paused.set(phone, { until: Date.now() + pauseMs, pauseMs });
    log.warn({ pauseMs }, 'an inbound sender is paused after a failed message');
  };

  const lane = async () => {
    while (!closing) {
      // Taken before the round: a signal during the round makes the next wait return at once.
      const next = signalled;
      let found = false;
      try {
        const round = await handleWaitingInbound(ctx, pausedSenders());
        round.failedSenders.forEach(pause);
        found = round.handled > 0 || round.failedSenders.length > 0;
      } catch (err) {
        log.warn({ err }, 'inbound drain round failed; trying again shortly');
      }
      if (!found && !closing) await waitFor(next, opts.pollMs);
    }
  };

  const unsubscribe = await listenForInbound(listen.subscriber, listen.prefix, log, signal);
  const lanes = Array.from({ length: opts.lanes }, lane);
  return {
    async close() {
      closing = true;
      unsubscribe();
      signal();
      await Promise.all(lanes);
    },
  };
}

function waitFor(signalled: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([signalled, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]).finally(() => clearTimeout(timer));
}
