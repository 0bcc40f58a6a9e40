import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs `pnpm -s <args>` from the repository root as a person would; resolves with exit code and output. */
function pnpm(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((done) => {
    const child = spawn('pnpm', ['-s', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => done({ code, out, err }));
  });
}

describe('liaison report (the real binary)', () => {
  let testDb: TestDatabase;
  const out = mkdtempSync(join(tmpdir(), 'liaison-report-cli-'));

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'clireport');
    // Facts of one quarter through the stats service's seed, then every closed period released by its release job.
    const seeded = await pnpm(['seed', '--scale', '0.02', '--from', '2025-04', '--to', '2025-06', '--release'], {
      DATABASE_URL: testDb.url,
    });
    expect(seeded.code, seeded.err).toBe(0);
  }, 600_000);
  afterAll(async () => {
    await testDb?.drop();
    rmSync(out, { recursive: true, force: true });
  });

  it('has --help, and answers a bad flag, a bad format or a bad period with exit code 2', async () => {
    const help = await pnpm(['liaison', 'report', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: liaison report/);
    expect(help.out).toContain('--period');
    expect((await pnpm(['liaison', '--help'])).out).toContain('report');
    const env = { DATABASE_URL: testDb.url };
    expect((await pnpm(['liaison', 'report', '--period', 'FY2025', '--out', out, '--bogus'], env)).code).toBe(2);
    expect((await pnpm(['liaison', 'report', '--period', 'FY2025', '--out', out, '--format', 'docx'], env)).code).toBe(2);
    const badPeriod = await pnpm(['liaison', 'report', '--period', '2025-13', '--out', out], env);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.err).toContain('FY2025');
    expect((await pnpm(['liaison', 'report', '--out', out], env)).code).toBe(2);
  }, 300_000);

  it('refuses a period whose months are not all released (exit 1, naming them), writing nothing', async () => {
    const refused = await pnpm(['liaison', 'report', '--period', '2026Q3', '--format', 'json', '--out', join(out, 'refused')], {
      DATABASE_URL: testDb.url,
    });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('2026-11, 2026-12');
    expect(existsSync(join(out, 'refused'))).toBe(false);
  }, 120_000);

  it('writes the report of a released quarter to a folder: PDF, HTML, CSV per table, JSON', async () => {
    const dir = join(out, 'q1');
    const run = await pnpm(['liaison', 'report', '--period', '2025Q1', '--format', 'all', '--out', dir, '--json'], {
      DATABASE_URL: testDb.url,
    });
    expect(run.code, run.err).toBe(0);
    const printed = JSON.parse(run.out) as { period: string; files: string[] };
    const files = readdirSync(dir).sort();
    expect(printed.files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(files);
    expect(files).toEqual(
      expect.arrayContaining([
        'report-2025Q1.pdf',
        'report-2025Q1.html',
        'report-2025Q1.json',
        'report-2025Q1-category-by-body.csv',
        'report-2025Q1-sentences.csv',
      ]),
    );
    expect(readFileSync(join(dir, 'report-2025Q1.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const model = JSON.parse(readFileSync(join(dir, 'report-2025Q1.json'), 'utf8'));
    expect(model).toMatchObject({ format: 'liaison.meeting-report/1', period: { id: '2025Q1' }, status: 'draft' });
    expect(readFileSync(join(dir, 'report-2025Q1.html'), 'utf8')).toContain('2025年度 第1四半期');
    // Again, JSON only: the same bytes.
    const again = join(out, 'again');
    expect(
      (await pnpm(['liaison', 'report', '--period', '2025Q1', '--format', 'json', '--out', again], { DATABASE_URL: testDb.url })).code,
    ).toBe(0);
    expect(readFileSync(join(again, 'report-2025Q1.json')).equals(readFileSync(join(dir, 'report-2025Q1.json')))).toBe(true);
  }, 300_000);
});
