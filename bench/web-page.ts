// The observer's release page, timed on the server: what `pnpm bench:stats` reports beside the
// statistics API (call `benchReleasePage` once the year's release exists). Each view signs in once,
// then asks for the page as a browser would: the session is found, the token checked, the release
// read through the statistics API (audited), every table drawn (charts once per release and
// language, then from memory) and the HTML sent.
import type { Actor } from '@liaison/auth';
import type { Database } from '@liaison/db';
import { migrate } from '@liaison/db/migrate';
import { createWebApp, type ServiceFetch, webMigrations } from '@liaison/web';

export interface ReleasePageBench {
  /** Server time of one page view, milliseconds: p50, p95, max (the first view draws the charts). */
  p50: number;
  p95: number;
  first: number;
  /** The page's HTML (with its inline SVG), bytes. */
  bytes: number;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;

/**
 * Times `GET /stats/releases/{release}` of the web face, in-process, `queries` times, as the observer
 * whose API token is `token`. `api` reaches the statistics service (its app's fetch).
 */
export async function benchReleasePage(options: {
  database: Database;
  verifyToken: (token: string) => Promise<Actor | null>;
  api: ServiceFetch;
  token: string;
  release: string;
  queries: number;
}): Promise<ReleasePageBench> {
  await migrate(options.database, [webMigrations]);
  const app = createWebApp({ database: options.database, verifyToken: options.verifyToken, api: options.api });
  const origin = 'http://127.0.0.1';
  const form = await app.request(`${origin}/signin`);
  const csrfCookie = form.headers
    .getSetCookie()
    .find((c) => c.startsWith('lia_csrf='))!
    .split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const signedIn = await app.request(`${origin}/signin`, {
    method: 'POST',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ _csrf: csrf, token: options.token, next: '' }).toString(),
  });
  const session = signedIn.headers.getSetCookie().find((c) => c.startsWith('lia_session='));
  if (!session) throw new Error(`sign-in failed: ${signedIn.status}`);
  const cookie = `${csrfCookie}; ${session.split(';')[0]}`;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < options.queries; i++) {
    const start = process.hrtime.bigint();
    const res = await app.request(`${origin}/stats/releases/${options.release}`, { headers: { cookie } });
    const html = await res.text();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (res.status !== 200) throw new Error(`release page: ${res.status}`);
    bytes = Buffer.byteLength(html);
  }
  return { p50: pct(times, 50), p95: pct(times, 95), first: times[0]!, bytes };
}
