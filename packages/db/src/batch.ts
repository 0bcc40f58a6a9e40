/**
 * Group commit for one kind of statement: the calls made while a batch is on its way wait, and go
 * together in the next one — one round trip and one pooled connection for all of them. An idle
 * batcher sends at once (no timer: nobody waits for company). Under load, many concurrent requests
 * share each statement instead of queueing for connections of the pool one by one.
 */
export class Batcher<I, O> {
  private waiting: { item: I; resolve: (out: O) => void; reject: (err: unknown) => void }[] = [];
  private inFlight = false;
  private readonly maxBatch: number;
  private readonly key: ((item: I) => string) | undefined;

  /**
   * `run` answers a batch, one output per input in the same order (it sees each item once).
   * `key`: items with the same key never share a batch (a later one waits for the next), for
   * statements that may touch a row only once (`insert … on conflict do update`).
   */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    options: { maxBatch?: number; key?: (item: I) => string } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.key = options.key;
  }

  /** Resolves with the answer for `item` once the batch it went in has run. */
  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.inFlight) void this.flush();
    });
  }

  private take(): typeof this.waiting {
    if (!this.key) return this.waiting.splice(0, this.maxBatch);
    const seen = new Set<string>();
    const batch: typeof this.waiting = [];
    const rest: typeof this.waiting = [];
    for (const w of this.waiting) {
      const k = this.key(w.item);
      if (batch.length < this.maxBatch && !seen.has(k)) {
        seen.add(k);
        batch.push(w);
      } else rest.push(w);
    }
    this.waiting = rest;
    return batch;
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    while (this.waiting.length > 0) {
      const batch = this.take();
      try {
        const out = await this.run(batch.map((w) => w.item));
        for (const [i, w] of batch.entries()) w.resolve(out[i] as O);
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.inFlight = false;
  }
}
