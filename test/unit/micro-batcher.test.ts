import { createMicroBatcher, type ItemOutcome } from '../../src/micro-batcher';

function recorder(outcome: (item: number) => ItemOutcome<string> = (n) => ({ ok: true, value: `v${n}` })) {
  const runs: number[][] = [];
  let release: (() => void) | undefined;
  const hold = { on: false };
  const run = async (items: readonly number[]) => {
    runs.push([...items]);
    if (hold.on) await new Promise<void>((resolve) => { release = resolve; });
    return items.map(outcome);
  };
  return { runs, run, hold, release: () => release?.() };
}

describe('micro-batcher', () => {
  it('items submitted in one event-loop turn go in one run, in order, each with its own outcome', async () => {
    const r = recorder();
    const b = createMicroBatcher(r.run, { maxBatch: 100, windowMs: 0, maxInFlight: 2 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => b.submit(i)));
    expect(r.runs).toEqual([Array.from({ length: 50 }, (_, i) => i)]);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => `v${i}`));
  });

  it('a batch is at most maxBatch items', async () => {
    const r = recorder();
    const b = createMicroBatcher(r.run, { maxBatch: 20, windowMs: 0, maxInFlight: 10 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => b.submit(i)));
    expect(r.runs.map((run) => run.length)).toEqual([20, 20, 10]);
  });

  it('nothing settles before its run has finished; what arrives meanwhile waits for a free slot', async () => {
    const r = recorder();
    r.hold.on = true;
    const b = createMicroBatcher(r.run, { maxBatch: 100, windowMs: 0, maxInFlight: 1 });
    const settled: number[] = [];
    const first = [1, 2, 3].map((n) => b.submit(n).then(() => settled.push(n)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = [4, 5].map((n) => b.submit(n).then(() => settled.push(n)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toEqual([]);
    expect(r.runs).toEqual([[1, 2, 3]]); // 4 and 5 wait: the one slot is busy
    r.hold.on = false;
    r.release();
    await Promise.all([...first, ...later]);
    expect(r.runs).toEqual([[1, 2, 3], [4, 5]]);
    expect(settled).toEqual([1, 2, 3, 4, 5]);
  });

  it('an item failed by the run rejects only that item; a run that throws rejects all of its items', async () => {
    const r = recorder((n) => (n === 2 ? { ok: false, error: new Error('bad row') } : { ok: true, value: `v${n}` }));
    const b = createMicroBatcher(r.run, { maxBatch: 100, windowMs: 0, maxInFlight: 1 });
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => b.submit(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);

    const failing = createMicroBatcher<number, string>(async () => { throw new Error('database away'); }, { maxBatch: 100, windowMs: 0, maxInFlight: 1 });
    const all = await Promise.allSettled([1, 2, 3].map((n) => failing.submit(n)));
    expect(all.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'ok'))).toEqual(['database away', 'database away', 'database away']);
  });

  it('a time window gathers items across event-loop turns', async () => {
    const r = recorder();
    const b = createMicroBatcher(r.run, { maxBatch: 100, windowMs: 30, maxInFlight: 1 });
    const a = b.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const c = b.submit(2);
    await Promise.all([a, c]);
    expect(r.runs).toEqual([[1, 2]]);
  });

  it('drain waits for what is running and what waits', async () => {
    const r = recorder();
    const b = createMicroBatcher(r.run, { maxBatch: 2, windowMs: 1_000, maxInFlight: 1 });
    const done = [1, 2, 3].map((n) => b.submit(n));
    await b.drain();
    expect(r.runs).toEqual([[1, 2], [3]]);
    await Promise.all(done);
  });
});
