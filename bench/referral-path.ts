// The referral path at the domain level, as `pnpm bench:bus` and `pnpm bench:http` measure it: the
// domain function `createReferral` called by 32 concurrent loops (no HTTP), the outbox relay in this
// process, and SIA's inbox projector in its own process on Kafka, as in distributed mode.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { auditMigrations } from '@liaison/audit';
import { authMigrations } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus } from '@liaison/events';
import { createReferral, createReferralsService, ReferralWriter, referralsMigrations } from '@liaison/referrals';
import { createTestDatabase, uniqueName } from '@liaison/testing';

export const PARTITIONS = 6;

/**
 * CPU time used so far by process `pid` (user + system, milliseconds, from /proc), or by this
 * process when `pid` is omitted. On a machine shared with others, CPU per request is the figure
 * that does not move with the neighbours' load.
 */
export function cpuMs(pid?: number): number {
  if (pid === undefined) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  try {
    return statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return Number.NaN;
  }
}

/** The CPU time (user + system, ms) in a `/proc/<pid>/stat` line. */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/**
 * CPU time used so far by every process named `postgres` (the server and its backends) and `java`
 * (Kafka), milliseconds: what the database and the broker spend on a path, beside the serving
 * process's own. Machine-wide by name: meaningful while the bench is the only user of both.
 */
export function backendCpuMs(): { postgres: number; kafka: number } {
  const sum = { postgres: 0, kafka: 0 };
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const which = name === 'postgres' ? 'postgres' : name === 'java' ? 'kafka' : undefined;
      if (!which) continue;
      sum[which] += statCpuMs(stat);
    } catch {
      // the process ended meanwhile
    }
  }
  return sum;
}

/** CPU milliseconds per item of Postgres and Kafka between `before` (from {@link backendCpuMs}) and now. */
export function backendCpuPerItem(before: { postgres: number; kafka: number }, items: number) {
  const now = backendCpuMs();
  return { dbCpuPerItem: (now.postgres - before.postgres) / items, kafkaCpuPerItem: (now.kafka - before.kafka) / items };
}

/** Fresh keys for a platform process on an external database (which makes none of its own). */
export const benchKeys = () =>
  Object.fromEntries(['AUDIT_KEY', 'FIELD_KEY', 'COUNCIL_KEY', 'WEBHOOK_KEY'].map((k) => [k, randomBytes(32).toString('base64')]));

/**
 * `relay`: N events already in the outbox, drained by the relay (acks=all); `e2e`: N referrals
 * created through the domain function to the rows in SIA's inbox. Rate per second, p50/p99 of
 * creation → inbox (e2e only), milliseconds.
 */
export async function relayPath(
  brokers: string[],
  adminUrl: string,
  mode: 'relay' | 'e2e',
  N: number,
): Promise<{ rate: number; p50: number; p99: number; cpuPerItem: number; dbCpuPerItem?: number; kafkaCpuPerItem?: number }> {
  const testDb = await createTestDatabase(adminUrl, 'bench');
  const database = createDatabase({ url: testDb.url, max: 40 });
  await migrate(database, [authMigrations, auditMigrations, referralsMigrations]);
  const topicPrefix = `${uniqueName('bench')}.`;
  const bus = createEventBus({ kind: 'kafka', brokers, topicPrefix, log: () => {} });
  await bus.ensureTopics({ partitions: PARTITIONS });
  const agency = async (code: string) => ({ code, nameJa: code, nameEn: code, roles: ['member'] });
  const service = createReferralsService({ database, bus, verifyToken: async () => null, agency, consumers: false });
  const ctx = {
    actor: { agency: 'center', role: 'caseworker' as const, tokenId: randomUUID(), agencyRoles: ['member'] },
    db: database.db,
    writer: new ReferralWriter(database.pool),
    agency,
  };
  const create = async (count: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next++ < count) await createReferral({ ctx, input: { recipient: 'sia', kind: 'referral', category: 'R01', urgent: false } });
      }),
    );
  };
  // The projector's process, stopped (and waited for) before its database is dropped.
  const children: ChildProcess[] = [];
  try {
    if (mode === 'relay') {
      await create(N);
      const start = Date.now();
      await service.relay.drain();
      return { rate: N / ((Date.now() - start) / 1000), p50: Number.NaN, p99: Number.NaN, cpuPerItem: Number.NaN };
    }
    // SIA's inbox projector, in its own process.
    const part = (parts: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'services/platform/src/service.ts'], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: {
          ...process.env,
          LIAISON_SERVICE: 'referrals',
          LIAISON_PARTS: parts,
          PORT: '0',
          DATABASE_URL: testDb.url,
          KAFKA_BROKERS: brokers.join(','),
          KAFKA_TOPIC_PREFIX: topicPrefix,
          TOPIC_PARTITIONS: String(PARTITIONS),
          ...benchKeys(),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      const ready = new Promise<void>((resolveReady) => child.stdout!.on('data', (d) => String(d).includes('running') && resolveReady()));
      return { child, ready };
    };
    const consumer = part('consumers');
    await consumer.ready;
    await service.start();
    const delivered = async () =>
      (await database.pool.query('select count(*)::int as n from referrals.received_referrals')).rows[0].n as number;
    const cpu = () => cpuMs() + cpuMs(consumer.child.pid);
    const cpuStart = cpu();
    const backends = backendCpuMs();
    const start = Date.now();
    await create(N);
    while ((await delivered()) < N) await new Promise((r) => setTimeout(r, 20));
    const seconds = (Date.now() - start) / 1000;
    const cpuPerItem = (cpu() - cpuStart) / N;
    const backendPerItem = backendCpuPerItem(backends, N);
    const lat = await database.pool.query(
      `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99
       from (select extract(epoch from (received_at - sent_at)) * 1000 as ms from referrals.received_referrals) t`,
    );
    return { rate: N / seconds, p50: Number(lat.rows[0].p50), p99: Number(lat.rows[0].p99), cpuPerItem, ...backendPerItem };
  } finally {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolveExit) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
            child.once('exit', () => resolveExit());
            child.kill('SIGTERM');
          }),
      ),
    );
    await service.stop();
    await bus.close();
    await database.close();
    await testDb.drop();
  }
}
