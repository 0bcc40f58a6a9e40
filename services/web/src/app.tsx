/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { errorCode, loggerFor, requestFields } from '@liaison/observe';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import { ApiError, apiAs } from './api.ts';
import { assetRoutes } from './assets.ts';
import type { WebContext, WebDeps, WebEnv } from './context.ts';
import { apiDocuments } from './documents.ts';
import { isLang, type Lang, messages } from './i18n.ts';
import { postedForm } from './guards.tsx';
import { render } from './render.ts';
import { developerRoutes } from './routes/developers.tsx';
import { meetingRoutes } from './routes/meetings.tsx';
import { mineRoutes } from './routes/mine.tsx';
import { secretariatRoutes } from './routes/secretariat.tsx';
import { statsRoutes } from './routes/stats.tsx';
import {
  type Area,
  anonymousCsrf,
  areasFor,
  clearPageCookie,
  graphiqlPolicy,
  LANG_COOKIE,
  localPath,
  pageHeaders,
  SESSION_COOKIE,
  setPageCookie,
} from './security.ts';
import {
  closeSession,
  defaultSessionPolicy,
  findSession,
  openSession,
  preferredLang,
  rememberLang,
  type SessionPolicy,
} from './sessions.ts';
import { HomePage, SignInPage } from './views/home.tsx';
import { pageContext, Problem } from './views/layout.tsx';

/** The paths the web face answers; its middleware is bound to these only (the app is mounted beside the APIs). */
export const pagePaths = [
  '/',
  '/signin',
  '/signout',
  '/lang',
  '/stats',
  '/stats/*',
  '/me',
  '/me/*',
  '/secretariat',
  '/secretariat/*',
  '/meetings',
  '/meetings/*',
  '/developers',
  '/developers/*',
];

/** Whether a route path (as Hono lists it) is one of the web face's pages or assets. */
export function isPagePath(path: string): boolean {
  return path === '/assets/:name' || pagePaths.some((p) => (p.endsWith('/*') ? path.startsWith(p.slice(0, -1)) : path === p));
}

/** The page a person lands on after signing in. */
function landing(areas: Area[]): string {
  if (areas.includes('mine')) return '/me';
  if (areas.includes('secretariat')) return '/secretariat';
  if (areas.includes('releases')) return '/stats';
  return '/';
}

