/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import type { ServiceFetch } from '../api.ts';
import type { WebEnv } from '../context.ts';
import type { ApiDocument } from '../documents.ts';
import type { Messages } from '../i18n.ts';
import { render } from '../render.ts';
import { Layout, type PageContext, Problem } from '../views/layout.tsx';

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  example?: unknown;
  pattern?: string;
  maxLength?: number;
};
interface Operation {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface OpenApiDocument {
  info?: { title?: string; description?: string; version?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** A schema's type in a few words: `string (uuid)`, `array of Referral`, `"a" | "b"`. */
function typeOf(schema: Schema | undefined, doc: OpenApiDocument, depth = 0): string {
  if (!schema) return '';
  if (schema.$ref) return schema.$ref.split('/').pop() ?? '';
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts) return alts.map((s) => typeOf(s, doc, depth + 1)).join(' | ');
  if (schema.allOf) return schema.allOf.map((s) => typeOf(s, doc, depth + 1)).join(' & ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'object');
  if (type === 'array') return `array of ${typeOf(schema.items, doc, depth + 1)}`;
  return `${type}${schema.format ? ` (${schema.format})` : ''}${schema.nullable ? ' | null' : ''}`;
}

const resolveRef = (schema: Schema | undefined, doc: OpenApiDocument): Schema | undefined => {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''];
  return s;
};

/** The fields of an object schema, nested objects indented (three levels at most). */
function Fields({ schema, doc, t, depth = 0 }: { schema: Schema | undefined; doc: OpenApiDocument; t: Messages; depth?: number }) {
  const s = resolveRef(schema, doc);
  const target = s?.type === 'array' ? resolveRef(s.items, doc) : s;
  if (!target?.properties || depth > 2) return null;
  return (
    <ul>
      {Object.entries(target.properties).map(([name, field]) => (
        <li>
          <code>{name}</code> <span class="muted">{typeOf(field, doc)}</span>
          {target.required?.includes(name) ? <strong> {t.required}</strong> : null}
          {resolveRef(field, doc)?.description ? <> — {resolveRef(field, doc)!.description}</> : null}
          <Fields schema={field} doc={doc} t={t} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

/** An API reference rendered on the server from the OpenAPI document: no script, nothing from a CDN. */
function ReferencePage({ ctx, document, doc }: { ctx: PageContext; document: ApiDocument; doc: OpenApiDocument }) {
  const { t } = ctx;
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <Layout ctx={ctx} title={`${t.referenceTitle}: ${t[document.title]}`} section="developers">
      <p class="lead">{doc.info?.description}</p>
      <dl class="facts">
        <dt>OpenAPI</dt>
        <dd>
          <a href={document.path}>{document.path}</a>
        </dd>
        <dt>{t.tokenForDoc}</dt>
        <dd>
          {t[document.token]} (<code>Authorization: Bearer lia_…</code>)
        </dd>
      </dl>
      <nav aria-label={t.referenceTitle}>
        <ul>
          {ops.map(({ path, method, op }) => (
            <li>
              <a href={`#${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`}>
                <span class="method">{method.toUpperCase()}</span> <code>{path}</code>
              </a>{' '}
              {op.summary}
            </li>
          ))}
        </ul>
      </nav>
      {ops.map(({ path, method, op }) => (
        <section class="op" id={`${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`} aria-label={`${method.toUpperCase()} ${path}`}>
          <h2>
            <span class="method">{method.toUpperCase()}</span> <code>{path}</code>
          </h2>
          <p>{op.summary}</p>
          {op.description ? <p class="muted">{op.description}</p> : null}
          {op.parameters?.length ? (
            <>
              <h3>{t.parameters}</h3>
              <ul>
                {op.parameters.map((p) => (
                  <li>
                    <code>{p.name}</code>{' '}
                    <span class="muted">
                      ({p.in}) {typeOf(p.schema, doc)}
                    </span>
                    {p.required ? <strong> {t.required}</strong> : null}
                    {p.description || p.schema?.description ? <> — {p.description ?? p.schema?.description}</> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {op.requestBody ? (
            <>
              <h3>{t.requestBody}</h3>
              {Object.entries(op.requestBody.content ?? {}).map(([type, body]) => (
                <div>
                  <p>
                    <code>{type}</code> <span class="muted">{typeOf(body.schema, doc)}</span>
                  </p>
                  <Fields schema={body.schema} doc={doc} t={t} />
                </div>
              ))}
            </>
          ) : null}
          <h3>{t.responses}</h3>
          <ul>
            {Object.entries(op.responses ?? {}).map(([status, r]) => (
              <li>
                <strong>{status}</strong> {r.description}{' '}
                {Object.values(r.content ?? {})[0]?.schema ? (
                  <span class="muted">{typeOf(Object.values(r.content ?? {})[0]!.schema, doc)}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

function DevelopersPage({ ctx, documents }: { ctx: PageContext; documents: ApiDocument[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.developersTitle} section="developers">
      <p class="lead">{t.developersLead}</p>
      <ul>
        {documents.map((d) => (
          <li>
            <a href={`/developers/api/${d.id}`}>
              {t.referenceTitle}: {t[d.title]}
            </a>{' '}
            — <a href={d.path}>{d.path}</a> · {t.tokenForDoc}: {t[d.token]}
          </li>
        ))}
        <li>
          <a href="/developers/graphql.sdl">{t.docGraphql}</a> · {t.tokenForDoc}: {t.tokenAny}
        </li>
        <li>{ctx.developerTools ? <a href="/developers/graphiql">{t.graphiqlTitle}</a> : <span>{t.graphiqlOff}</span>}</li>
      </ul>
    </Layout>
  );
}

/**
 * GraphiQL from graphql-yoga's packaged renderer, taken apart so that nothing is inline: its
 * script, stylesheet and Monaco's workers are served as files of this platform, and a small boot
 * script starts it. Development only.
 */
function graphiqlFiles(): Record<string, { type: string; body: string }> {
  const require = createRequire(import.meta.url);
  const bundle = require(join(dirname(require.resolve('@graphql-yoga/render-graphiql')), 'graphiql.js')) as Record<string, string>;
  const js = 'text/javascript; charset=utf-8';
  const boot = `// Starts GraphiQL (served by the platform; nothing from a CDN). Paste your token in the headers pane.
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => '/developers/graphiql/' + (label === 'json' ? 'json' : label === 'graphql' ? 'graphql' : 'editor') + '.worker.js' };
YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), { endpoint: '/graphql', title: 'Liaison GraphiQL', headers: JSON.stringify({ Authorization: 'Bearer lia_…' }, null, 2), defaultQuery: '{ me { agency role } }' });
`;
  return {
    'graphiql.js': { type: js, body: bundle.js ?? '' },
    'graphiql.css': { type: 'text/css; charset=utf-8', body: bundle.css ?? '' },
    'boot.js': { type: js, body: boot },
    'editor.worker.js': { type: js, body: bundle.editorWorkerService ?? '' },
    'json.worker.js': { type: js, body: bundle.jsonWorker ?? '' },
    'graphql.worker.js': { type: js, body: bundle.graphqlWorker ?? '' },
  };
}

/** The developer pages: API references of every OpenAPI document, the GraphQL SDL, GraphiQL (development). */
export function developerRoutes(
  app: Hono<WebEnv>,
  options: { documents: ApiDocument[]; developerTools: boolean; graphqlSdl?: (() => string) | undefined; api: ServiceFetch },
): void {
  app.get('/developers', (c) => render(c, <DevelopersPage ctx={c.get('page')} documents={options.documents} />));

  app.get('/developers/api/:id', async (c) => {
    const page = c.get('page');
    const document = options.documents.find((d) => d.id === c.req.param('id'));
    if (!document) return render(c, <Problem ctx={page} title={page.t.notFoundTitle} body={page.t.notFoundBody} />, 404);
    const res = await options.api(new Request(`http://liaison.internal${document.path}`));
    if (!res.ok) return render(c, <Problem ctx={page} title={page.t.notFoundTitle} body={document.path} />, 404);
    const doc = (await res.json()) as OpenApiDocument;
    return render(c, <ReferencePage ctx={page} document={document} doc={doc} />);
  });

  app.get('/developers/graphql.sdl', (c) => {
    if (!options.graphqlSdl) return c.notFound();
    c.header('Content-Type', 'text/plain; charset=utf-8');
    return c.body(options.graphqlSdl());
  });

  let files: ReturnType<typeof graphiqlFiles> | undefined;
  app.get('/developers/graphiql', (c) => {
    const page = c.get('page');
    if (!options.developerTools) return render(c, <Problem ctx={page} title={page.t.graphiqlTitle} body={page.t.graphiqlOff} />, 404);
    return render(
      c,
      <html lang={page.lang}>
        <head>
          <meta charset="utf-8" />
          <title>Liaison GraphiQL</title>
          <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/developers/graphiql/graphiql.css" />
          <script src="/developers/graphiql/graphiql.js" defer />
          <script src="/developers/graphiql/boot.js" defer />
        </head>
        <body>
          <div id="root" style="height:100vh" />
        </body>
      </html>,
    );
  });
  app.get('/developers/graphiql/:file', (c) => {
    if (!options.developerTools) return c.notFound();
    files ??= graphiqlFiles();
    const file = files[c.req.param('file')];
    if (!file) return c.notFound();
    c.header('Content-Type', file.type);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(file.body);
  });
}
