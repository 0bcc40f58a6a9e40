/**
 * Polls `check` until it returns a truthy value or `timeoutMs` passes; then throws with `what`
 * and the last value seen, so a failing test says what it was waiting for.
 */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 30000, intervalMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
