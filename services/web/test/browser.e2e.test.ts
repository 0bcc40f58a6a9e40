import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { waitFor } from '@liaison/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv, SECRET_MARKER } from '../src/csv.ts';
import { launchBrowser, pageWeight, recordRequests, type RunningPlatform, screenshot, startPlatformProcess } from './harness.ts';

/**
 * The web face in a real browser: Debian's Chromium driven by playwright-core against the platform
 * started as its own process. One browser for the file; every request the pages make is recorded
 * and must stay on the platform's origin.
 */

interface GqlCell {
  row: string;
  col: string;
  value: number | null;
  suppressed: { reason: string } | null;
}
interface GqlTable {
  id: string;
  k: number;
  measure: 'count' | 'median_days';
  cells: GqlCell[];
}

const PAGE_BUDGET = 300 * 1024;

describe('the web face in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let stopBrowser: () => Promise<void>;
  const requests: string[] = [];
  const contexts: BrowserContext[] = [];
  /** Every page visited: its weight in bytes (document + CSS + JS, SVG inline; before compression). */
  const weights = new Map<string, number>();

  const graphql = async <T>(token: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${platform.origin}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };

  const newPage = async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    // Waits end on their signal (load, network idle, an element); this only bounds them, as high
    // as a test's own limit: two busy cores beside the suite make a page take far longer than usual.
    context.setDefaultTimeout(120_000);
    contexts.push(context);
    const urls = recordRequests(context);
    // Keep them all: checked together at the end.
    context.on('close', () => requests.push(...urls));
    return context.newPage();
  };

  const signIn = async (page: Page, token: string) => {
    await page.goto(`${platform.origin}/signin`);
    await page.fill('#token', token);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('main button[type="submit"]')]);
  };

  /** axe-core (WCAG 2.1 A and AA): no serious or critical violation. */
  const accessible = async (page: Page, name: string) => {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')})`,
      ),
      name,
    ).toEqual([]);
  };

  /** Visits a page (weighed), checks it is accessible in this language, and saves its screenshot. */
  const visit = async (page: Page, path: string, name: string, waitUntil: 'networkidle' | 'load' = 'networkidle') => {
    const { bytes } = await pageWeight(page, `${platform.origin}${path}`, waitUntil);
    weights.set(name, bytes);
    await accessible(page, name);
    await screenshot(page, name);
  };

  const switchLanguage = async (page: Page, to: 'ja' | 'en') => {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('header.site form[action="/lang"] button')]);
    expect(await page.getAttribute('html', 'lang')).toBe(to);
  };

  beforeAll(async () => {
    platform = await startPlatformProcess(inject('pgAdminUrl'));
    ({ browser, stop: stopBrowser } = await launchBrowser());
    // The demo statistics are seeded in the background after start, then every closed period is
    // released, oldest first (the fiscal year after its months and quarters). Wait for the seed to
    // say it has finished: the tests read the latest release and the fiscal year's, and a page
    // served while the seed still builds releases in the same process waited past 30 s under load.
    await waitFor(
      'the demo statistics seed to finish',
      async () => platform.output.text.includes('statistics demo seed finished'),
      240_000,
      500,
    );
    const { statisticsReleases } = await graphql<{ statisticsReleases: { grain: string }[] }>(
      platform.tokenOf('mic', 'observer'),
      '{ statisticsReleases { grain } }',
    );
    expect(statisticsReleases.map((r) => r.grain)).toContain('fiscal_year');
  }, 360_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await stopBrowser?.();
    await platform?.stop();
  });

  it('observer: signs in, opens the latest release: charts with data points and 秘匿 cells with their reason', async () => {
    const page = await newPage();
    await signIn(page, platform.tokenOf('mic', 'observer'));
    expect(new URL(page.url()).pathname).toBe('/stats');
    await visit(page, '/stats', 'observer-releases-ja');
    await Promise.all([page.waitForURL(/\/stats\/releases\//), page.click('table[data-releases] tbody tr:first-child a')]);
    const path = new URL(page.url()).pathname;
    await visit(page, path, 'observer-release-ja');

    // Every table with anything in it is drawn; the charts hold the data points.
    const tables = await page.locator('table[data-table]').count();
    const charts = await page.locator('figure.chart svg').count();
    expect(tables).toBeGreaterThan(0);
    expect(charts + (await page.locator('figure.chart .empty').count())).toBe(tables);
    expect(await page.locator('figure.chart svg [data-cell]').count()).toBeGreaterThan(10);
    const secretTitles = await page.locator('figure.chart svg [data-secret] title').allTextContents();
    expect(secretTitles.length).toBeGreaterThan(0);
    for (const title of secretTitles) expect(title).toContain('秘匿');
    const secretCell = page.locator('td[data-secret] abbr.secret').first();
    expect(await secretCell.textContent()).toBe('秘匿');
    expect(await secretCell.getAttribute('title')).toContain('推定を防ぐ');
    expect(await page.locator('.legend').first().textContent()).toContain('1〜k−1');
    // No chart draws a value for a cell the table shows as 秘匿.
    const hiddenInTables = await page
      .locator('table[data-table] td[data-secret]')
      .evaluateAll((tds) => tds.map((td) => `${td.closest('table')!.getAttribute('data-table')}:${td.getAttribute('data-secret')}`));
    const drawnInCharts = new Set(
      await page
        .locator('figure.chart')
        .evaluateAll((figs) =>
          figs.flatMap((f) =>
            [...f.querySelectorAll('svg [data-cell]')].map((el) => `${f.getAttribute('data-chart')}:${el.getAttribute('data-cell')}`),
          ),
        ),
    );
    expect(hiddenInTables.length).toBeGreaterThan(0);
    for (const key of hiddenInTables) expect(drawnInCharts.has(key), key).toBe(false);

    // On a tablet (portrait): the same page, readable; wide tables scroll inside their frame.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${platform.origin}${path}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await screenshot(page, 'observer-release-tablet-ja');
    await page.setViewportSize({ width: 1280, height: 900 });
    await visit(page, `${path}/manifest`, 'observer-manifest-ja');
    // The heaviest page: a fiscal year's release (every table, every month).
    const year = await page
      .goto(`${platform.origin}/stats`)
      .then(() => page.getAttribute('table[data-releases] tr[data-grain="fiscal-year"] a', 'href'));
    expect(year).toBeTruthy();
    await visit(page, year!, 'observer-year-release-ja');
    expect(await page.locator('table[data-table]').count()).toBeGreaterThan(10);
  });

  it('observer: switches to English and back; the pages stay accessible in both', async () => {
    const page = await newPage();
    await signIn(page, platform.tokenOf('mic', 'observer'));
    await page.goto(`${platform.origin}/stats/latest`);
    const path = new URL(page.url()).pathname;
    await switchLanguage(page, 'en');
    expect(await page.locator('header.site nav').textContent()).toContain('Statistics releases');
    await visit(page, path, 'observer-release-en');
    await visit(page, '/stats', 'observer-releases-en');
    await visit(page, `${path}/manifest`, 'observer-manifest-en');
    await switchLanguage(page, 'ja');
    expect(await page.locator('header.site nav').textContent()).toContain('統計の公表');
  });

  it('observer: a downloaded CSV has the GraphQL answer’s numbers; every table’s HTML, CSV and JSON shows no count from 1 to k−1', async () => {
    const page = await newPage();
    await signIn(page, platform.tokenOf('mic', 'observer'));
    await page.goto(`${platform.origin}/stats/latest`);
    const releaseId = (await page.getAttribute('[data-release]', 'data-release'))!;
    const { statisticsRelease } = await graphql<{ statisticsRelease: { tables: GqlTable[] } }>(
      platform.tokenOf('mic', 'observer'),
      'query ($id: ID!) { statisticsRelease(id: $id) { tables { id k measure cells { row col value suppressed { reason } } } } }',
      { id: releaseId },
    );

    // Download the first table's CSV as a person would (a click), and compare every number with GraphQL.
    const first = statisticsRelease.tables[0]!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`a[href$="/tables/${first.id}.csv"]`)]);
    const csvText = readFileSync((await download.path())!, 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const checkCsv = (table: GqlTable, text: string) => {
      const rows = parseCsv(text);
      const header = rows.findIndex((r) => r[0] === '項目 (code)');
      const colCodes = rows[header]!.slice(1).map((h) => /\(([^()]+)\)$/.exec(h)?.[1] ?? h);
      let compared = 0;
      for (const r of rows.slice(header + 1)) {
        const rowCode = /\(([^()]+)\)$/.exec(r[0]!)?.[1] ?? r[0]!;
        for (const [j, col] of colCodes.entries()) {
          const cell = table.cells.find((c) => c.row === rowCode && c.col === col);
          const field = r[j + 1]!;
          if (!cell) {
            expect(field, `${table.id} ${rowCode}/${col}`).toBe('');
            continue;
          }
          compared++;
          if (cell.suppressed) expect(field, `${table.id} ${rowCode}/${col}`).toBe(SECRET_MARKER);
          else expect(Number(field), `${table.id} ${rowCode}/${col}`).toBe(cell.value);
        }
      }
      expect(compared, table.id).toBe(table.cells.length);
      return rows;
    };
    const rows = checkCsv(first, csvText);
    expect(rows.some((r) => r[0] === '計 (_total)')).toBe(true);
    expect(rows.find((r) => r[0] === '凡例 (legend)')?.[1]).toMatch(/^X = 秘匿/);

    const html = await page.content();
    let secrets = 0;
    for (const table of statisticsRelease.tables) {
      if (table.measure !== 'count') continue;
      const small = (n: number) => n >= 1 && n < table.k;
      // Published numbers never small (the API's promise, checked at the page's edge too).
      for (const c of table.cells) if (!c.suppressed) expect(small(c.value!), `${table.id} ${c.row}/${c.col}`).toBe(false);
      secrets += table.cells.filter((c) => c.suppressed).length;
      // The page: every figure in the table's cells and the chart's titles.
      const figures = await page
        .locator(`section[aria-labelledby="t-${table.id}-h"]`)
        .evaluate((section) => [
          ...[...section.querySelectorAll('table[data-table] td')].map((td) => td.textContent ?? ''),
          ...[...section.querySelectorAll('svg title')].map((t) => t.textContent?.split(': ').pop() ?? ''),
        ]);
      for (const f of figures) {
        const n = Number(f.replace(/[,件 ]/g, ''));
        if (f.trim() !== '' && Number.isFinite(n)) expect(small(n), `${table.id}: ${f}`).toBe(false);
      }
      // The downloads of every table.
      const csv = await page.request.get(`${platform.origin}/stats/releases/${releaseId}/tables/${table.id}.csv`);
      expect(csv.status()).toBe(200);
      const csvRows = checkCsv(table, await csv.text());
      for (const r of csvRows.slice(csvRows.findIndex((x) => x[0] === '項目 (code)') + 1)) {
        for (const f of r.slice(1)) if (f !== '' && f !== SECRET_MARKER) expect(small(Number(f)), `${table.id} csv ${f}`).toBe(false);
      }
      const json = (await (await page.request.get(`${platform.origin}/stats/releases/${releaseId}/tables/${table.id}.json`)).json()) as {
        table: { cells: { value: number | null; suppressed: boolean }[] };
      };
      expect(json.table.cells.length).toBe(table.cells.length);
      for (const c of json.table.cells) {
        if (c.suppressed) expect(c.value).toBeNull();
        else expect(small(c.value!), `${table.id} json ${c.value}`).toBe(false);
      }
    }
    expect(secrets).toBeGreaterThan(0);
    expect(html).toContain('秘匿');
  });

  it('meetings: observers see the agenda and no draft minutes, members their action items, the secretariat the draft; accessible in both languages', async () => {
    const secretariat = platform.tokenOf('center', 'secretariat');
    const rest = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${platform.origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${secretariat}`, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return (await res.json()) as { id: string };
    };
    const meeting = await rest('POST', '/v1/meetings', {
      heldOn: '2026-12-10',
      startTime: '14:00',
      place: '総務省 第1会議室',
      onlineLink: 'https://meet.example.jp/liaison',
      reviewFrom: '2026-04',
      reviewTo: '2026-09',
    });
    await rest('POST', `/v1/meetings/${meeting.id}/agenda-items`, { title: '上半期の相談状況について', presenter: 'center' });
    const item = await rest('POST', `/v1/meetings/${meeting.id}/action-items`, {
      title: '集計方法を整理する',
      owner: 'center',
      dueOn: '2027-03-31',
    });
    await rest('PUT', `/v1/meetings/${meeting.id}/minutes`, { text: '議事録案：まだ承認されていない本文' });

    const observer = await newPage();
    // Right after the first release the demo seed is still running in the platform's process: a
    // page may wait on it longer than the default 30 s on a loaded machine.
    observer.setDefaultTimeout(120_000);
    await signIn(observer, platform.tokenOf('mic', 'observer'));
    await visit(observer, '/meetings', 'observer-meetings-ja');
    await visit(observer, `/meetings/${meeting.id}`, 'observer-meeting-ja');
    expect(await observer.locator('ol[data-agenda] li').first().textContent()).toContain('上半期の相談状況について');
    expect(await observer.content()).not.toContain('まだ承認されていない本文');
    expect(await observer.locator('[data-action-item]').count()).toBe(0);
    // English through the language cookie (the switch itself is tested on the release pages).
    await observer.context().addCookies([{ name: 'lia_lang', value: 'en', url: platform.origin }]);
    await visit(observer, `/meetings/${meeting.id}`, 'observer-meeting-en');
    expect(await observer.getAttribute('html', 'lang')).toBe('en');
    expect(await observer.locator('h2#agenda').textContent()).toBe('Agenda');

    const member = await newPage();
    await signIn(member, platform.tokenOf('center'));
    await visit(member, `/meetings/${meeting.id}`, 'member-meeting-ja');
    expect(await member.locator(`[data-action-item="${item.id}"]`).count()).toBe(1);
    expect(await member.content()).not.toContain('まだ承認されていない本文');

    const clerk = await newPage();
    await signIn(clerk, secretariat);
    await visit(clerk, `/meetings/${meeting.id}`, 'secretariat-meeting-ja');
    expect(await clerk.locator('[data-minutes="draft"]').textContent()).toContain('まだ承認されていない本文');
    // Three people, six pages with axe and screenshots: more than one page's budget on a loaded machine.
  }, 400_000);

  it('observer: a member page is refused', async () => {
    const page = await newPage();
    await signIn(page, platform.tokenOf('mic', 'observer'));
    for (const path of ['/me', '/me/fragment', '/secretariat']) {
      const res = await page.goto(`${platform.origin}${path}`);
      expect(res?.status(), path).toBe(403);
    }
    expect(await page.locator('h1').textContent()).toContain('この画面は表示できません');
  });

  it('member: sees its own exact figures; a referral created through the API appears within 2 s without reload', async () => {
    const page = await newPage();
    await signIn(page, platform.tokenOf('center'));
    expect(new URL(page.url()).pathname).toBe('/me');
    const { myBodyStatistics } = await graphql<{ myBodyStatistics: { period: string; tables: GqlTable[] } }>(
      platform.tokenOf('center'),
      'query ($p: String!) { myBodyStatistics(period: $p) { period tables { id k measure cells { row col value suppressed { reason } } } } }',
      { p: (await page.locator('[data-card="consultations"]').getAttribute('data-period')) ?? '' },
    );
    const monthly = myBodyStatistics.tables.find((t) => t.id === 'consultations-by-body-month')!;
    const total = monthly.cells.find((c) => c.row === '_total' && c.col === '_total')!.value!;
    expect(await page.locator('[data-card="consultations"] .big').textContent()).toBe(total.toLocaleString('ja-JP'));
    // Exact: small counts are shown as they are (nothing suppressed for the body itself).
    expect(monthly.cells.every((c) => c.suppressed === null)).toBe(true);
    await page.waitForSelector('[data-live][data-state="on"]');
    await accessible(page, 'member-ja');
    await screenshot(page, 'member-ja');

    // Mark this document: a reload would lose the mark.
    await page.evaluate(() => {
      (window as unknown as { __stay: number }).__stay = 1;
    });
    const res = await fetch(`${platform.origin}/v1/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.tokenOf('sia')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: 'center', category: 'B01' }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const started = Date.now();
    await page.waitForSelector(`#live-region [data-referral="${id}"]`, { timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(1);

    weights.set('member-ja', (await pageWeight(page, `${platform.origin}/me`, 'load')).bytes);
    await switchLanguage(page, 'en');
    await page.waitForSelector('[data-live][data-state="on"]');
    await accessible(page, 'member-en');
    await screenshot(page, 'member-en');
    await switchLanguage(page, 'ja');
  });

  it('secretariat, home, sign-in and developer pages: accessible in both languages', async () => {
    const page = await newPage();
    await visit(page, '/', 'home-ja');
    await visit(page, '/signin', 'signin-ja');
    await visit(page, '/developers', 'developers-ja');
    await visit(page, '/developers/api/referrals', 'reference-ja');
    await signIn(page, platform.tokenOf('center', 'secretariat'));
    await visit(page, '/secretariat', 'secretariat-ja');
    expect(await page.locator('tr[data-released="yes"]').count()).toBeGreaterThan(0);
    await switchLanguage(page, 'en');
    for (const [path, name] of [
      ['/', 'home-en'],
      ['/secretariat', 'secretariat-en'],
      ['/developers', 'developers-en'],
      ['/developers/api/referrals', 'reference-en'],
    ] as const) {
      await visit(page, path, name);
    }
    await switchLanguage(page, 'ja');
  });

  it('keeps every page under 300 KB (HTML with its SVG, CSS, JS; before compression) and every request on the platform’s own origin', async () => {
    expect(weights.size).toBeGreaterThan(10);
    console.log(`page weights (bytes): ${JSON.stringify(Object.fromEntries(weights))}`);
    for (const [name, bytes] of weights) expect(bytes, `${name}: ${bytes} bytes`).toBeLessThan(PAGE_BUDGET);
    for (const c of contexts.splice(0)) await c.close();
    expect(requests.length).toBeGreaterThan(20);
    const foreign = requests.filter((u) => new URL(u).origin !== platform.origin);
    expect(foreign).toEqual([]);
  });
});
