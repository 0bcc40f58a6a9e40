/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Scroll } from './scroll.tsx';
import { raw } from 'hono/html';
import { orderedWithTotal } from '../csv.ts';
import { formatNumber, type Lang, type Messages } from '../i18n.ts';
import { cellIndex, type StatLabel, type StatTable, TOTAL } from '../tables.ts';

const label = (l: StatLabel, lang: Lang, t: Messages) => (l.code === TOTAL ? t.total : lang === 'ja' ? l.ja : l.en);

/** The legend every page with statistics shows: what 秘匿 means. */
export function SecretLegend({ t }: { t: Messages }) {
  return (
    <p class="legend">
      <span class="secret">{t.suppressed}</span>: {t.suppressedLegend}
    </p>
  );
}

/**
 * A statistics table as an HTML table: Japanese (or English) headers with codes on hover, exact
 * figures in Japanese number format, margins as 計, and 秘匿 (with its reason on hover) where a
 * value is not published. Scrolls sideways on a narrow screen (and can be reached by keyboard).
 */
export function StatTableView({ table, lang, t, id }: { table: StatTable; lang: Lang; t: Messages; id: string }) {
  const rows = orderedWithTotal(table, 'rows');
  const cols = orderedWithTotal(table, 'cols');
  const cells = cellIndex(table);
  const title = lang === 'ja' ? table.titleJa : table.titleEn;
  const unit =
    table.measure === 'median-days' ? (lang === 'ja' ? '（日・中央値）' : ' (median days)') : lang === 'ja' ? '（件）' : ' (count)';
  return (
    <Scroll labelledBy={`${id}-caption`}>
      <table id={id} data-table={table.id} class="stat">
        <caption id={`${id}-caption`}>
          {title}
          {unit}
        </caption>
        <thead>
          <tr>
            <td />
            {cols.map((c) => (
              <th scope="col" class={c.code === TOTAL ? 'num total' : 'num'} title={c.code}>
                {label(c, lang, t)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr class={r.code === TOTAL ? 'total' : undefined}>
              <th scope="row" title={r.code}>
                {label(r, lang, t)}
              </th>
              {cols.map((c) => {
                const cell = cells.get(`${r.code}/${c.code}`);
                if (!cell) return <td />;
                if (cell.suppressed || cell.value === null) {
                  return (
                    <td data-secret={`${r.code}/${c.code}`}>
                      <abbr class="secret" title={t.suppressedReason}>
                        {t.suppressed}
                      </abbr>
                    </td>
                  );
                }
                return <td class={c.code === TOTAL ? 'total' : undefined}>{formatNumber(cell.value)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** One table of a release or of the own-body figures: heading, chart, table, downloads. */
export function StatFigure(props: { table: StatTable; svg: string; lang: Lang; t: Messages; csv: string; json: string }) {
  const { table, lang, t } = props;
  const id = `t-${table.id}`;
  return (
    <section class="figure" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {lang === 'ja' ? table.titleJa : table.titleEn}{' '}
        <span class="muted" lang={lang === 'ja' ? 'en' : 'ja'}>
          {lang === 'ja' ? table.titleEn : table.titleJa}
        </span>
      </h2>
      <p class="muted">
        {t.threshold} = {table.k} · <span class="code">{table.id}</span>
      </p>
      <figure class="chart" data-chart={table.id}>
        {props.svg ? raw(props.svg) : <p class="empty muted">{t.noData}</p>}
        <figcaption class="muted">
          {t.chartOf}: {lang === 'ja' ? table.titleJa : table.titleEn}（× = {t.suppressed}）
        </figcaption>
      </figure>
      <StatTableView table={table} lang={lang} t={t} id={id} />
      <p class="downloads">
        <span>{t.download}:</span>
        <a href={props.csv} download>
          {t.downloadCsv}
        </a>
        <a href={props.json} download>
          {t.downloadJson}
        </a>
      </p>
    </section>
  );
}
