/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Actor } from '@liaison/auth';
import type { Child } from 'hono/jsx';
import { type Lang, type Messages, messages } from '../i18n.ts';
import type { Area } from '../security.ts';

/** What every page knows about the request it answers. */
export interface PageContext {
  lang: Lang;
  t: Messages;
  /** The current path and query (where a form sends the person back to). */
  path: string;
  /** The token every form of this page carries. */
  csrf: string;
  actor?: Actor | undefined;
  areas: Area[];
  /** Whether the developer tools (GraphiQL) are served (development only). */
  developerTools: boolean;
}

export function pageContext(input: Omit<PageContext, 't'>): PageContext {
  return { ...input, t: messages(input.lang) };
}

type Section = 'home' | 'releases' | 'mine' | 'secretariat' | 'meetings' | 'developers' | 'signin' | 'error';

/** A hidden CSRF field for a form. */
export const Csrf = ({ ctx }: { ctx: PageContext }) => <input type="hidden" name="_csrf" value={ctx.csrf} />;

/** The shell of every page: skip link, header with navigation, language switch and sign-out, main, footer. */
export function Layout(props: { ctx: PageContext; title: string; section: Section; scripts?: string[]; children?: Child }) {
  const { ctx, title, section } = props;
  const { t } = ctx;
  const other: Lang = ctx.lang === 'ja' ? 'en' : 'ja';
  const link = (href: string, label: string, s: Section) => (
    <li>
      <a href={href} {...(section === s ? { 'aria-current': 'page' } : {})}>
        {label}
      </a>
    </li>
  );
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t.siteShort}`}</title>
        <link rel="stylesheet" href="/assets/web.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="site">
          <a class="brand" href="/">
            {t.siteShort}
          </a>
          <nav aria-label={ctx.lang === 'ja' ? 'メインメニュー' : 'Main menu'}>
            <ul>
              {link('/', t.navHome, 'home')}
              {ctx.areas.includes('releases') ? link('/stats', t.navReleases, 'releases') : null}
              {ctx.areas.includes('mine') ? link('/me', t.navMine, 'mine') : null}
              {ctx.areas.includes('secretariat') ? link('/secretariat', t.navSecretariat, 'secretariat') : null}
              {ctx.areas.includes('meetings') ? link('/meetings', t.navMeetings, 'meetings') : null}
              {link('/developers', t.navDevelopers, 'developers')}
            </ul>
          </nav>
          <div class="tools">
            <form method="post" action="/lang">
              <Csrf ctx={ctx} />
              <input type="hidden" name="lang" value={other} />
              <input type="hidden" name="next" value={ctx.path} />
              <button type="submit" lang={other} title={t.switchLabel}>
                {t.switchTo}
              </button>
            </form>
            {ctx.actor ? (
              <>
                <span class="who">
                  {t.signedInAs}: <span class="code">{ctx.actor.agency}</span> / <span class="code">{ctx.actor.role}</span>
                </span>
                <form method="post" action="/signout">
                  <Csrf ctx={ctx} />
                  <button type="submit">{t.signOut}</button>
                </form>
              </>
            ) : section === 'signin' ? null : (
              <a href={`/signin?next=${encodeURIComponent(ctx.path)}`}>{t.signIn}</a>
            )}
          </div>
        </header>
        <main id="main">
          <h1>{title}</h1>
          {props.children}
        </main>
        <footer class="site">{t.siteName}</footer>
      </body>
    </html>
  );
}

/** A page that says why it cannot show what was asked (403, 404, 400, 500). */
export function Problem(props: { ctx: PageContext; title: string; body: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title} section="error">
      <p>{props.body}</p>
      <p>
        <a href="/">{props.ctx.t.navHome}</a>
      </p>
    </Layout>
  );
}
