/**
 * Fault injection for crash tests: `LIAISON_FAULTS="relay.afterPublish=3,inbox.midBatch=2"` makes
 * the process SIGKILL itself the 3rd time the relay has published a batch but not yet marked it
 * sent, or the 2nd time a consumer is half-way through applying a batch. Read once; inert when unset.
 */
const plan = new Map<string, number>();
const hits = new Map<string, number>();
for (const item of (process.env['LIAISON_FAULTS'] ?? '').split(',')) {
  const [name, at] = item.split('=');
  if (name && at) plan.set(name.trim(), Number(at));
}

/** A named point where a test may ask the process to die abruptly (SIGKILL: no cleanup, no flush). */
export function faultPoint(name: 'relay.afterPublish' | 'inbox.midBatch'): void {
  const at = plan.get(name);
  if (at === undefined) return;
  const n = (hits.get(name) ?? 0) + 1;
  hits.set(name, n);
  if (n === at) process.kill(process.pid, 'SIGKILL');
}
