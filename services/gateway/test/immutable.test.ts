import type { Actor } from '@liaison/auth';
import { describe, expect, it } from 'vitest';
import { createGatewayApp } from '../src/index.ts';

// The gateway's kept answers (src/immutable.ts) against a small statistics service of the test's own:
// what it answers, with which ETag, and every request it gets are in the test's hands. The real
// service, its audit log and Postgres are exercised in services/platform/test/security.int.test.ts.
function service() {
  const state = { etag: '"r1"', value: 7, refuse: false, asked: [] as { path: string; ifNoneMatch: string | null; tokenId: string }[] };
  const fetch = async (req: Request) => {
    const url = new URL(req.url);
    state.asked.push({
      path: url.pathname + url.search,
      ifNoneMatch: req.headers.get('if-none-match'),
      tokenId: req.headers.get('authorization')!,
    });
    if (state.refuse) return Response.json({ error: { code: 'FORBIDDEN', message: 'not for you' } }, { status: 403 });
    if (url.pathname === '/v1/stats/releases') return Response.json({ items: [] });
    if (req.headers.get('if-none-match') === state.etag) return new Response(null, { status: 304, headers: { etag: state.etag } });
    const release = {
      id: '00000000-0000-4000-8000-000000000001',
      period: 'FY2025',
      grain: 'fiscal-year',
      fiscalYear: 2025,
      labelJa: '2025年度',
      labelEn: 'FY2025',
      builtAt: '2026-05-01T00:00:00.000Z',
      tables: [
        {
          id: 't',
          titleJa: '表',
          titleEn: 'T',
          measure: 'count',
          k: 3,
          rows: [],
          cols: [],
          cells: [{ row: 'a', col: 'b', value: state.value, suppressed: false }],
        },
      ],
      manifest: { format: 'x', auditMethod: 'y', cells: 1, published: 1, suppressed: 0 },
    };
    return Response.json(release, { headers: { etag: state.etag } });
  };
  return { state, fetch };
}

const actors: Record<string, Actor> = {
  lia_mic: { agency: 'mic', role: 'observer', tokenId: 't-mic', agencyRoles: ['observer'] },
  lia_npa: { agency: 'npa', role: 'observer', tokenId: 't-npa', agencyRoles: ['observer'] },
};

function gateway() {
  const stats = service();
  const app = createGatewayApp({
    verifyToken: async (token) => actors[token] ?? null,
    referrals: async () => Response.json({ items: [] }),
    stats: stats.fetch,
  });
  const ask = async (query: string, token = 'lia_mic') => {
    const res = await app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  };
  return { stats, ask };
}

const release = '{ statisticsRelease(id: "FY2025") { id tables { cells { value } } } }';
const value = (answer: { data?: any }) => answer.data.statisticsRelease.tables[0].cells[0].value;

describe('kept GraphQL answers of immutable service answers', () => {
  it('asks the service once per read, conditionally, and answers from the kept text while it says 304', async () => {
    const { stats, ask } = gateway();
    const first = await ask(release);
    expect(value(first)).toBe(7);
    for (let i = 0; i < 3; i++) expect(await ask(release)).toEqual(first);
    // Each read reached the service once, with the caller's own token; after the first, with If-None-Match.
    expect(stats.state.asked.map((a) => a.ifNoneMatch)).toEqual([null, '"r1"', '"r1"', '"r1"']);
    expect(stats.state.asked.every((a) => a.tokenId === 'Bearer lia_mic')).toBe(true);
  });

  it('answers anew, asking once, when the service has another ETag', async () => {
    const { stats, ask } = gateway();
    await ask(release);
    await ask(release);
    stats.state.etag = '"r2"';
    stats.state.value = 8;
    stats.state.asked.length = 0;
    expect(value(await ask(release))).toBe(8);
    expect(stats.state.asked).toHaveLength(1);
    expect(value(await ask(release))).toBe(8);
    expect(stats.state.asked.map((a) => a.ifNoneMatch)).toEqual(['"r1"', '"r2"']);
  });

  it('passes a refusal on revalidation through as the error, never the kept answer', async () => {
    const { stats, ask } = gateway();
    await ask(release);
    await ask(release);
    stats.state.refuse = true;
    stats.state.asked.length = 0;
    const refused = await ask(release);
    expect(refused.data?.statisticsRelease ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(stats.state.asked).toHaveLength(1);
  });

  it('keeps per body and role, and never keeps what used an answer without an ETag', async () => {
    const { stats, ask } = gateway();
    const withMe = '{ me { agency } statisticsRelease(id: "FY2025") { id } }';
    expect((await ask(withMe, 'lia_mic')).data.me.agency).toBe('mic');
    expect((await ask(withMe, 'lia_mic')).data.me.agency).toBe('mic');
    expect((await ask(withMe, 'lia_npa')).data.me.agency).toBe('npa');
    expect((await ask(withMe, 'lia_npa')).data.me.agency).toBe('npa');
    // The release list carries no ETag: the whole document is executed every time.
    const mixed = '{ statisticsReleases { id } statisticsRelease(id: "FY2025") { id } }';
    stats.state.asked.length = 0;
    await ask(mixed);
    await ask(mixed);
    expect(stats.state.asked.map((a) => a.path)).toEqual([
      '/v1/stats/releases',
      '/v1/stats/releases/FY2025',
      '/v1/stats/releases',
      '/v1/stats/releases/FY2025',
    ]);
  });
});
