// pnpm bench:http — the request path: the whole platform (`services/platform/src/main.ts`, one
// process, as `pnpm start` runs it) on a real Kafka and Postgres, loaded over HTTP by autocannon,
// beside the domain-level path of `pnpm bench:bus` in the same run. Not part of `pnpm test`.
//
//   domain    N referrals created through the domain function (32 concurrent loops, no HTTP), relay
//             in the bench process, SIA's inbox projector in its own process: creation → SIA's inbox.
//   create    N × POST /v1/referrals over 32 connections (center → sia, each with its own
//             Idempotency-Key, as the partner client sends them), then until every one is in SIA's
//             inbox (relay → Kafka → inbox projector, all inside the platform): referrals/s
//             delivered, and the HTTP answers' rate and p50/p99.
//   inbox     GET /v1/inbox?limit=20 as SIA for BENCH_SECONDS over 32 connections.
//   graphql   { referralInbox(limit: 20) { … } } over POST /graphql as SIA, likewise.
//
// Environment: BENCH_N (default 10000), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 32),
// BENCH_PROFILE=<dir> (the platform runs under `node --cpu-prof` and writes its profile there),
// BENCH_DOMAIN=false (skip the domain path, when profiling),
// KAFKA_BROKERS and DATABASE_URL (else started/found as in tests).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { createTestDatabase, freePort, resolveKafka, resolvePostgresServer, uniqueName } from '@liaison/testing';
import autocannon from 'autocannon';
import { backendCpuMs, backendCpuPerItem, benchKeys, cpuMs, PARTITIONS, relayPath } from './referral-path.ts';

const N = Number(process.env.BENCH_N ?? 10000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PROFILE = process.env.BENCH_PROFILE;
const WARMUP = 500;

const fmt = (n: number) => (Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 0 }));

interface Figures {
  rate: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per request of the serving processes (not the load generator). */
  cpuPerItem?: number;
  /** CPU milliseconds per request of the load generator (autocannon, this process). */
  loadCpuPerItem?: number;
  /** CPU milliseconds per request of Postgres (server and backends) and of Kafka. */
  dbCpuPerItem?: number;
  kafkaCpuPerItem?: number;
}

/** Runs autocannon and refuses a run with any error or non-2xx answer (a fast 401 is no figure). */
async function load(name: string, options: autocannon.Options): Promise<autocannon.Result> {
  const result = await autocannon({ connections: CONNECTIONS, ...options });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  return result;
}

/** The platform in its own process, as `pnpm start` runs it, on `databaseUrl` and Kafka. */
async function startPlatform(databaseUrl: string, brokers: string[]) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(
    process.execPath,
    [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []), '--import', 'tsx', 'services/platform/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC_PREFIX: `${uniqueName('bench-http')}.`,
        TOPIC_PARTITIONS: String(PARTITIONS),
        HOST: '127.0.0.1',
        PORT: String(port),
        LIAISON_DATA_DIR: dataDir,
        LIAISON_SEED_DEMO: 'false',
        LIAISON_SEED_STATS: 'false',
        ...benchKeys(),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolveReady, rejectReady) => {
      child.stdout!.on('data', (d) => String(d).includes('is running') && resolveReady());
      void exited.then((code) => rejectReady(new Error(`the platform exited (${code}) before it listened`)));
    });
  } catch (err) {
    await stop();
    throw err;
  }
  child.stdout!.resume();
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
}

