/**
 * The one backoff every retry loop of the bus uses (handler retries, the Kafka batch loop, the
 * Postgres-log member, the outbox relay), so that they pause alike and are tuned in one place.
 */
export interface BackoffOptions {
  /** Pause after the first failure (ms); default 200. */
  initialMs?: number;
  /** Longest pause (ms); default 5000. */
  maxMs?: number;
  /**
   * Spread of each pause, 0–1: a pause is drawn from ±jitter around its nominal value, so that
   * processes failing together (a broker or the database gone) do not all come back at once.
   * Default 0.2.
   */
  jitter?: number;
}

/**
 * The pause before the next try after `failures` failures in a row (≥ 1): `initialMs·2^(failures−1)`,
 * at most `maxMs`, spread by `jitter`.
 */
export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 200;
  const max = options.maxMs ?? 5000;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.2));
  const nominal = Math.min(initial * 2 ** Math.max(0, failures - 1), max);
  return Math.round(nominal * (1 - jitter + 2 * jitter * Math.random()));
}

export interface RetryOptions extends BackoffOptions {
  /** Tries in all (≥ 1). */
  attempts: number;
  /** Whether a failure may be tried again; default: always. A failure it refuses is thrown at once. */
  retryIf?: (err: unknown) => boolean;
  /** Runs before each new try, after the pause (a consumer heartbeats here). */
  beforeRetry?: () => Promise<void>;
  /** How to pause; default a plain timer (loops that can be woken pass their own). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `task` until it succeeds, at most `attempts` times, pausing {@link backoffDelay} between
 * tries; the last failure is thrown. `task` gets the number of the try (1-based).
 */
export async function retryWithBackoff<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (err) {
      if (attempt >= options.attempts || (options.retryIf && !options.retryIf(err))) throw err;
      await sleep(backoffDelay(attempt, options));
      await options.beforeRetry?.();
    }
  }
}
