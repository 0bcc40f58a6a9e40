import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, freePort, type TestDatabase, waitFor } from '@liaison/testing';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const platformDir = resolve(here, '../../platform');
/** Where the browser tests leave their screenshots (PNG), one per page and language. */
export const artifactsDir = resolve(here, '../test-results');

export interface RunningPlatform {
  origin: string;
  tokens: { agency: string; role: string; token: string }[];
  tokenOf(agency: string, role?: string): string;
  output: { text: string };
  stop(): Promise<void>;
}

/**
 * Starts the platform as a person would (`src/main.ts`, its own process) on a fresh database and a
 * free port, with demo data; stops it (and drops the database) even when the start fails half-way.
 */
export async function startPlatformProcess(pgAdminUrl: string, env: Record<string, string> = {}): Promise<RunningPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-web-e2e-'));
  let testDb: TestDatabase | undefined;
  let child: ChildProcess | undefined;
  const output = { text: '' };
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child!.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await testDb?.drop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    testDb = await createTestDatabase(pgAdminUrl, 'web_e2e');
    const port = await freePort();
    const key = () => randomBytes(32).toString('base64');
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: platformDir,
      env: {
        ...process.env,
        KAFKA_BROKERS: '',
        PORT: String(port),
        DATABASE_URL: testDb.url,
        LIAISON_DATA_DIR: dataDir,
        LIAISON_SEED_DEMO: 'true',
        AUDIT_KEY: key(),
        FIELD_KEY: key(),
        COUNCIL_KEY: key(),
        WEBHOOK_KEY: key(),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output.text += d));
    child.stderr!.on('data', (d) => (output.text += d));
    await waitFor(
      'the platform to start',
      () => {
        if (child!.exitCode !== null) throw new Error(`the platform exited with ${child!.exitCode}:\n${output.text}`);
        return output.text.includes('is running');
      },
      150_000,
    );
    const tokens = JSON.parse(readFileSync(join(dataDir, 'demo-tokens.json'), 'utf8')) as RunningPlatform['tokens'];
    return {
      origin: `http://127.0.0.1:${port}`,
      tokens,
      tokenOf(agency, role = 'caseworker') {
        const t = tokens.find((x) => x.agency === agency && x.role === role);
        if (!t) throw new Error(`no demo token for ${agency}/${role}`);
        return t.token;
      },
      output,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The flags the project runs Debian's Chromium with (headless, no sandbox as root, nothing phoning home). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * One headless Chromium for a test file. playwright-core gives each launch a fresh temporary
 * profile (--user-data-dir) of its own and deletes it on close; it refuses one passed as an argument.
 */
export async function launchBrowser(): Promise<{ browser: Browser; stop(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, headless: true });
  return {
    browser,
    async stop() {
      await browser.close().catch(() => {});
    },
  };
}

/** Every request the pages of a context make, for the same-origin check. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (req) => urls.push(req.url()));
  return urls;
}

/** Saves a full-page screenshot as a test artifact; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The bytes one page view loads: the document and everything it pulls in (CSS, JS; the SVG is
 * inline in the document), decoded — what the page weighs before the platform's compression.
 */
export async function pageWeight(
  page: Page,
  url: string,
  waitUntil: 'networkidle' | 'load' = 'networkidle',
): Promise<{ bytes: number; resources: string[] }> {
  const reads: Promise<{ url: string; decoded: number }>[] = [];
  const onResponse = (res: import('playwright-core').Response) => {
    // A live stream (SSE) has no end to measure; redirects have no body.
    if (res.headers()['content-type']?.includes('text/event-stream') || (res.status() >= 300 && res.status() < 400)) return;
    reads.push(
      (async () => {
        const decoded = (await res.body().catch(() => Buffer.alloc(0))).length;
        return { url: res.url(), decoded };
      })(),
    );
  };
  page.on('response', onResponse);
  await page.goto(url, { waitUntil });
  page.off('response', onResponse);
  const sizes = await Promise.all(reads);
  return { bytes: sizes.reduce((a, x) => a + x.decoded, 0), resources: sizes.map((x) => x.url) };
}

export { freePort };
