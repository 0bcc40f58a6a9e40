import { waitFor } from '@liaison/testing';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceivedEvent, Subscription } from '../src/index.ts';
import { type BusFixture, busFixture, referralEvent } from './helpers.ts';

const TOPIC = 'liaison.referrals';

describe('losing the database connection', () => {
  const fixtures: BusFixture[] = [];
  const subscriptions: Subscription[] = [];
  afterEach(async () => {
    await Promise.allSettled(subscriptions.splice(0).map((s) => s.stop()));
    await Promise.allSettled(fixtures.splice(0).map((f) => f.close()));
  });

  it('fails the work of a checked-out client whose backend is terminated, without crashing the process; the pool goes on', async () => {
    const fx = await busFixture('pglog');
    fixtures.push(fx);
    const { pool, db } = fx.database;

    // A client held between statements (as a relay holds its lock, or a transaction its session).
    const client = await pool.connect();
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    await pool.query('select pg_terminate_backend($1)', [pid]);
    await ended;
    await expect(client.query('select 1')).rejects.toThrow();
    client.release();

    // A transaction whose backend is terminated between two statements is refused, not applied.
    await pool.query('create table lost_writes (n int)');
    const lost = db.transaction(async (tx) => {
      await tx.execute(sql`insert into lost_writes values (1)`);
      const own = ((await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] }).rows[0]!;
      await pool.query('select pg_terminate_backend($1)', [own.pid]);
      await tx.execute(sql`insert into lost_writes values (2)`);
    });
    await expect(lost).rejects.toThrow();

    // Still alive, and the pool serves new work on fresh connections.
    expect((await pool.query<{ n: string }>('select count(*) as n from lost_writes')).rows[0]!.n).toBe('0');
    expect((await pool.query<{ one: number }>('select 1 as one')).rows[0]!.one).toBe(1);
  });

  it('a Postgres-log consumer whose session is terminated takes its partitions again on a new one and goes on, nothing twice', async () => {
    const fx = await busFixture('pglog');
    fixtures.push(fx);
    const bus = fx.bus();
    await bus.ensureTopics({ partitions: 3 });
    const received: ReceivedEvent[] = [];
    const sub = await bus.subscribe({ group: 'lossy', topics: [TOPIC], handler: async (events) => void received.push(...events) });
    subscriptions.push(sub);
    // The member's session holds a two-key advisory lock per partition it owns.
    const holders = async () =>
      (
        await fx.database.pool.query<{ pid: number }>(
          `select distinct pid from pg_locks
            where locktype = 'advisory' and objsubid = 2 and granted
              and database = (select oid from pg_database where datname = current_database())`,
        )
      ).rows.map((r) => r.pid);
    const seen = (id: string) => received.filter((r) => r.event.id === id).length;

    const first = referralEvent();
    await bus.publish([first]);
    await waitFor('the first event', () => seen(first.id) === 1);
    await waitFor('its offset committed', async () => (await bus.lag('lossy', [TOPIC])) === 0);
    const [session] = await holders();
    expect(session).toBeDefined();

    await fx.database.pool.query('select pg_terminate_backend($1)', [session]);
    await waitFor('the member to own its partitions again on a new session', async () => {
      const now = await holders();
      return now.length === 1 && now[0] !== session;
    });

    const second = referralEvent();
    await bus.publish([second]);
    await waitFor('the second event', () => seen(second.id) === 1);
    await waitFor('no lag', async () => (await bus.lag('lossy', [TOPIC])) === 0);
    expect(seen(first.id)).toBe(1);
    expect(seen(second.id)).toBe(1);
  });
});
