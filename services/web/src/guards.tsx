/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { MiddlewareHandler } from 'hono';
import type { WebContext, WebEnv } from './context.ts';
import { render } from './render.ts';
import { type Area, sameOrigin } from './security.ts';
import { sameSecret } from './sessions.ts';
import { Problem } from './views/layout.tsx';

/**
 * Guards a page: signed out → to the sign-in form (303, coming back afterwards); signed in
 * without the area → 403 page. The API under the page checks the token again.
 */
export function requireArea(area: Area): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const page = c.get('page');
    if (!page.actor) return c.redirect(`/signin?next=${encodeURIComponent(page.path)}`, 303);
    if (!page.areas.includes(area)) return render(c, <Problem ctx={page} title={page.t.forbiddenTitle} body={page.t.forbiddenBody} />, 403);
    await next();
  };
}

/** Reads a posted form and checks it came from our page: same origin, and the right CSRF token. */
export async function postedForm(c: WebContext): Promise<Record<string, string> | undefined> {
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody();
  } catch {
    return undefined;
  }
  const fields = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
  if (!sameOrigin(c) || !sameSecret(fields._csrf, c.get('page').csrf)) return undefined;
  return fields;
}
