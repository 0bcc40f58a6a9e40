import { describe, expect, it } from 'vitest';
import { backoffDelay, retryWithBackoff } from '../src/index.ts';

describe('backoff shared by the retry loops', () => {
  it('doubles from the first pause up to the longest, spread by the jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, { jitter: 0 }))).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
    expect(backoffDelay(3, { initialMs: 20, maxMs: 60, jitter: 0 })).toBe(60);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(2, { jitter: 0.2 });
      expect(d).toBeGreaterThanOrEqual(320);
      expect(d).toBeLessThanOrEqual(480);
    }
  });

  it('retries until success, heartbeating before each new try, and gives up with the last error', async () => {
    const pauses: number[] = [];
    let beats = 0;
    let tries = 0;
    const result = await retryWithBackoff(
      async (attempt) => {
        tries = attempt;
        if (attempt < 3) throw new Error(`fail ${attempt}`);
        return 'done';
      },
      { attempts: 5, jitter: 0, sleep: async (ms) => void pauses.push(ms), beforeRetry: async () => void beats++ },
    );
    expect(result).toBe('done');
    expect(tries).toBe(3);
    expect(pauses).toEqual([200, 400]);
    expect(beats).toBe(2);

    await expect(
      retryWithBackoff(async (a) => Promise.reject(new Error(`fail ${a}`)), { attempts: 3, sleep: async () => {} }),
    ).rejects.toThrow('fail 3');
  });

  it('throws at once a failure retryIf refuses', async () => {
    let tries = 0;
    await expect(
      retryWithBackoff(
        async () => {
          tries++;
          throw new Error('stopping');
        },
        { attempts: 5, retryIf: () => false, sleep: async () => {} },
      ),
    ).rejects.toThrow('stopping');
    expect(tries).toBe(1);
  });
});
