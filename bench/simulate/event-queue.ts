/** A binary min-heap of timed callbacks; equal times run in the order they were scheduled. */
export interface SimEvent { at: number; seq: number; fn: () => void }

export class EventQueue {
  private readonly heap: SimEvent[] = [];
  private seq = 0;

  push(at: number, fn: () => void): void {
    this.heap.push({ at, seq: this.seq++, fn });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(this.heap[i]!, this.heap[parent]!)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): SimEvent | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined || this.heap.length === 0) return top;
    this.heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < this.heap.length && before(this.heap[l]!, this.heap[best]!)) best = l;
      if (r < this.heap.length && before(this.heap[r]!, this.heap[best]!)) best = r;
      if (best === i) return top;
      this.swap(i, best);
      i = best;
    }
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b]!, this.heap[a]!];
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
