/** One item's result from a batch run: its value, or the error that only this item gets. */
export type ItemOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface MicroBatchOptions {
  /** At most this many items in one run. */
  maxBatch: number;
  /** How long the first item of a batch waits for company: 0 means until the end of this event-loop turn. */
  windowMs: number;
  /** At most this many runs at once; what arrives meanwhile waits and goes in the next (larger) batch. */
  maxInFlight: number;
}

export interface MicroBatcher<I, O> {
  /** Settles when the run that took `item` has: with its outcome, or with the run's own error. */
  submit(item: I): Promise<O>;
  /** Runs what waits now and settles when no run is left. */
  drain(): Promise<void>;
}

interface Waiter<I, O> { item: I; resolve(value: O): void; reject(error: unknown): void }

/**
 * Coalesces calls that arrive together into one call of `run` (the webhooks' multi-row INSERT and
 * one enqueue; the SMS sends' one claim and one record). `run` gets the items in arrival order and returns one outcome per item, in that
 * order; if it throws, every item of that run gets the error. Nothing is answered before its run
 * has finished, so a caller that answers after `submit` still answers after its work is done.
 */
export function createMicroBatcher<I, O>(run: (items: readonly I[]) => Promise<readonly ItemOutcome<O>[]>, opts: MicroBatchOptions): MicroBatcher<I, O> {
  let waiting: Waiter<I, O>[] = [];
  let timerSet = false;
  const running = new Set<Promise<void>>();

  function start(): void {
    while (waiting.length > 0 && running.size < opts.maxInFlight) {
      const batch = waiting.slice(0, opts.maxBatch);
      waiting = waiting.slice(batch.length);
      const p: Promise<void> = runBatch(batch).finally(() => {
        running.delete(p);
        start(); // what waited while every slot was busy
      });
      running.add(p);
    }
  }

  async function runBatch(batch: Waiter<I, O>[]): Promise<void> {
    let outcomes: readonly ItemOutcome<O>[];
    try {
      outcomes = await run(batch.map((w) => w.item));
      if (outcomes.length !== batch.length) throw new Error(`micro-batch: ${outcomes.length} outcomes for ${batch.length} items`);
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => {
      const o = outcomes[i]!;
      if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
  }

  function onTimer(): void {
    timerSet = false;
    start();
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (waiting.length >= opts.maxBatch) start();
        else if (!timerSet) {
          timerSet = true;
          if (opts.windowMs > 0) setTimeout(onTimer, opts.windowMs);
          else setImmediate(onTimer);
        }
      });
    },
    async drain() {
      start();
      while (running.size > 0 || waiting.length > 0) {
        await Promise.allSettled([...running]);
        start();
      }
    },
  };
}
