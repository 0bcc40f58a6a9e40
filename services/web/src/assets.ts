import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { WebEnv } from './context.ts';
import { compress } from 'hono/compress';
import { pageHeaders } from './security.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** The web face's own static files: one stylesheet, the member page's live script, the icon. */
const files: Record<string, { file: string; type: string }> = {
  'web.css': { file: 'assets/web.css', type: 'text/css; charset=utf-8' },
  'live.js': { file: 'assets/live.js', type: 'text/javascript; charset=utf-8' },
  'favicon.svg': { file: 'assets/favicon.svg', type: 'image/svg+xml' },
};

/** Serves `/assets/*` from the package itself (read once, on first request): nothing comes from a CDN. */
export function assetRoutes(app: Hono<WebEnv>, _options: { developerTools: boolean }): void {
  const cache = new Map<string, Buffer>();
  app.use('/assets/*', pageHeaders(), compress());
  app.get('/assets/:name', (c) => {
    const entry = files[c.req.param('name')];
    if (!entry) return c.notFound();
    let body = cache.get(entry.file);
    if (!body) {
      body = readFileSync(resolve(here, entry.file));
      cache.set(entry.file, body);
    }
    c.header('Content-Type', entry.type);
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(new Uint8Array(body));
  });
}
