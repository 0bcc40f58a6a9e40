import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CloudEvent } from '@liaison/events';
import { waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeStatsProjector } from '../src/index.ts';
import { applyDirectly, type BusKind, rollupSnapshot, sampleEvents, type StatsFixture, statsFixture } from './helpers.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function startWorker(fx: StatsFixture, faults = '') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/stats/test/fixtures/worker.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...fx.workerEnv, LIAISON_FAULTS: faults },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exit = new Promise<NodeJS.Signals | number | null>((r) => child.on('exit', (code, signal) => r(signal ?? code)));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return { child, exit, ready: () => waitFor('stats worker ready', () => out.includes('ready'), 60000) };
}

/** Reorders events across aggregates (keeping each aggregate's own order, as partitions do). */
function interleave(events: CloudEvent[], seed: number): CloudEvent[] {
  const byKey = new Map<string, CloudEvent[]>();
  for (const e of events)
    byKey.set(`${e.type.split('.')[2]}|${e.partitionkey}`, [...(byKey.get(`${e.type.split('.')[2]}|${e.partitionkey}`) ?? []), e]);
  const queues = [...byKey.values()];
  const out: CloudEvent[] = [];
  let x = seed;
  while (queues.length > 0) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const i = x % queues.length;
    out.push(queues[i]!.shift()!);
    if (queues[i]!.length === 0) queues.splice(i, 1);
  }
  return out;
}

// Statistics are counted once per fact whatever happens to delivery: a replay of every topic from
// the start, a consumer SIGKILLed half-way through a batch, events of different topics arriving
// in another order — the rollups come out the same.
describe.each(['kafka', 'pglog'] as const)('stats projector on %s', (kind: BusKind) => {
  let fx: StatsFixture;
  let reference: StatsFixture;
  let expected: Record<string, string[]>;
  const events = sampleEvents();
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    fx = await statsFixture(kind, 'statsproj');
    reference = await statsFixture(kind, 'statsref');
    await applyDirectly(reference.database, events);
    expected = await rollupSnapshot(reference.database);
    const bus = fx.bus();
    await bus.ensureTopics({ partitions: 3 });
    for (let i = 0; i < events.length; i += 500) await bus.publish(events.slice(i, i + 500));
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
    await fx?.close();
    await reference?.close();
  });

  it('has a sample with every kind of fact', () => {
    for (const kind of [
      'consultation',
      'requested_action',
      'action_outcome',
      'clock_missed',
      'referral',
      'referral_final',
      'referral_days',
      'deadline',
      'url_duplicate',
    ]) {
      expect(expected[kind]!.length, kind).toBeGreaterThan(0);
    }
    expect(expected.deadline!.some((l) => l.includes('|missed|'))).toBe(true);
    expect(expected.deadline!.some((l) => l.includes('|kept|'))).toBe(true);
  });

  it('counts the same whatever the order of events across topics and aggregates', async () => {
    const other = await statsFixture(kind, 'statsorder');
    try {
      await applyDirectly(other.database, interleave(events, 42), 137);
      expect(await rollupSnapshot(other.database)).toEqual(expected);
    } finally {
      await other.close();
    }
  });

  it('gives the same rollups after a consumer crash mid-batch, and again after two replays from the start', async () => {
    const worker = startWorker(fx, 'inbox.midBatch=3');
    workers.push(worker.child);
    expect(await worker.exit).toBe('SIGKILL');
    const again = startWorker(fx);
    workers.push(again.child);
    await again.ready();
    const inboxCount = async () => (await fx.database.pool.query(`select count(*)::int as n from stats.inbox`)).rows[0].n as number;
    await waitFor(`all ${events.length} events applied`, async () => (await inboxCount()) === events.length, 120_000, 250);
    expect(await rollupSnapshot(fx.database)).toEqual(expected);
    again.child.kill('SIGTERM');
    await again.exit;

    for (const round of [1, 2]) {
      let seen = 0;
      const replay = await subscribeStatsProjector({
        db: fx.database.db,
        bus: fx.bus(),
        group: `stats.replay-${round}`,
        fromBeginning: true,
        onBatch: (n) => (seen += n),
      });
      try {
        await waitFor(`replay ${round} read every event`, () => seen >= events.length, 120_000, 100);
      } finally {
        await replay.stop();
      }
      expect(seen).toBe(events.length);
      expect(await rollupSnapshot(fx.database)).toEqual(expected);
    }
  }, 300_000);
});