async function httpPath(brokers: string[], adminUrl: string) {
  const testDb = await createTestDatabase(adminUrl, 'benchhttp');
  const database = createDatabase({ url: testDb.url, max: 4 });
  let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
  try {
    platform = await startPlatform(testDb.url, brokers);
    const { url } = platform;
    const center = (await issueToken(database.db, { agency: 'center', role: 'caseworker', label: 'bench' })).token;
    const sia = (await issueToken(database.db, { agency: 'sia', role: 'caseworker', label: 'bench' })).token;
    const delivered = async () =>
      (await database.pool.query(`select count(*)::int as n from referrals.received_referrals where recipient = 'sia'`)).rows[0]
        .n as number;
    const create = (amount: number) =>
      load('POST /v1/referrals', {
        url,
        amount,
        idReplacement: true,
        requests: [
          {
            method: 'POST',
            path: '/v1/referrals',
            headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]' },
            body: JSON.stringify({ recipient: 'sia', kind: 'referral', category: 'R01', urgent: false }),
          },
        ],
      });
    // Warm-up (JIT, pools, Kafka producer and consumer group), delivered before the clock starts.
    await create(WARMUP);
    while ((await delivered()) < WARMUP) await new Promise((r) => setTimeout(r, 20));

    const serverCpu = cpuMs(platform.pid);
    const loadCpu = cpuMs();
    const backends = backendCpuMs();
    const start = Date.now();
    const created = await create(N);
    const answered = (Date.now() - start) / 1000;
    const loadCpuPerItem = (cpuMs() - loadCpu) / N;
    while ((await delivered()) < WARMUP + N) await new Promise((r) => setTimeout(r, 20));
    const seconds = (Date.now() - start) / 1000;
    const cpuPerItem = (cpuMs(platform.pid) - serverCpu) / N;
    const backendPerItem = backendCpuPerItem(backends, N);
    const lat = await database.pool.query(
      `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99
       from (select extract(epoch from (received_at - sent_at)) * 1000 as ms from referrals.received_referrals order by sent_at desc limit $1) t`,
      [N],
    );
    const createFigures: Figures = { rate: N / answered, p50: created.latency.p50, p99: created.latency.p99, loadCpuPerItem };
    const deliveredFigures: Figures = {
      rate: N / seconds,
      p50: Number(lat.rows[0].p50),
      p99: Number(lat.rows[0].p99),
      cpuPerItem,
      ...backendPerItem,
    };
    // The reads come a second later, not the minute after which autovacuum would have analysed the
    // inbox that just grew from nothing to N rows: without statistics Postgres sorts the whole inbox
    // for every page of twenty. Analyse now, as a database in service has been.
    await database.pool.query('analyze referrals.received_referrals');

    const read = async (name: string, request: autocannon.Request): Promise<Figures> => {
      await load(name, { url, duration: 2, requests: [request] }); // warm-up
      const [server, client, backends] = [cpuMs(platform!.pid), cpuMs(), backendCpuMs()];
      const r = await load(name, { url, duration: SECONDS, requests: [request] });
      const n = r.requests.total;
      return {
        rate: n / (r.duration || SECONDS),
        p50: r.latency.p50,
        p99: r.latency.p99,
        cpuPerItem: (cpuMs(platform!.pid) - server) / n,
        loadCpuPerItem: (cpuMs() - client) / n,
        ...backendCpuPerItem(backends, n),
      };
    };
    const auth = { authorization: `Bearer ${sia}` };
    const inboxRequest = { method: 'GET', path: '/v1/inbox?limit=20', headers: auth } as const;
    const graphqlRequest = {
      method: 'POST',
      path: '/graphql',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ referralInbox(limit: 20) { id sender category { code } status statusLabelJa urgent sentAt } }' }),
    } as const;
    // Each answer checked once before the load: twenty referrals, no GraphQL errors (a 200 with
    // `errors` is no figure either).
    for (const [name, r, items] of [
      ['GET /v1/inbox', inboxRequest, (b: { items?: unknown[] }) => b.items],
      ['GraphQL referralInbox', graphqlRequest, (b: { data?: { referralInbox?: unknown[] } }) => b.data?.referralInbox],
    ] as const) {
      const res = await fetch(url + r.path, { method: r.method, headers: r.headers, ...('body' in r ? { body: r.body } : {}) });
      const body = (await res.json()) as { errors?: unknown };
      if (res.status !== 200 || body.errors || (items as (b: unknown) => unknown[] | undefined)(body)?.length !== 20)
        throw new Error(`${name}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    const inbox = await read('GET /v1/inbox', inboxRequest);
    const graphql = await read('GraphQL referralInbox', graphqlRequest);
    return { create: createFigures, delivered: deliveredFigures, inbox, graphql };
  } finally {
    await platform?.stop();
    await database.close();
    await testDb.drop();
  }
}

const [postgres, kafka] = await Promise.all([resolvePostgresServer(), resolveKafka()]);
try {
  console.log(
    `bench:http — ${fmt(N)} referrals, ${CONNECTIONS} connections, reads for ${SECONDS} s, ${PARTITIONS} partitions, Kafka ${kafka.brokers.join(',')}, Postgres (${postgres.source})`,
  );
  const domain =
    process.env.BENCH_DOMAIN === 'false'
      ? { rate: Number.NaN, p50: Number.NaN, p99: Number.NaN, cpuPerItem: Number.NaN }
      : await relayPath(kafka.brokers, postgres.adminUrl, 'e2e', N);
  const http = await httpPath(kafka.brokers, postgres.adminUrl);
  const rows: [string, Figures][] = [
    ['domain: createReferral → relay → Kafka → SIA inbox', domain],
    ['HTTP: POST /v1/referrals (answers, 201)', http.create],
    ['HTTP: POST /v1/referrals → Kafka → SIA inbox', http.delivered],
    ['HTTP: GET /v1/inbox?limit=20 (authenticated)', http.inbox],
    ['HTTP: GraphQL referralInbox(limit: 20)', http.graphql],
  ];
  console.log('');
  const ms2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(2));
  console.log(
    'path'.padEnd(54) +
      'per s'.padStart(9) +
      'p50 ms'.padStart(9) +
      'p99 ms'.padStart(9) +
      'CPU ms/req'.padStart(12) +
      'Postgres'.padStart(10) +
      'Kafka'.padStart(8) +
      'load CPU'.padStart(10),
  );
  for (const [name, r] of rows) {
    console.log(
      name.padEnd(54) +
        fmt(r.rate).padStart(9) +
        fmt(r.p50).padStart(9) +
        fmt(r.p99).padStart(9) +
        ms2(r.cpuPerItem).padStart(12) +
        ms2(r.dbCpuPerItem).padStart(10) +
        ms2(r.kafkaCpuPerItem).padStart(8) +
        ms2(r.loadCpuPerItem).padStart(10),
    );
  }
  console.log(
    '(CPU ms/req: the serving processes — platform, or domain function + relay + projector; Postgres, Kafka: every process of each; load CPU: the load generator)',
  );
  console.log('');
  console.log(
    `HTTP / domain (delivered to the inbox): ${((http.delivered.rate / domain.rate) * 100).toFixed(0)} % (goal ≥ 75 %; ≥ 1,500 referrals/s)`,
  );
  console.log(`server CPU per referral, domain / HTTP: ${((domain.cpuPerItem / http.delivered.cpuPerItem!) * 100).toFixed(0)} %`);
  console.log(`authenticated reads: REST ${fmt(http.inbox.rate)}/s, GraphQL ${fmt(http.graphql.rate)}/s (goal ≥ 3,000/s)`);
} finally {
  await kafka.stop();
  await postgres.stop();
}
