/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Scroll } from '../views/scroll.tsx';
import type { Hono } from 'hono';
import { requireArea } from '../guards.tsx';
import { renderChart } from '../charts.ts';
import type { WebContext, WebEnv } from '../context.ts';
import { tableCsv } from '../csv.ts';
import { formatNumber, formatTime, type Lang, type Messages } from '../i18n.ts';
import { render } from '../render.ts';
import type { Release, ReleaseSummary } from '../tables.ts';
import { Layout } from '../views/layout.tsx';
import { SecretLegend, StatFigure } from '../views/statistics.tsx';

const ID = /^([0-9a-f-]{36}|[0-9]{4}-(0[1-9]|1[0-2])|[0-9]{4}Q[1-4]|FY[0-9]{4})$/i;
const TABLE = /^[a-z0-9-]{2,60}$/;

/** Rendered charts of releases: a release never changes, so its charts are drawn once per language. */
class ChartCache {
  private readonly entries = new Map<string, string>();
  constructor(private readonly max = 1000) {}
  get(key: string, make: () => string): string {
    let svg = this.entries.get(key);
    if (svg === undefined) {
      svg = make();
      this.entries.set(key, svg);
      while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    }
    return svg;
  }
}

export const grainLabel = (t: Messages, grain: ReleaseSummary['grain']) =>
  grain === 'month' ? t.grainMonth : grain === 'quarter' ? t.grainQuarter : t.grainYear;
const periodOf = (r: { labelJa: string; labelEn: string }, lang: Lang) => (lang === 'ja' ? r.labelJa : r.labelEn);

/** A file download: the right type, a file name, never cached. */
function download(c: WebContext, body: string, type: string, filename: string): Response {
  c.header('Content-Type', type);
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  c.header('Cache-Control', 'no-store');
  return c.body(body);
}

