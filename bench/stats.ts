// pnpm bench:stats — statistics at volume, through the interface users touch (GraphQL over HTTP)
// beside the inner path, on a real Postgres. Not part of `pnpm test`.
//
//   seed      BENCH_FACTS consultations (default 1,000,000; the issue's figure is 10,000,000) of
//             synthetic facts over FY2025 and FY2026 to October, through the bulk path (COPY):
//             facts per second.
//   settle    VACUUM (ANALYZE) of the loaded database (a settled database, as one that grew over
//             months is; autovacuum on the fresh rows would otherwise share the cores with the timings).
//   releases  every month and quarter of FY2025, then the fiscal-year release itself (all
//             tables, disclosure control, audit manifest) — the time of the year's release.
//   member    the Hotline Center's own-body statistics for FY2025 (every table of its body, exact):
//             the rollup path vs the same aggregation over the raw facts (consultation tables),
//             inner and GraphQL over HTTP; p95.
//   observer  the FY2025 release as an observer reads it: inner (REST handler, audited) and
//             GraphQL over HTTP; p95. Then the web face's release page of it (server time, bytes).
//
// GraphQL over HTTP is timed by a client in its own process (graphql-client.ts), from the request to
// the last byte of the answer; this process is the server (gateway and statistics service as the
// platform composes them), and its CPU per call is printed as "server … ms CPU". The client's parse
// of the answer is outside the timings and printed beside them. The inner paths run in this process.
//
// Environment: BENCH_FACTS, BENCH_QUERIES (default 200), DATABASE_URL (else the local server / embedded),
// BENCH_PROFILE (a folder: CPU profiles of the server during each GraphQL measurement, for DevTools),
// BENCH_KEEP=1 (keep the seeded database, bench_stats_<facts>, and time against it again on the next
// run instead of seeding: for working on the query paths; seed, settle and release times are then not printed).
// Runs with NODE_ENV=production (the package script sets it), as a deployment does: graphql-js then
// skips its development-only checks, which cost more than the whole compiled execution of a release.
import { type ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { auditMigrations } from '@liaison/audit';
import { authMigrations, issueToken, listAgencies, seedAgencies, tokenVerifier } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, pglogMigrations } from '@liaison/events';
import { createGatewayApp } from '@liaison/gateway';
import {
  buildRelease,
  createStatsService,
  getRelease,
  loadCatalogue,
  RELEASE_LOCK,
  statsMigrations,
  syncProjections,
} from '@liaison/stats';
import { scaleForFacts, seedStatistics } from '@liaison/stats/seed';
import { createTestDatabase, freePort, resolvePostgresServer } from '@liaison/testing';
import { benchReleasePage } from './web-page.ts';

const FACTS = Number(process.env.BENCH_FACTS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
/** When set, a CPU profile of the server (this process) during each GraphQL measurement is written there. */
const PROFILE_DIR = process.env.BENCH_PROFILE;
const KEEP = process.env.BENCH_KEEP === '1';
const profiler = PROFILE_DIR ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
}
const FROM = '2025-04';
const TO = '2026-10';

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** CPU milliseconds per call of the last timed run: this process (for GraphQL over HTTP: the server — gateway and service). */
let lastCpu = Number.NaN;
const cpuOf = () => `${fmt(lastCpu, 2)} ms CPU`;
/** The client's JSON parse of the last GraphQL run's answers (p50, ms, not in the timings) and their size. */
let lastParse = Number.NaN;
let lastBytes = 0;
const serverCpu = () => `server ${fmt(lastCpu, 2)} ms CPU; answer ${fmt(lastBytes / 1024)} KB, client parse ${fmt(lastParse, 2)} ms`;

async function timed(n: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(10, n); i++) await run(); // warm-up (JIT, plans, caches)
  const out: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await run();
    out.push(ms(t));
  }
  const used = process.cpuUsage(cpu);
  lastCpu = (used.user + used.system) / 1000 / n;
  return out;
}

