/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Scroll } from './scroll.tsx';
import type { ApiDocument } from '../documents.ts';
import { Csrf, Layout, type PageContext } from './layout.tsx';

/** The landing page: what the platform is, who sees what, every API document and which token it takes. */
export function HomePage({ ctx, documents }: { ctx: PageContext; documents: ApiDocument[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.homeTitle} section="home">
      <p class="lead">{t.homeLead}</p>
      {ctx.actor ? null : (
        <p>
          <a href="/signin">{t.signIn}</a>
        </p>
      )}
      <h2>{t.homeWho}</h2>
      <ul>
        <li>{t.homeWhoMember}</li>
        <li>{t.homeWhoObserver}</li>
        <li>{t.homeWhoSecretariat}</li>
      </ul>
      <h2>{t.homeDocs}</h2>
      <Scroll label={t.homeDocs}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.homeDocs}</th>
              <th scope="col">{t.docReference}</th>
              <th scope="col">{t.tokenForDoc}</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr>
                <td>
                  <a href={d.path}>{t[d.title]}</a> <span class="code muted">{d.path}</span>
                </td>
                <td>
                  <a href={`/developers/api/${d.id}`}>{t.docReference}</a>
                </td>
                <td>{t[d.token]}</td>
              </tr>
            ))}
            <tr>
              <td>
                <a href="/developers/graphql.sdl">{t.docGraphql}</a> <span class="code muted">POST /graphql</span>
              </td>
              <td>{ctx.developerTools ? <a href="/developers/graphiql">GraphiQL</a> : <span class="muted">{t.none}</span>}</td>
              <td>{t.tokenAny}</td>
            </tr>
            <tr>
              <td>
                <a href="/healthz">{t.docHealth}</a> <span class="code muted">/healthz</span>
              </td>
              <td>
                <span class="muted">{t.none}</span>
              </td>
              <td>{t.none}</td>
            </tr>
          </tbody>
        </table>
      </Scroll>
      <h2>{t.homeTokens}</h2>
      <p>{t.homeTokensBody}</p>
      <pre class="code">
        {
          'CENTER=$(pnpm -s liaison token center caseworker)   # デモ用 (demo)\ncurl -H "Authorization: Bearer $CENTER" http://127.0.0.1:3000/v1/inbox'
        }
      </pre>
    </Layout>
  );
}

/** The sign-in form: an API token in, a session cookie out. */
export function SignInPage({ ctx, next, problem }: { ctx: PageContext; next: string; problem?: string | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.signInTitle} section="signin">
      {problem ? (
        <p class="notice error" role="alert">
          {problem}
        </p>
      ) : null}
      <form method="post" action="/signin" class="stack">
        <Csrf ctx={ctx} />
        <input type="hidden" name="next" value={next} />
        <label for="token">{t.tokenLabel}</label>
        <input type="password" id="token" name="token" autocomplete="off" required aria-describedby="token-help" maxlength={200} />
        <p id="token-help" class="muted">
          {t.tokenHelp}
        </p>
        <div>
          <button type="submit" class="primary">
            {t.signIn}
          </button>
        </div>
      </form>
    </Layout>
  );
}