/** Builds the web face's app: pages, sessions, downloads, developer pages, assets. It opens nothing itself. */
export function createWebApp(deps: WebDeps): Hono<WebEnv> {
  const db = deps.database.db;
  const policy: SessionPolicy = { ...defaultSessionPolicy, ...deps.session };
  const documents = deps.documents ?? apiDocuments;
  const developerTools = deps.developerTools ?? false;
  const logger = loggerFor(deps.log, 'web');
  const app = new Hono<WebEnv>();

  // Who is asking, in which language, with which form token — for every page.
  const withPage: MiddlewareHandler<WebEnv> = async (c, next) => {
    const url = new URL(c.req.url);
    const cookieLang = getCookie(c, LANG_COOKIE);
    const lang: Lang = isLang(cookieLang) ? cookieLang : 'ja';
    const cookie = getCookie(c, SESSION_COOKIE);
    let session = cookie ? await findSession({ db, policy, id: cookie }) : undefined;
    let actor = session ? await deps.verifyToken(session.token) : null;
    if (session && !actor) {
      // The token was revoked or has expired: the session goes with it.
      await closeSession(db, session.idHash);
      session = undefined;
    }
    if (cookie && !session) clearPageCookie(c, SESSION_COOKIE);
    if (!session) actor = null;
    const csrf = session?.csrf ?? anonymousCsrf(c);
    c.set('session', session);
    c.set('api', session ? apiAs(deps.api, session.token) : undefined);
    c.set(
      'page',
      pageContext({
        lang,
        path: url.pathname + url.search,
        csrf,
        actor: actor ?? undefined,
        areas: actor ? areasFor(actor) : [],
        developerTools,
      }),
    );
    await next();
  };

  const pageCompression = compress();
  const formLimit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('form too large', 413) });
  const strictHeaders = pageHeaders();
  const graphiqlHeaders = pageHeaders(graphiqlPolicy);
  for (const path of pagePaths) {
    app.use(path, (c, next) => (c.req.path === '/developers/graphiql' ? graphiqlHeaders(c, next) : strictHeaders(c, next)));
    app.use(path, withPage);
    // Pages and downloads travel compressed (a year's release is mostly SVG and tables: ~8× smaller);
    // the live stream is left alone.
    app.use(path, (c, next) => (c.req.path === '/me/live' ? next() : pageCompression(c, next)));
    app.use(path, (c, next) => (c.req.method === 'POST' ? formLimit(c, next) : next()));
  }

  app.get('/', (c) => render(c, <HomePage ctx={c.get('page')} documents={documents} />));

  app.get('/signin', (c) => {
    const page = c.get('page');
    if (page.actor) return c.redirect(localPath(c.req.query('next'), landing(page.areas)), 303);
    return render(c, <SignInPage ctx={page} next={localPath(c.req.query('next'), '')} />);
  });

  app.post('/signin', async (c) => {
    const page = c.get('page');
    const form = await postedForm(c);
    if (!form) return render(c, <Problem ctx={page} title={page.t.badRequestTitle} body={page.t.formRefused} />, 403);
    const token = (form.token ?? '').trim();
    const actor = token ? await deps.verifyToken(token) : null;
    // 401 on purpose: the platform's edge counts failed sign-ins per address like failed API calls.
    if (!actor) return render(c, <SignInPage ctx={page} next={localPath(form.next, '')} problem={page.t.signInFailed} />, 401);
    const areas = areasFor(actor);
    if (areas.length === 0) return render(c, <SignInPage ctx={page} next="" problem={page.t.signInNoPages} />, 403);
    if (c.get('session')) await closeSession(db, c.get('session')!.idHash);
    const { id } = await openSession({ db, policy, token, actor });
    setPageCookie(c, SESSION_COOKIE, id, Math.floor(policy.absoluteMs / 1000));
    const lang = await preferredLang(db, actor.tokenId);
    if (lang) setPageCookie(c, LANG_COOKIE, lang, 365 * 86400);
    logger.info({ ...requestFields(c), agency: actor.agency, role: actor.role }, 'web session opened');
    return c.redirect(localPath(form.next, landing(areas)) || landing(areas), 303);
  });

  app.post('/signout', async (c) => {
    const page = c.get('page');
    const form = await postedForm(c);
    if (!form) return render(c, <Problem ctx={page} title={page.t.badRequestTitle} body={page.t.formRefused} />, 403);
    const session = c.get('session');
    if (session) await closeSession(db, session.idHash);
    clearPageCookie(c, SESSION_COOKIE);
    return c.redirect('/', 303);
  });

  app.post('/lang', async (c) => {
    const page = c.get('page');
    const form = await postedForm(c);
    if (!form || !isLang(form.lang))
      return render(c, <Problem ctx={page} title={page.t.badRequestTitle} body={page.t.formRefused} />, form ? 400 : 403);
    setPageCookie(c, LANG_COOKIE, form.lang, 365 * 86400);
    const session = c.get('session');
    if (session) await rememberLang(db, session.tokenId, form.lang);
    return c.redirect(localPath(form.next), 303);
  });

  // A person who opens /graphql in a browser (no token: the API would answer 401 in JSON) is sent
  // to the developer pages — GraphiQL in development. API clients are passed on to the gateway.
  app.get('/graphql', async (c, next) => {
    const wantsPage = (c.req.header('accept') ?? '').includes('text/html') && !c.req.header('authorization');
    if (!wantsPage) return next();
    return c.redirect(developerTools ? '/developers/graphiql' : '/developers', 303);
  });

  statsRoutes(app);
  mineRoutes(app, { gateway: deps.api });
  secretariatRoutes(app);
  meetingRoutes(app);
  developerRoutes(app, { documents, developerTools, graphqlSdl: deps.graphqlSdl, api: deps.api });
  assetRoutes(app, { developerTools });

  // Unknown page paths and failures answer as pages, in the person's language.
  app.notFound((c) => {
    const page = c.get('page') ?? pageContext({ lang: 'ja', path: '/', csrf: '', areas: [], developerTools });
    return render(c as WebContext, <Problem ctx={page} title={page.t.notFoundTitle} body={page.t.notFoundBody} />, 404);
  });
  app.onError((err, c) => {
    const page = (c as WebContext).get('page') ?? pageContext({ lang: 'ja', path: '/', csrf: '', areas: [], developerTools });
    if (err instanceof ApiError) {
      if (err.status === 401) {
        clearPageCookie(c, SESSION_COOKIE);
        return c.redirect(`/signin?next=${encodeURIComponent(page.path)}`, 303);
      }
      if (err.status === 403)
        return render(c as WebContext, <Problem ctx={page} title={page.t.forbiddenTitle} body={page.t.forbiddenBody} />, 403);
      if (err.status === 404)
        return render(c as WebContext, <Problem ctx={page} title={page.t.notFoundTitle} body={page.t.notFoundBody} />, 404);
      if (err.status === 400) return render(c as WebContext, <Problem ctx={page} title={page.t.badRequestTitle} body={err.message} />, 400);
    }
    logger.error({ ...requestFields(c), method: c.req.method, route: c.req.routePath, err: errorCode(err) }, 'web page failed');
    return render(
      c as WebContext,
      <Problem ctx={page} title={messages(page.lang).errorTitle} body={messages(page.lang).errorTitle} />,
      500,
    );
  });
  return app;
}