const server = await resolvePostgresServer();
const testDb = KEEP ? await keptDatabase(server.adminUrl, `bench_stats_${FACTS}`) : await createTestDatabase(server.adminUrl, 'benchstats');
const database = createDatabase({ url: testDb.url, max: 20 });
/** A database kept between runs (BENCH_KEEP=1): created when missing; `seeded` once a run finished seeding it. */
async function keptDatabase(adminUrl: string, name: string) {
  const admin = createDatabase({ url: adminUrl, max: 1 });
  try {
    const exists = (await admin.pool.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (!exists) await admin.pool.query(`create database "${name}"`);
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: async () => {} };
}
let http: ReturnType<typeof serve> | undefined;
let client: ChildProcess | undefined;
try {
  await migrate(database, [authMigrations, auditMigrations, pglogMigrations, statsMigrations]);
  await database.pool.query('create table if not exists public.bench_seeded (facts bigint not null)');
  const reused = KEEP && (await database.pool.query('select 1 from public.bench_seeded')).rowCount! > 0;
  const scale = scaleForFacts(FACTS, FROM, TO);
  console.log(`bench:stats — ${fmt(FACTS)} consultations (scale ×${fmt(scale, 2)} of the bodies' yearly volumes), ${FROM} … ${TO}`);
  if (!reused) await seedAndSettle();
  else console.log(`seed      (kept database ${testDb.name}: seeded, settled and released by an earlier run)`);

  const bus = createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: 'bench.' });
  // As the platform composes them: the registry from a short cache, token lookups batched.
  const members = (await listAgencies(database.db))
    .filter((a) => a.roles.includes('member'))
    .map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn }));
  const bodies = async () => members;
  const verify = tokenVerifier(database.db);
  const stats = createStatsService({
    database,
    bus,
    verifyToken: verify,
    bodies,
    relay: false,
    consumers: false,
    releaseJob: false,
    now: () => new Date('2026-11-28T12:00:00+09:00'),
  });
  const deps = stats.releases;

  const year = reused ? (await getRelease(database.db, 'FY2025'))! : await buildReleases();
  const cells = year.tables.reduce((n, x) => n + x.cells.length, 0);
  async function buildReleases() {
    // Releases: the months and quarters of FY2025 first, then the year.
    let t = process.hrtime.bigint();
    const fy = [
      '2025-04',
      '2025-05',
      '2025-06',
      '2025Q1',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025Q2',
      '2025-10',
      '2025-11',
      '2025-12',
      '2025Q3',
      '2026-01',
      '2026-02',
      '2026-03',
      '2025Q4',
    ];
    const perRelease: number[] = [];
    for (const period of fy) {
      const one = process.hrtime.bigint();
      await buildRelease(deps, { period });
      perRelease.push(ms(one));
    }
    console.log(
      `releases  12 months and 4 quarters of FY2025 in ${fmt(ms(t) / 1000, 1)} s (month p50 ${fmt(pct(perRelease, 50))} ms, max ${fmt(Math.max(...perRelease))} ms)`,
    );
    t = process.hrtime.bigint();
    const year = await buildRelease(deps, { period: 'FY2025' });
    const yearMs = ms(t);
    await database.pool.query('insert into public.bench_seeded (facts) values ($1)', [FACTS]);
    console.log(
      `release   FY2025: ${year.tables.length} tables, ${fmt(year.tables.reduce((n, x) => n + x.cells.length, 0))} cells, ${fmt(year.manifest.suppressed)} suppressed in the checked system of ${fmt(year.manifest.cells)} cells (${year.manifest.auditMethod}) — built in ${fmt(yearMs / 1000, 2)} s (goal ≤ 10 s)`,
    );
    return year;
  }

  // HTTP: the gateway and the stats service as the platform mounts them, on a real port.
  const gateway = createGatewayApp({
    verifyToken: verify,
    referrals: async () => new Response('{}'),
    stats: (req) => Promise.resolve(stats.app.fetch(req)),
  });
  const port = await freePort();
  http = serve({ fetch: gateway.fetch, port, hostname: '127.0.0.1' });
  // The client runs in its own process (graphql-client.ts): it times each call to the last byte of
  // the answer and checks every answer for errors; this process (gateway and service) is the server,
  // and its CPU per call is reported as "server CPU".
  client = fork(new URL('./graphql-client.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}/graphql`;
  const ask = (query: string, token: string, n: number) =>
    new Promise<{ times: number[]; parse: number[]; bytes: number }>((resolve, reject) => {
      client!.once('message', (m: { error?: string; times: number[]; parse: number[]; bytes: number }) =>
        m.error ? reject(new Error(m.error)) : resolve(m),
      );
      client!.send({ url, token, query, n });
    });
  /** GraphQL over HTTP from the client process: times (ms), the server's CPU per call, the client's parse time. */
  const graphqlTimed = async (n: number, query: string, token: string, name: string) => {
    await ask(query, token, Math.min(10, n)); // warm-up (JIT, plans, caches)
    if (profiler) await profiler.post('Profiler.start');
    const cpu = process.cpuUsage();
    const out = await ask(query, token, n);
    const used = process.cpuUsage(cpu);
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(join(PROFILE_DIR!, `server-${name}.cpuprofile`), JSON.stringify(profile));
    }
    lastCpu = (used.user + used.system) / 1000 / n;
    lastParse = pct(out.parse, 50);
    lastBytes = out.bytes;
    return out.times;
  };
  const member = (await issueToken(database.db, { agency: 'hotline', role: 'caseworker', label: 'bench' })).token;
  const observer = (await issueToken(database.db, { agency: 'mic', role: 'observer', label: 'bench' })).token;

  const vacuuming = async () =>
    Number(
      (await database.pool.query(`select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker'`)).rows[0].n,
    );
  console.log(`server    Postgres autovacuum workers running now: ${await vacuuming()}`);

  // The floor of any GraphQL call here: one token check and an empty-ish answer.
  const floor = await graphqlTimed(QUERIES, '{ me { agency role } }', observer, 'me');
  console.log(
    `baseline  GraphQL over HTTP \`{ me }\` (one token check): p95 ${fmt(pct(floor, 95), 2)} ms (p50 ${fmt(pct(floor, 50), 2)}, ${cpuOf()})`,
  );

  // Member: own-body statistics (rollups) vs the same consultation tables over the raw facts.
  const months = [
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
  ];
  const catalogue = loadCatalogue().filter((s) => s.kind === 'consultation');
  // The same figures two ways: the table projections the service reads, and the raw facts.
  const shapes = catalogue.map((s) => ({
    id: s.id,
    rows: s.rows,
    cols: s.cols ?? "'all'",
    filter: s.filter?.under18 ? "and under18 = 'yes'" : '',
  }));
  const both = async (from: 'raw' | 'projection') => {
    const out: string[] = [];
    for (const s of shapes) {
      const { rows } =
        from === 'raw'
          ? await database.pool.query(
              `select ${s.rows} as r, ${s.cols} as c, count(*) as n from stats.consultations where body = $1 and month = any($2) ${s.filter} group by 1, 2`,
              ['hotline', months],
            )
          : await database.pool.query(
              `select r, c, sum(n) as n from stats.table_cells where table_id = $3 and b1 = $1 and month = any($2) group by 1, 2`,
              ['hotline', months, s.id],
            );
      out.push(...rows.map((r) => `${r.r}|${r.c}|${r.n}`).sort());
    }
    return out;
  };
  const rawQuery = 'raw' as const;
  const rollupQuery = 'projection' as const;
  const [fromRaw, fromRollups] = [await both(rawQuery), await both(rollupQuery)];
  if (JSON.stringify(fromRaw) !== JSON.stringify(fromRollups)) throw new Error('the rollups and the raw facts disagree');
  const rawN = Math.max(5, Math.floor(QUERIES / 20));
  const raw = await timed(rawN, () => both(rawQuery));
  const rolled = await timed(QUERIES, () => both(rollupQuery));
  const hotlineFacts = (
    await database.pool.query(`select count(*)::int as n from stats.consultations where body = 'hotline' and month = any($1)`, [months])
  ).rows[0].n as number;
  console.log(
    `member    hotline FY2025 consultation tables (${catalogue.length}), ${fmt(hotlineFacts)} raw facts: table projections p95 ${fmt(pct(rolled, 95), 2)} ms vs raw facts p95 ${fmt(pct(raw, 95), 1)} ms — ${fmt(pct(raw, 95) / pct(rolled, 95))}× faster`,
  );
  const ctxApp = stats.app;
  const inner = await timed(QUERIES, async () => {
    const res = await ctxApp.request('/v1/stats/own?period=FY2025', { headers: { authorization: `Bearer ${member}` } });
    if (res.status !== 200) throw new Error(`own: ${res.status}`);
    await res.json();
  });
  const ownQuery =
    '{ myBodyStatistics(period: "FY2025") { body tables { id rows { code labelJa } cols { code labelJa } cells { row col value } } } }';
  const innerCpu = cpuOf();
  const overHttp = await graphqlTimed(QUERIES, ownQuery, member, 'own-body');
  console.log(
    `member    myBodyStatistics(FY2025), every table of its body: inner (REST app) p95 ${fmt(pct(inner, 95), 2)} ms (p50 ${fmt(pct(inner, 50), 2)}, ${innerCpu}), GraphQL over HTTP p95 ${fmt(pct(overHttp, 95), 2)} ms (p50 ${fmt(pct(overHttp, 50), 2)}, ${serverCpu()}) (goal ≤ 20 ms)`,
  );

  // Observer: the year's release.
  const releaseInner = await timed(QUERIES, async () => {
    const res = await ctxApp.request('/v1/stats/releases/FY2025', { headers: { authorization: `Bearer ${observer}` } });
    if (res.status !== 200) throw new Error(`release: ${res.status}`);
    await res.json();
  });
  const releaseQuery =
    '{ statisticsRelease(id: "FY2025") { id period labelJa tables { id titleJa k rows { code labelJa labelEn } cols { code labelJa labelEn } cells { row col value suppressed { reason labelJa } } } manifest { cells published suppressed } } }';
  const releaseInnerCpu = cpuOf();
  const releaseHttp = await graphqlTimed(QUERIES, releaseQuery, observer, 'release');
  const releaseHttpCpu = serverCpu();
  const oneTable = await graphqlTimed(
    QUERIES,
    '{ statisticsRelease(id: "FY2025", table: "category-by-body") { tables { id cells { row col value suppressed { reason } } } } }',
    observer,
    'release-table',
  );
  console.log(
    `observer  statisticsRelease(FY2025), all ${year.tables.length} tables (${fmt(cells)} cells), each read audited: inner (REST app) p95 ${fmt(pct(releaseInner, 95), 2)} ms (p50 ${fmt(pct(releaseInner, 50), 2)}, ${releaseInnerCpu}), GraphQL over HTTP p95 ${fmt(pct(releaseHttp, 95), 2)} ms (p50 ${fmt(pct(releaseHttp, 50), 2)}, ${releaseHttpCpu}); one table p95 ${fmt(pct(oneTable, 95), 2)} ms (p50 ${fmt(pct(oneTable, 50), 2)}, ${serverCpu()}) (goal ≤ 10 ms)`,
  );
  console.log(`server    Postgres autovacuum workers running after the GraphQL timings: ${await vacuuming()}`);
  // The observer's release page (web face): server time with every chart and table, and its weight.
  const page = await benchReleasePage({
    database,
    verifyToken: verify,
    api: (req) => Promise.resolve(ctxApp.fetch(req)),
    token: observer,
    release: 'FY2025',
    queries: QUERIES,
  });
  console.log(
    `observer  release page /stats/releases/FY2025 (HTML, every table as chart and table, ${fmt(page.bytes)} bytes): server p95 ${fmt(page.p95, 2)} ms, p50 ${fmt(page.p50, 2)} ms, first view (charts drawn) ${fmt(page.first, 1)} ms (goal p95 ≤ 50 ms)`,
  );
  await bus.close();
} finally {
  client?.kill();
  http?.close();
  await database.close();
  await testDb.drop();
  await server.stop();
}

