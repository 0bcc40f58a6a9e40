import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, revokeToken } from '@liaison/auth';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { browser, client } from './helpers.ts';

describe('web pages: sign-in, sessions, CSRF, headers, language', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-web-'));

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'web');
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: () => {},
      topicPartitions: 2,
      developerTools: true,
      webhooks: { dispatcher: false },
    });
    api = client(platform);
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the home page in Japanese with a strict policy: no inline script, nothing from another origin', async () => {
    const res = await browser(platform).get('/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="ja">/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\/(?!127\.0\.0\.1)/);
    for (const doc of [
      '/v1/openapi.json',
      '/v1/intake/openapi.json',
      '/v1/webhooks/openapi.json',
      '/v1/tokens/openapi.json',
      '/v1/keys/openapi.json',
      '/v1/stats/openapi.json',
    ])
      expect(html).toContain(`href="${doc}"`);
  });

  it('signs in with a token into an HttpOnly, SameSite=Strict session cookie (Secure off loopback), and out again', async () => {
    const b = browser(platform);
    const res = await b.signIn(api.tokenOf('mic', 'observer'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/stats');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lia_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).toMatch(/Max-Age=28800/);
    // The cookie holds a random id; the token is nowhere in it, nor stored in the clear.
    expect(cookie).not.toContain(api.tokenOf('mic', 'observer'));
    const { rows } = await platform.database.pool.query('select token_sealed from web.sessions');
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows)).not.toContain(api.tokenOf('mic', 'observer').slice(4));
    const home = await (await b.get('/')).text();
    expect(home).toContain('mic');
    const out = await b.post('/signout', { _csrf: b.csrfOf(home) });
    expect(out.status).toBe(303);
    expect((await platform.database.pool.query('select count(*)::int as n from web.sessions')).rows[0].n).toBe(0);
    expect((await b.get('/stats')).status).toBe(303);

    const remote = browser(platform, 'https://liaison.example.jp');
    const secure = await remote.signIn(api.tokenOf('mic', 'observer'));
    expect(secure.headers.getSetCookie().find((c) => c.startsWith('lia_session='))).toMatch(/Secure/);
  });

  it('refuses a wrong token with 401 and opens no session', async () => {
    const b = browser(platform);
    const res = await b.signIn('lia_not-a-real-token-xxxxxxxxxxxxxxxx');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('トークンが正しくないか');
    expect(b.jar.has('lia_session')).toBe(false);
  });

  it('refuses every form without the right CSRF token or from another origin', async () => {
    const b = browser(platform);
    await b.signIn(api.tokenOf('center', 'secretariat'));
    const page = await (await b.get('/')).text();
    const csrf = b.csrfOf(page);
    expect((await b.post('/signout', { _csrf: 'forged' })).status).toBe(403);
    expect((await b.post('/signout', {})).status).toBe(403);
    expect((await b.post('/signout', { _csrf: csrf }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(
      403,
    );
    expect((await b.post('/lang', { _csrf: 'forged', lang: 'en', next: '/' })).status).toBe(403);
    expect((await b.post('/secretariat/releases', { _csrf: 'forged', period: 'FY2024' })).status).toBe(403);
    // A sign-in form needs the pre-session token (double-submit cookie) too.
    const fresh = browser(platform);
    expect((await fresh.post('/signin', { token: api.tokenOf('mic', 'observer') })).status).toBe(403);
    // Still signed in: none of the forged posts did anything.
    expect((await b.get('/secretariat')).status).toBe(200);
  });

  it('ends the session when its token is revoked, and when it expires', async () => {
    const issued = await issueToken(platform.database.db, { agency: 'mic', role: 'observer', label: 'web test' });
    const b = browser(platform);
    await b.signIn(issued.token);
    expect((await b.get('/stats')).status).toBe(200);
    await revokeToken(platform.database.db, issued.id);
    const after = await b.get('/stats');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/signin?next=%2Fstats');
    const c = browser(platform);
    await c.signIn(api.tokenOf('mic', 'observer'));
    await platform.database.pool.query(`update web.sessions set last_seen_at = now() - interval '31 minutes'`);
    expect((await c.get('/stats')).status).toBe(303);
  });

  it('switches to English and back, remembered for the person’s next session', async () => {
    const b = browser(platform);
    await b.signIn(api.tokenOf('mic', 'observer'));
    const ja = await (await b.get('/stats')).text();
    expect(ja).toContain('<html lang="ja">');
    const switched = await b.post('/lang', { _csrf: b.csrfOf(ja), lang: 'en', next: '/stats' });
    expect(switched.headers.get('location')).toBe('/stats');
    expect(await (await b.get('/stats')).text()).toContain('<html lang="en">');
    // A new browser, same person: English again after sign-in.
    const other = browser(platform);
    await other.signIn(api.tokenOf('mic', 'observer'));
    expect(await (await other.get('/stats')).text()).toContain('Statistics releases');
    // Never sent elsewhere after a form.
    const away = await b.post('/lang', { _csrf: b.csrfOf(ja), lang: 'ja', next: '//evil.example/' });
    expect(away.headers.get('location')).toBe('/');
  });

  it('shows each role only its pages: an observer never reaches a member page', async () => {
    const b = browser(platform);
    await b.signIn(api.tokenOf('mic', 'observer'));
    const me = await b.get('/me');
    expect(me.status).toBe(403);
    expect(await me.text()).toContain('この画面は表示できません');
    expect((await b.get('/me/fragment')).status).toBe(403);
    expect((await b.get('/me/live')).status).toBe(403);
    expect((await b.get('/secretariat')).status).toBe(403);
  });

  it('serves an API reference for every OpenAPI document and GraphiQL from local files', async () => {
    const b = browser(platform);
    for (const id of ['referrals', 'intake', 'webhooks', 'tokens', 'keys', 'stats']) {
      const res = await b.get(`/developers/api/${id}`);
      expect(res.status, id).toBe(200);
      expect(await res.text()).toContain('<span class="method">POST</span>');
    }
    const graphiql = await b.get('/developers/graphiql');
    expect(graphiql.status).toBe(200);
    const html = await graphiql.text();
    expect(html).toContain('src="/developers/graphiql/graphiql.js"');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(graphiql.headers.get('content-security-policy')).toContain("script-src 'self';");
    const js = await b.get('/developers/graphiql/graphiql.js');
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(100_000);
    expect((await b.get('/developers/graphql.sdl')).status).toBe(200);
    // A browser opening /graphql gets the developer pages; an API client still gets the API's answer.
    const opened = await b.get('/graphql', { accept: 'text/html,application/xhtml+xml' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/developers/graphiql');
    expect((await platform.app.request('/graphql', { headers: { accept: 'application/json' } })).status).toBe(401);
  });
});
