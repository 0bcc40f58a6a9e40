// `pnpm seed` — synthetic statistics at realistic volumes, deterministic from a seed, through the
// bulk path (COPY). Into an empty statistics schema of DATABASE_URL (migrated first).
//   pnpm seed --facts 10000000            about ten million consultations (full-scale mixes)
//   pnpm seed --scale 0.1 --from 2025-04 --to 2027-03 --seed 7 --release
import { parseArgs } from 'node:util';
import { authMigrations, listAgencies, seedAgencies } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { auditMigrations } from '@liaison/audit';
import { pglogMigrations } from '@liaison/events';
import cliProgress from 'cli-progress';
import { loadCatalogue } from '../domain/catalogue.ts';
import { jstMonth } from '../domain/periods.ts';
import { runReleaseJob } from '../domain/releases.ts';
import { RELEASE_LOCK, statsMigrations, syncProjections } from '../index.ts';
import { scaleForFacts, seedStatistics } from './index.ts';

const { values } = parseArgs({
  options: {
    facts: { type: 'string' },
    scale: { type: 'string' },
    seed: { type: 'string', default: '2026' },
    from: { type: 'string', default: '2025-04' },
    to: { type: 'string', default: jstMonth(new Date()) },
    release: { type: 'boolean', default: false },
  },
});
const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('DATABASE_URL is required (the Postgres the platform uses)');
  process.exit(2);
}
const month = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
if (!month.test(values.from!) || !month.test(values.to!) || values.from! > values.to!) {
  console.error('--from and --to must be months YYYY-MM, from ≤ to');
  process.exit(2);
}
const scale = values.facts ? scaleForFacts(Number(values.facts), values.from!, values.to!) : Number(values.scale ?? '1');
if (!Number.isFinite(scale) || scale <= 0) {
  console.error('--facts must be a positive number, or --scale a positive factor');
  process.exit(2);
}
const database = createDatabase({ url, max: 8 });
try {
  await migrate(database, [authMigrations, auditMigrations, pglogMigrations, statsMigrations]);
  await seedAgencies(database.db);
  await syncProjections(database.db, loadCatalogue(), RELEASE_LOCK);
  const bar = new cliProgress.SingleBar(
    { format: '統計データ生成 seeding |{bar}| {percentage}% {value}/{total} consultations {rate}/s', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let begun = false;
  const result = await seedStatistics(
    database,
    { seed: Number(values.seed), from: values.from!, to: values.to!, scale, until: new Date() },
    (done, total) => {
      if (!begun) {
        bar.start(total, 0, { rate: 0 });
        begun = true;
      }
      bar.update(done, { rate: Math.round(done / ((Date.now() - started) / 1000)) });
    },
  );
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `seeded ${result.consultations} consultations (${result.events} events) in ${seconds.toFixed(1)} s: ${Math.round(result.events / seconds)} facts/s`,
  );
  if (values.release) {
    const bodies = async () =>
      (await listAgencies(database.db))
        .filter((a) => a.roles.includes('member'))
        .map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn }));
    const released = await runReleaseJob(
      { db: database.db, catalogue: loadCatalogue(), bodies, log: (m) => console.log(m) },
      { businessDays: 5 },
    );
    console.log(`released ${released.length} periods`);
  }
} finally {
  await database.close();
}
