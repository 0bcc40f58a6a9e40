import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { WebContext } from './context.ts';

/** Sends a page: the doctype, then the rendered JSX; never cached (pages may show a body's own figures). */
export async function render(c: WebContext, page: JSX.Element, status: ContentfulStatusCode = 200): Promise<Response> {
  const html = `<!doctype html>${await page.toString()}`;
  c.header('Cache-Control', 'no-store');
  return c.html(html, status);
}
