// pnpm bench:report — a full fiscal-year meeting report (FY2025 with FY2024 for the comparison),
// every format (PDF, HTML, CSV per table, JSON), from published releases. Not part of `pnpm test`.
//
//   BENCH_DATABASE_URL  a database already seeded and released (e.g. `pnpm seed --facts 10000000
//                       --from 2024-04 --to 2026-03 --release`): used as it is, nothing written.
//   else                BENCH_FACTS consultations (default 1,000,000) are seeded over 2024-04 … 2026-03
//                       into a fresh database through the bulk path, and FY2024 and FY2025 released.
//   BENCH_RUNS          timed runs (default 5), after one warm-up.
//
// Two figures per run: the report excluding the browser's start (build from releases + HTML + CSV
// + JSON + PDF in an open Chromium; goal ≤ 5 s) and including it (launch, the same, close; ≤ 10 s).
import { auditMigrations } from '@liaison/audit';
import { authMigrations, listAgencies, seedAgencies } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { pglogMigrations } from '@liaison/events';
import { buildReport, renderFiles, renderHtml } from '@liaison/report';
import { launchChromium, renderPdf } from '@liaison/report/pdf';
import { statsReleaseSource } from '@liaison/report/stats';
import { getRelease, loadCatalogue, RELEASE_LOCK, requestRelease, statsMigrations, syncProjections } from '@liaison/stats';
import { scaleForFacts, seedStatistics } from '@liaison/stats/seed';
import { createTestDatabase, resolvePostgresServer, type TestDatabase } from '@liaison/testing';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FACTS = Number(process.env.BENCH_FACTS ?? 1_000_000);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let testDb: TestDatabase | undefined;
let database: Database;
if (process.env.BENCH_DATABASE_URL) {
  database = createDatabase({ url: process.env.BENCH_DATABASE_URL, max: 4 });
} else {
  const server = await resolvePostgresServer();
  testDb = await createTestDatabase(server.adminUrl, 'benchreport');
  database = createDatabase({ url: testDb.url, max: 8 });
}
try {
  if (testDb) {
    await migrate(database, [authMigrations, auditMigrations, pglogMigrations, statsMigrations]);
    await seedAgencies(database.db);
    await syncProjections(database.db, loadCatalogue(), RELEASE_LOCK);
    const scale = scaleForFacts(FACTS, '2024-04', '2026-03');
    const t = process.hrtime.bigint();
    await seedStatistics(database, { seed: 2026, from: '2024-04', to: '2026-03', scale });
    console.log(`seeded ${fmt(FACTS)} consultations (2024-04 … 2026-03) in ${fmt(ms(t) / 1000, 1)} s`);
    const deps = {
      db: database.db,
      catalogue: loadCatalogue(),
      bodies: async () =>
        (await listAgencies(database.db))
          .filter((a) => a.roles.includes('member'))
          .map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn })),
    };
    const r = process.hrtime.bigint();
    for (const period of ['FY2024', 'FY2025']) await requestRelease(deps, { period, requestedBy: 'bench' });
    console.log(`released FY2024 and FY2025 with their months and quarters in ${fmt(ms(r) / 1000, 1)} s`);
  }
  const { rows } = await database.pool.query<{ facts: string }>(
    'select (select count(*) from stats.consultations) + (select count(*) from stats.action_outcomes) + (select count(*) from stats.referrals) + (select count(*) from stats.deadlines) + (select count(*) from stats.clock_misses) as facts',
  );
  const fy = await getRelease(database.db, 'FY2025');
  if (!fy) throw new Error('FY2025 is not released in this database');
  const cells = fy.tables.reduce((n, t) => n + t.cells.length, 0);
  console.log(
    `bench:report — FY2025 over ${fmt(Number(rows[0]!.facts))} facts in the database; the release: ${fy.tables.length} tables, ${fmt(cells)} cells`,
  );

  /** One full report, every format; the browser given (open) or started and closed inside. */
  const oneReport = async (browser?: Awaited<ReturnType<typeof launchChromium>>) => {
    const steps: Record<string, number> = {};
    let t = process.hrtime.bigint();
    // A fresh source each time: nothing cached between runs.
    const model = await buildReport(statsReleaseSource(database.db), 'FY2025');
    steps.build = ms(t);
    t = process.hrtime.bigint();
    const html = renderHtml(model);
    steps.html = ms(t);
    t = process.hrtime.bigint();
    const files = [...renderFiles(model, 'csv'), ...renderFiles(model, 'json')];
    steps.csvJson = ms(t);
    t = process.hrtime.bigint();
    const pdf = await renderPdf(html, browser ? { browser } : {});
    steps.pdf = ms(t);
    return { steps, bytes: { html: html.length, pdf: pdf.length, files: files.length }, sentences: model.sentences.length };
  };

  const browser = await launchChromium();
  const warm = await oneReport(browser);
  console.log(
    `warm-up: ${warm.sentences} sentences, HTML ${fmt(warm.bytes.html / 1024)} KB, PDF ${fmt(warm.bytes.pdf / 1024)} KB, ${warm.bytes.files} CSV/JSON files`,
  );
  const excluding: number[] = [];
  const parts: Record<string, number[]> = {};
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const { steps } = await oneReport(browser);
    excluding.push(ms(t));
    for (const [k, v] of Object.entries(steps)) parts[k] = [...(parts[k] ?? []), v];
  }
  await browser.close();
  const including: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await oneReport();
    including.push(ms(t));
  }
  const line = (name: string, xs: number[], goal?: number) =>
    console.log(
      `  ${name.padEnd(44)} median ${fmt(median(xs))} ms, max ${fmt(Math.max(...xs))} ms${goal ? `  (goal ≤ ${fmt(goal)} ms: ${Math.max(...xs) <= goal ? 'met' : 'MISSED'})` : ''}`,
    );
  console.log(`FY2025 report, all formats, ${RUNS} runs:`);
  line('excluding the browser start', excluding, 5000);
  line('including the browser start (launch … close)', including, 10_000);
  for (const [k, v] of Object.entries(parts)) line(`  of which ${k}`, v);
  console.log(`  browser start and close ≈ ${fmt(median(including) - median(excluding))} ms (difference of medians)`);
} finally {
  await database.close();
  await testDb?.drop();
}