async function seedAndSettle() {
  await seedAgencies(database.db);
  await syncProjections(database.db, loadCatalogue(), RELEASE_LOCK);
  const scale = scaleForFacts(FACTS, FROM, TO);
  // Seed through the bulk path.
  const t0 = process.hrtime.bigint();
  let lastReport = 0;
  const seeded = await seedStatistics(database, { seed: 2026, from: FROM, to: TO, scale }, (done, total) => {
    if (done - lastReport >= total / 10) {
      lastReport = done;
      process.stdout.write(`  seeding ${fmt((done / total) * 100)}%\r`);
    }
  });
  const seedSeconds = ms(t0) / 1000;
  console.log(
    `seed      ${fmt(seeded.events)} facts (${fmt(seeded.consultations)} consultations) in ${fmt(seedSeconds, 1)} s: ${fmt(seeded.events / seedSeconds)} facts/s (bulk path: COPY + set-based rollups)`,
  );

  // Settle the freshly loaded database before anything is timed, as a database that grew over months
  // is: otherwise autovacuum starts on the ten million new rows (and the rewritten projections)
  // while the queries are timed, and takes a core of this two-core machine for minutes.
  const t = process.hrtime.bigint();
  await database.pool.query('vacuum (analyze)');
  console.log(`settle    VACUUM (ANALYZE) of the loaded database in ${fmt(ms(t) / 1000, 1)} s (not in the seed rate)`);
}
