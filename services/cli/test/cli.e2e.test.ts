import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueToken, seedAgencies, verifyToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { createStatsApp, loadCatalogue, type Release } from '@liaison/stats';
import { createTestDatabase, type TestDatabase, uniqueName } from '@liaison/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The command line as its package installs it (`bin`): the file itself, run by its shebang (`node --import tsx`). */
const bin = join(root, 'services/cli/src/main.ts');

/**
 * Runs the command line from the repository root; resolves with exit code and output. `via: 'pnpm'`
 * runs `pnpm -s liaison …` exactly as the README shows it; the other calls run the binary itself
 * (the same file pnpm's script runs, without pnpm's own start of about a second per call).
 */
function liaison(args: string[], env: Record<string, string> = {}, via: 'bin' | 'pnpm' = 'bin') {
  return new Promise<{ code: number | null; out: string; err: string }>((done) => {
    const [command, ...prefix] = via === 'pnpm' ? ['pnpm', '-s', 'liaison'] : [bin];
    const child = spawn(command!, [...prefix, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // 'close', not 'exit': 'exit' may come before the last of the child's output has been read from its
    // pipes — under load that was a `--json` result seen as empty stdout.
    child.on('close', (code) => done({ code, out, err }));
  });
}

/**
 * Runs the binary with stderr on a terminal (a pseudo-terminal from util-linux's `script`) and
 * stdout into a file: what a person sees, and what their script gets.
 */
function liaisonOnTerminal(args: string[], env: Record<string, string>, dir: string) {
  const outFile = join(dir, 'stdout.txt');
  const typescript = join(dir, 'terminal.txt');
  const command = `${bin} ${args.join(' ')} > ${outFile}`;
  return new Promise<{ code: number | null; out: string; terminal: string }>((done) => {
    const child = spawn('script', ['-qec', command, typescript], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '', ...env },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('close', (code) => done({ code, out: readFileSync(outFile, 'utf8'), terminal: readFileSync(typescript, 'utf8') }));
  });
}

/** The JSON a command printed; fails with what it said on stderr when it did not succeed. */
function json<T>(result: { code: number | null; out: string; err: string }): T {
  expect(result.code, `exit ${result.code}: ${result.err}`).toBe(0);
  expect(result.out, `no JSON on stdout (stderr: ${result.err})`).toMatch(/^[[{]/);
  return JSON.parse(result.out) as T;
}

describe('the liaison command line (the real binary)', () => {
  let testDb: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-cli-'));
  const key = Buffer.alloc(32, 4).toString('base64');

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'cli');
  });
  afterAll(async () => {
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has --help on every command, and answers a bad flag or a missing argument with exit code 2', async () => {
    const top = await liaison(['--help'], {}, 'pnpm');
    expect(top.code).toBe(0);
    for (const command of ['token', 'tokens', 'migrate', 'audit', 'release', 'seed', 'kafka']) expect(top.out).toContain(command);
    const commands = [
      ['tokens'],
      ['tokens', 'create'],
      ['tokens', 'list'],
      ['tokens', 'revoke'],
      ['audit'],
      ['audit', 'verify'],
      ['migrate'],
      ['token'],
      ['release'],
      ['seed'],
      ['kafka'],
      ['kafka', 'topics'],
    ];
    for (const sub of commands) {
      const help = await liaison([...sub, '--help']);
      expect(help.code, sub.join(' ')).toBe(0);
      expect(help.out, sub.join(' ')).toMatch(/Usage: liaison/);
    }
    const bad = await liaison(['tokens', 'list', '--body', 'center', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown option '--bogus'");
    expect((await liaison(['tokens', 'create', '--body', 'center', '--role', 'wizard', '--label', 'x'])).code).toBe(2);
    expect(
      (await liaison(['tokens', 'create', '--body', 'center', '--role', 'caseworker', '--label', 'x', '--ttl-days', '9999'])).code,
    ).toBe(2);
    expect((await liaison(['no-such-command'])).code).toBe(2);
    // The new commands: a bad value, a missing option, an unknown flag — usage errors, one clear line, nothing on stdout.
    for (const [args, says] of [
      [['release', '--period', '2025-13'], "option '--period <period>' argument '2025-13' is invalid"],
      [['release'], "required option '--period <period>' not specified"],
      [['seed', '--scale', '0'], "option '--scale <factor>' argument '0' is invalid"],
      [['seed', '--from', 'April'], "option '--from <month>' argument 'April' is invalid"],
      [['kafka', 'topics', '--bogus'], "unknown option '--bogus'"],
    ] as [string[], string][]) {
      const usage = await liaison(args);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.err, args.join(' ')).toContain(says);
      expect(usage.out, args.join(' ')).toBe('');
    }
  }, 300_000);

  it('migrates a database, manages tokens with --json for scripts, and verifies the audit log', async () => {
    const env = { DATABASE_URL: testDb.url, AUDIT_KEY: key };
    expect((await liaison(['migrate'], { DATABASE_URL: '' })).code).toBe(2);
    const migrated = await liaison(['migrate'], env);
    expect(migrated.code, migrated.err).toBe(0);
    expect(migrated.out).toContain('auth');
    // The registry is seeded at the platform's first start; a fresh database has no bodies yet.
    const unknown = await liaison(['tokens', 'create', '--body', 'center', '--role', 'caseworker', '--label', 'CLI test'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown body center');
    const database = createDatabase({ url: testDb.url });
    await seedAgencies(database.db);
    await database.close();
    const created = await liaison(['tokens', 'create', '--body', 'center', '--role', 'caseworker', '--label', 'CLI test', '--json'], env);
    expect(created.code, created.err).toBe(0);
    const issued = json<{ id: string; token: string }>(created);
    expect(issued.token).toMatch(/^lia_/);
    const listed = json<{ id: string; revokedAt: string | null }[]>(await liaison(['tokens', 'list', '--body', 'center', '--json'], env));
    expect(listed.map((t) => t.id)).toContain(issued.id);
    expect(JSON.stringify(listed)).not.toContain(issued.token);
    expect((await liaison(['tokens', 'revoke', issued.id], env)).code).toBe(0);
    const after = json<{ id: string; revokedAt: string | null }[]>(await liaison(['tokens', 'list', '--body', 'center', '--json'], env));
    expect(after.find((t) => t.id === issued.id)?.revokedAt).toBeTruthy();
    expect((await liaison(['tokens', 'revoke', 'not-an-id'], env)).code).toBe(2);
    // Issue and revoke were audited; the chain (sealed by no one yet) verifies.
    const verified = await liaison(['audit', 'verify', '--json'], env);
    expect(verified.code, verified.err).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, unsealed: 2 });
  }, 180_000);

  it('prints a demo token of the local platform for a shell variable, and says what exists when asked for another', async () => {
    writeFileSync(
      join(dataDir, 'demo-tokens.json'),
      JSON.stringify([{ agency: 'center', role: 'caseworker', label: 'x', token: 'lia_demo_center' }]),
    );
    const found = await liaison(['token', 'center', 'caseworker'], { LIAISON_DATA_DIR: dataDir }, 'pnpm');
    expect(found).toMatchObject({ code: 0, out: 'lia_demo_center\n' });
    const missing = await liaison(['token', 'sia', 'observer'], { LIAISON_DATA_DIR: dataDir });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('center caseworker');
  });

  it('seeds statistics at a small scale, publishes a month and a fiscal quarter with --json (the bar on a terminal, plain lines on a pipe), visible through the stats service, and refuses what it cannot publish', async () => {
    const statsDb = await createTestDatabase(inject('pgAdminUrl'), 'cli_stats');
    const env = { DATABASE_URL: statsDb.url };
    const database = createDatabase({ url: statsDb.url });
    try {
      expect((await liaison(['migrate'], env)).out).toContain('stats');
      const seeded = await liaison(['seed', '--scale', '0.01', '--from', '2025-09', '--to', '2025-10', '--seed', '3', '--json'], env);
      const seed = json<{ consultations: number; events: number; from: string; to: string }>(seeded);
      expect(seed).toMatchObject({ from: '2025-09', to: '2025-10' });
      expect(seed.consultations).toBeGreaterThan(100);
      // Progress went to stderr as plain lines (stderr is a pipe here), ending at 100 %.
      expect(seeded.err).toContain(`統計データ生成 seeding: 100% (${seed.consultations}/${seed.consultations} consultations)`);
      const again = await liaison(['seed', '--scale', '0.01', '--from', '2025-09', '--to', '2025-10'], env);
      expect(again.code).toBe(1);
      expect(again.err).toContain('holds facts or releases already');

      const published = await liaison(['release', '--period', '2025-10', '--json'], env);
      const release = json<{
        id: string;
        period: string;
        grain: string;
        tables: string[];
        cells: number;
        suppressedCells: number;
        builtFirst: unknown[];
      }>(published);
      expect(release).toMatchObject({ period: '2025-10', grain: 'month', builtFirst: [] });
      expect(release.tables.length).toBeGreaterThan(0);
      expect(published.err).toContain('統計の公表 releasing 2025-10: 100% (1/1 releases)');

      // Visible through the stats service's own API, as an observer reads it, with the same cells.
      await seedAgencies(database.db);
      const observer = await issueToken(database.db, { agency: 'mic', role: 'observer', label: 'CLI test', ttlDays: 1 });
      const stats = createStatsApp({
        database,
        verifyToken: (t) => verifyToken(database.db, t),
        releases: { db: database.db, catalogue: loadCatalogue(), bodies: async () => [] },
      });
      const res = await stats.request('/v1/stats/releases/2025-10', { headers: { authorization: `Bearer ${observer.token}` } });
      expect(res.status).toBe(200);
      const seen = (await res.json()) as Release;
      expect(seen.id).toBe(release.id);
      expect(seen.tables.map((t) => t.id)).toEqual(release.tables);
      expect(seen.tables.flatMap((t) => t.cells).length).toBe(release.cells);
      expect(seen.tables.flatMap((t) => t.cells).filter((c) => c.suppressed).length).toBe(release.suppressedCells);
      // Announced through the stats outbox (the stats service relays it to the bus).
      const { rows } = await database.pool.query(
        "select event->'data'->>'releaseId' as id from stats.outbox where event->>'type' = 'jp.liaison.stats.release_published.v1'",
      );
      expect(rows.map((r) => r.id)).toEqual([release.id]);

      const twice = await liaison(['release', '--period', '2025-10'], env);
      expect(twice.code).toBe(1);
      expect(twice.err).toContain(`2025-10 is published already (release ${release.id}`);
      const empty = await liaison(['release', '--period', '2025-08'], env);
      expect(empty.code).toBe(1);
      expect(empty.err).toContain('no facts counted for 2025-08: nothing published');
      const open = await liaison(['release', '--period', 'FY2099'], env);
      expect(open.code).toBe(1);
      expect(open.err).toContain('FY2099 has not closed yet');

      // A fiscal quarter (Oct–Dec 2025): its two missing months first, then the quarter — run on a
      // terminal this time: the progress bar is drawn there, and stdout still holds only the JSON.
      const onTerminal = await liaisonOnTerminal(['release', '--period', '2025Q3', '--json'], env, dataDir);
      expect(onTerminal.code, onTerminal.terminal).toBe(0);
      // Drawn in place (cursor escape codes), with the bar's blocks.
      expect(onTerminal.terminal).toContain('\u001b[');
      expect(onTerminal.terminal).toContain('█');
      expect(onTerminal.terminal).toContain('100% 3/3 releases');
      expect(onTerminal.terminal).not.toContain('releasing 2025Q3: 100%');
      const quarter = json<{ period: string; grain: string; builtFirst: { period: string }[] }>({
        ...onTerminal,
        err: onTerminal.terminal,
      });
      expect(quarter).toMatchObject({ period: '2025Q3', grain: 'quarter' });
      expect(quarter.builtFirst.map((b) => b.period)).toEqual(['2025-11', '2025-12']);
      const list = await stats.request('/v1/stats/releases', { headers: { authorization: `Bearer ${observer.token}` } });
      const periods = ((await list.json()) as { items: { period: string }[] }).items.map((r) => r.period).sort();
      expect(periods).toEqual(['2025-10', '2025-11', '2025-12', '2025Q3']);
    } finally {
      await database.close();
      await statsDb.drop();
    }
  }, 600_000);

  it('creates the catalog topics on the dev Kafka with the configured partitions, and --check finds a missing or misconfigured one', async () => {
    const brokers = inject('kafkaBrokers');
    const prefix = uniqueName('cli');
    const env = { KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC_PREFIX: prefix, TOPIC_PARTITIONS: '2', KAFKA_REPLICATION_FACTOR: '1' };
    type Topics = {
      bus: string;
      ok: boolean;
      topics: { name: string; state: string; partitions: number | null; replicationFactor: number | null; problems: string[] }[];
    };
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const before = await liaison(['kafka', 'topics', '--check', '--json'], env);
      expect(before.code).toBe(1);
      const missing = JSON.parse(before.out) as Topics;
      expect(missing.topics.length).toBeGreaterThan(2);
      expect(missing.topics.every((t) => t.state === 'missing' && t.name.startsWith(`${prefix}.`))).toBe(true);
      expect(missing.topics.map((t) => t.name)).toContain(`${prefix}.liaison.dlq`);
      expect((await admin.listTopics()).filter((t) => t.startsWith(prefix))).toEqual([]);

      const created = json<Topics>(await liaison(['kafka', 'topics', '--json'], env));
      expect(created).toMatchObject({ bus: 'kafka', ok: true });
      expect(created.topics.every((t) => t.state === 'created' && t.partitions === 2 && t.replicationFactor === 1)).toBe(true);
      const names = created.topics.map((t) => t.name);
      expect((await admin.listTopics()).filter((t) => t.startsWith(prefix)).sort()).toEqual([...names].sort());
      const checked = json<Topics>(await liaison(['kafka', 'topics', '--check', '--json'], env));
      expect(checked.topics.every((t) => t.state === 'ok')).toBe(true);

      // One topic gone: --check says which and exits 1, and creates nothing.
      const gone = `${prefix}.liaison.referrals`;
      await admin.deleteTopics({ topics: [gone] });
      const check = await liaison(['kafka', 'topics', '--check'], env);
      expect(check.code).toBe(1);
      expect(check.out).toMatch(new RegExp(`${gone.replaceAll('.', '\\.')} +missing`));
      expect(check.err).toContain(`1 of ${names.length} topics missing or wrong: ${gone} (missing)`);
      expect(await admin.listTopics()).not.toContain(gone);
      // Asked for more than the topics have: wrong, with the reason.
      // Created again without --check (now with min.insync.replicas 2, as configured); the others have 1: wrong, with the reason.
      const stricterRun = await liaison(['kafka', 'topics', '--json'], { ...env, KAFKA_MIN_INSYNC_REPLICAS: '2' });
      expect(stricterRun.code, stricterRun.err).toBe(1);
      const stricter = JSON.parse(stricterRun.out) as Topics;
      expect(stricter.ok).toBe(false);
      expect(stricter.topics.find((t) => t.name === gone)).toMatchObject({ state: 'created', problems: [] });
      expect(stricter.topics.find((t) => t.name === `${prefix}.liaison.dlq`)).toMatchObject({
        state: 'wrong',
        problems: ['min.insync.replicas 1, configured 2'],
      });
      expect(await admin.listTopics()).toContain(gone);
    } finally {
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine });
      await admin.disconnect();
    }
  }, 300_000);

  it('without KAFKA_BROKERS, checks and creates the topics of the Postgres log', async () => {
    const env = { DATABASE_URL: testDb.url, KAFKA_TOPIC_PREFIX: 'clipg', TOPIC_PARTITIONS: '3' };
    expect((await liaison(['migrate'], env)).code).toBe(0);
    const check = await liaison(['kafka', 'topics', '--check'], env);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/clipg\.liaison\.dlq +missing/);
    const created = json<{ bus: string; ok: boolean; topics: { state: string; partitions: number; replicationFactor: number | null }[] }>(
      await liaison(['kafka', 'topics', '--json'], env),
    );
    expect(created).toMatchObject({ bus: 'pglog', ok: true });
    expect(created.topics.every((t) => t.state === 'created' && t.partitions === 3 && t.replicationFactor === null)).toBe(true);
    const again = await liaison(['kafka', 'topics', '--check'], { ...env, TOPIC_PARTITIONS: '4' });
    expect(again.code).toBe(1);
    expect(again.out).toContain('3 partitions, configured 4');
  }, 180_000);
});