/** The observers' pages: the list of releases, a release with every table as chart and table, downloads, the manifest. */
export function statsRoutes(app: Hono<WebEnv>): void {
  const charts = new ChartCache();
  const guard = requireArea('releases');

  app.get('/stats', guard, async (c) => {
    const page = c.get('page');
    const { t, lang } = page;
    const { items } = await c.get('api')!.get<{ items: ReleaseSummary[] }>('/v1/stats/releases');
    return render(
      c,
      <Layout ctx={page} title={t.releasesTitle} section="releases">
        <p class="lead">{t.releasesLead}</p>
        {items.length === 0 ? (
          <p>{t.releasesEmpty}</p>
        ) : (
          <Scroll label={t.releasesTitle}>
            <table data-releases="">
              <thead>
                <tr>
                  <th scope="col">{t.period}</th>
                  <th scope="col">{t.grain}</th>
                  <th scope="col">{t.builtAt}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r, i) => (
                  <tr data-grain={r.grain}>
                    <th scope="row">
                      <a href={`/stats/releases/${r.id}`}>{periodOf(r, lang)}</a>
                      {i === 0 ? <span class="muted">（{t.latest}）</span> : null}
                    </th>
                    <td>{grainLabel(t, r.grain)}</td>
                    <td>{formatTime(r.builtAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </Layout>,
    );
  });

  app.get('/stats/latest', guard, async (c) => {
    const { items } = await c.get('api')!.get<{ items: ReleaseSummary[] }>('/v1/stats/releases');
    return c.redirect(items[0] ? `/stats/releases/${items[0].id}` : '/stats', 303);
  });

  app.get('/stats/releases/:id', guard, async (c) => {
    const page = c.get('page');
    const { t, lang } = page;
    const id = c.req.param('id');
    if (!ID.test(id)) return c.notFound();
    const release = await c.get('api')!.get<Release>(`/v1/stats/releases/${encodeURIComponent(id)}`);
    const base = `/stats/releases/${release.id}`;
    return render(
      c,
      <Layout ctx={page} title={`${t.navReleases}: ${periodOf(release, lang)}`} section="releases">
        <dl class="facts" data-release={release.id}>
          <dt>{t.period}</dt>
          <dd>
            {periodOf(release, lang)} <span class="code muted">{release.period}</span>
          </dd>
          <dt>{t.grain}</dt>
          <dd>{grainLabel(t, release.grain)}</dd>
          <dt>{t.builtAt}</dt>
          <dd>{formatTime(release.builtAt)}</dd>
          <dt>{t.manifestTitle}</dt>
          <dd>
            {t.manifestCells} {formatNumber(release.manifest.cells)} · {t.manifestPublished} {formatNumber(release.manifest.published)} ·{' '}
            {t.manifestSuppressed} {formatNumber(release.manifest.suppressed)} — <a href={`${base}/manifest`}>{t.manifestTitle}</a>
          </dd>
        </dl>
        <SecretLegend t={t} />
        <nav aria-label={t.releaseTables}>
          <h2>{t.releaseTables}</h2>
          <ol>
            {release.tables.map((table) => (
              <li>
                <a href={`#t-${table.id}-h`}>{lang === 'ja' ? table.titleJa : table.titleEn}</a>
              </li>
            ))}
          </ol>
        </nav>
        {release.tables.map((table) => (
          <StatFigure
            table={table}
            lang={lang}
            t={t}
            svg={charts.get(`${release.id}/${table.id}/${lang}`, () => renderChart(table, { lang }))}
            csv={`${base}/tables/${table.id}.csv`}
            json={`${base}/tables/${table.id}.json`}
          />
        ))}
      </Layout>,
    );
  });

  // Downloads read the one table from the API (the read is logged with the table's id).
  app.get('/stats/releases/:id/tables/:file{[a-z0-9-]+\\.(csv|json)}', guard, async (c) => {
    const id = c.req.param('id');
    const file = c.req.param('file');
    const tableId = file.replace(/\.(csv|json)$/, '');
    if (!ID.test(id) || !TABLE.test(tableId)) return c.notFound();
    const release = await c.get('api')!.get<Release>(`/v1/stats/releases/${encodeURIComponent(id)}?table=${encodeURIComponent(tableId)}`);
    const table = release.tables[0]!;
    const name = `liaison-${release.period}-${table.id}`;
    if (file.endsWith('.json')) {
      const { tables: _tables, manifest: _manifest, ...meta } = release;
      return download(c, JSON.stringify({ release: meta, table }, null, 2), 'application/json; charset=utf-8', `${name}.json`);
    }
    return download(c, tableCsv(table, { periodJa: release.labelJa, periodId: release.period }), 'text/csv; charset=utf-8', `${name}.csv`);
  });

  app.get('/stats/releases/:id/manifest.json', guard, async (c) => {
    const id = c.req.param('id');
    if (!ID.test(id)) return c.notFound();
    const manifest = await c.get('api')!.get<unknown>(`/v1/stats/releases/${encodeURIComponent(id)}/manifest`);
    return download(c, JSON.stringify(manifest, null, 2), 'application/json; charset=utf-8', `liaison-${id}-manifest.json`);
  });

  app.get('/stats/releases/:id/manifest', guard, async (c) => {
    const page = c.get('page');
    const { t, lang } = page;
    const id = c.req.param('id');
    if (!ID.test(id)) return c.notFound();
    const release = await c.get('api')!.get<Release>(`/v1/stats/releases/${encodeURIComponent(id)}`);
    return render(
      c,
      <Layout ctx={page} title={`${t.manifestTitle}: ${periodOf(release, lang)}`} section="releases">
        <p class="lead">{t.manifestLead}</p>
        <dl class="facts" data-manifest={release.id}>
          <dt>{t.manifestFormat}</dt>
          <dd class="code">{release.manifest.format}</dd>
          <dt>{t.manifestMethod}</dt>
          <dd class="code">{release.manifest.auditMethod}</dd>
          <dt>{t.manifestCells}</dt>
          <dd>{formatNumber(release.manifest.cells)}</dd>
          <dt>{t.manifestPublished}</dt>
          <dd>{formatNumber(release.manifest.published)}</dd>
          <dt>{t.manifestSuppressed}</dt>
          <dd>{formatNumber(release.manifest.suppressed)}</dd>
        </dl>
        <SecretLegend t={t} />
        <p class="downloads">
          <a href={`/stats/releases/${release.id}/manifest.json`} download>
            {t.downloadManifest}
          </a>
          <a href={`/stats/releases/${release.id}`}>{periodOf(release, lang)}</a>
        </p>
        <Scroll label={t.releaseTables}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.releaseTables}</th>
                <th scope="col" class="num">
                  {t.threshold}
                </th>
                <th scope="col" class="num">
                  {t.manifestCells}
                </th>
                <th scope="col" class="num">
                  {t.manifestSuppressed}
                </th>
              </tr>
            </thead>
            <tbody>
              {release.tables.map((table) => (
                <tr>
                  <th scope="row">{lang === 'ja' ? table.titleJa : table.titleEn}</th>
                  <td class="num">{table.k}</td>
                  <td class="num">{formatNumber(table.cells.length)}</td>
                  <td class="num">{formatNumber(table.cells.filter((x) => x.suppressed || x.value === null).length)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </Layout>,
    );
  });
}
