import { renderChart } from '@liaison/web/charts';
import { BOM, csvField, headerLabel, orderedWithTotal, SECRET_MARKER } from '@liaison/web/csv';
import type { ReportCell, ReportLabel, ReportModel, ReportTable, Sentence } from './model.ts';
import { TOTAL } from './model.ts';

type StatTable = Parameters<typeof renderChart>[0];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number, table: ReportTable, col: string) =>
  table.measure === 'comparison' && col === 'change' ? n.toFixed(1) : n.toLocaleString('ja-JP');

/** What a 秘匿 cell means — said once for the whole report, never of one cell. */
const SECRET_LEGEND_JA = '「X」は秘匿（開示制御により公表しない値）です。秘匿の理由や値の範囲は示しません。';
const SECRET_LEGEND_EN = '"X" is 秘匿: a value withheld by disclosure control. Neither the reason nor a range of the value is given.';

const isMonth = (code: string) => /^\d{4}-\d{2}$/.test(code);

/** Column header text: months as 4月; short code headers for wide tables (the legend below names them). */
function colHeader(l: ReportLabel, short: boolean): string {
  if (l.code === TOTAL) return '計';
  if (isMonth(l.code)) return `${Number(l.code.slice(5))}月`;
  if (short) return `<abbr title="${esc(`${l.ja} / ${l.en}`)}">${esc(l.code)}</abbr>`;
  return esc(l.ja);
}

function cellText(table: ReportTable, cell: ReportCell | undefined, col: string): string {
  if (!cell) return '<span aria-label="該当なし">—</span>';
  if (cell.suppressed || cell.value === null) return `<abbr class="x" title="秘匿 (suppressed)">${SECRET_MARKER}</abbr>`;
  return num(cell.value, table, col);
}

/** The table as the chart function reads it: comparison tables drawn as this period beside the year before. */
function chartTable(t: ReportTable): StatTable {
  const keep = t.measure === 'comparison' ? new Set(['current', 'previous']) : undefined;
  return {
    id: t.id,
    titleJa: t.titleJa,
    titleEn: t.titleEn,
    measure: t.measure === 'median-days' ? 'median-days' : 'count',
    k: t.k,
    rows: t.rows,
    cols: keep ? t.cols.filter((c) => keep.has(c.code)) : t.cols,
    margins: t.margins,
    cells: keep ? t.cells.filter((c) => keep.has(c.col)) : t.cells,
  };
}

function tableHtml(t: ReportTable, n: string, empty: boolean): string {
  const byKey = new Map(t.cells.map((c) => [`${c.row}/${c.col}`, c]));
  const rows = orderedWithTotal(t as unknown as StatTable, 'rows');
  const cols = orderedWithTotal(t as unknown as StatTable, 'cols');
  const short = cols.length > 14;
  // Rows with nothing at all (every cell zero) are left out of the print; CSV and JSON keep them.
  const shown = rows.filter(
    (r) =>
      r.code === TOTAL ||
      cols.some((c) => {
        const x = byKey.get(`${r.code}/${c.code}`);
        return x && (x.suppressed || x.value !== 0);
      }),
  );
  const omitted = rows.length - shown.length;
  const unit =
    t.measure === 'median-days'
      ? '単位：日（中央値） / median days'
      : t.measure === 'comparison'
        ? '単位：件、増減率は% / count; change in per cent'
        : '単位：件 / count';
  const head = `<tr><th scope="col">${t.rows.length && isMonth(t.rows[0]!.code) ? '月' : '区分'}</th>${cols.map((c) => `<th scope="col">${colHeader(c, short)}</th>`).join('')}</tr>`;
  const body = shown
    .map(
      (r) =>
        `<tr${r.code === TOTAL ? ' class="total"' : ''}><th scope="row">${r.code === TOTAL ? '計' : isMonth(r.code) ? `${Number(r.code.slice(5))}月` : esc(r.ja)}</th>${cols.map((c) => `<td>${cellText(t, byKey.get(`${r.code}/${c.code}`), c.code)}</td>`).join('')}</tr>`,
    )
    .join('');
  const legend = short ? `<p class="codes">${t.cols.map((c) => `${esc(c.code)} ${esc(c.ja)}`).join('、')}</p>` : '';
  const chart = t.chart && !empty ? renderChart(chartTable(t), { lang: 'ja', width: short ? 900 : 640 }) : '';
  return `<section class="table${short ? ' wide' : ''}" aria-labelledby="t-${esc(t.id)}">
<h3 id="t-${esc(t.id)}">${n} ${esc(t.titleJa)}<span class="en" lang="en">${esc(t.titleEn)}</span></h3>
${chart ? `<figure class="chart">${chart}</figure>` : ''}
<div class="scroll" tabindex="0"><table class="${cols.length > 9 ? 'dense' : ''}"><caption>${esc(t.titleJa)}（${unit}）</caption><thead>${head}</thead><tbody>${body}</tbody></table></div>
${legend}${omitted > 0 ? `<p class="note">件数のない行（${omitted}行）は省略しています（CSV・JSONには含みます）。 Rows with no cases are left out here.</p>` : ''}
</section>`;
}

function sentenceHtml(s: Sentence, model: ReportModel): string {
  const titles = [...new Set(s.cells.map((c) => `${model.tables.find((t) => t.id === c.table)?.titleJa ?? c.table}（${c.period}）`))];
  return `<li><p>${esc(s.ja)}</p><p class="en" lang="en">${esc(s.en)}</p><p class="basis">根拠 / basis: ${titles.map(esc).join('、')}</p></li>`;
}

const CSS = `
@page { size: A4; margin: 18mm 15mm 20mm; font-family: "Noto Sans CJK JP", sans-serif;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #333; }
  @top-right { content: "違法・有害情報相談機関連絡会"; font-size: 8pt; color: #555; } }
@page wide { size: A4 landscape; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 10pt; line-height: 1.6; color: #1a1a1a; background: #fff; }
body { margin: 0 auto; max-width: 190mm; }
h1 { font-size: 20pt; margin: 30mm 0 4mm; line-height: 1.35; }
h2 { font-size: 14pt; border-bottom: 2px solid #0b4f8a; padding-bottom: 1mm; margin: 0 0 4mm; }
h3 { font-size: 11pt; margin: 6mm 0 2mm; break-after: avoid; }
.en { display: block; font-size: 8.5pt; color: #444; font-weight: normal; }
h2 .en, h1 .en { display: block; }
.cover { break-after: page; }
.status { display: inline-block; border: 1px solid #1a1a1a; padding: 1mm 3mm; font-weight: bold; }
.meta dt { font-weight: bold; } .meta dd { margin: 0 0 2mm 0; }
nav ol { padding-left: 0; list-style: none; } nav a { color: #0b4f8a; text-decoration: underline; }
section.chapter { break-before: page; }
section.table { break-inside: auto; }
section.wide { page: wide; }
body > main > section.chapter.wide-chapter { page: wide; }
figure.chart { margin: 0 0 3mm; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; font-variant-numeric: tabular-nums; }
table.dense { font-size: 7pt; }
caption { text-align: left; font-size: 8pt; color: #444; caption-side: top; padding-bottom: 1mm; }
th, td { border: 1px solid #9aa3ad; padding: 0.6mm 1.2mm; }
td { text-align: right; white-space: nowrap; }
thead th { background: #e8eef5; font-weight: bold; text-align: center; }
tbody th { text-align: left; font-weight: normal; }
tr.total th, tr.total td { font-weight: bold; background: #f3f5f7; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
abbr { text-decoration: none; }
abbr.x { font-weight: bold; }
.codes, .note, .basis { font-size: 7.5pt; color: #444; margin: 1mm 0; }
ul.sentences { padding-left: 5mm; } ul.sentences li { margin-bottom: 3mm; break-inside: avoid; }
ul.sentences p { margin: 0; }
.empty { font-size: 12pt; font-weight: bold; border: 1px solid #1a1a1a; padding: 3mm; }
@media screen { body { padding: 10mm; } .scroll { overflow-x: auto; } }
`;

/**
 * The printable report (A4, Japanese fonts, page numbers, a table of contents, charts as SVG): one
 * self-contained HTML document (no script, nothing loaded from elsewhere). Headless Chromium
 * prints it to PDF (`renderPdf`).
 */
export function renderHtml(model: ReportModel): string {
  const chapters: { id: string; ja: string; en: string; html: string }[] = [];
  const sentences = model.sentences.filter((s) => !s.omitted);
  const summary = model.empty
    ? `<p class="empty">この期間の公表統計には件数がありません（相談・照会・対応結果のいずれも0件）。<span class="en" lang="en">The release of this period holds no data: no consultation, referral or outcome.</span></p>`
    : sentences.length > 0
      ? `<ul class="sentences">${sentences.map((s) => sentenceHtml(s, model)).join('')}</ul>`
      : '<p>公表された値から述べられる変化はありません。<span class="en" lang="en">No change can be stated from the published figures.</span></p>';
  chapters.push({ id: 'summary', ja: '概要', en: 'Summary', html: summary });
  let tableNo = 0;
  for (const section of model.sections) {
    const tables = section.tables.map((id) => model.tables.find((t) => t.id === id)!).filter(Boolean);
    const parts = tables.map((t) => tableHtml(t, `表${++tableNo}`, model.empty));
    const note = section.noteJa ? `<p>${esc(section.noteJa)}<span class="en" lang="en">${esc(section.noteEn ?? '')}</span></p>` : '';
    chapters.push({ id: section.id, ja: section.titleJa, en: section.titleEn, html: note + parts.join('\n') });
  }
  const sources = model.releases.map((r) => `${esc(r.period)}（${esc(r.id)}）`).join('、');
  chapters.push({
    id: 'notes',
    ja: '注記',
    en: 'Notes',
    html: `<ul>
<li>${esc(SECRET_LEGEND_JA)}<span class="en" lang="en">${esc(SECRET_LEGEND_EN)}</span></li>
<li>すべての数値は公表統計（${sources}）の値です。未公表の値・個別の事案は含みません。<span class="en" lang="en">Every figure is a published statistics release's; nothing unpublished, no individual case.</span></li>
<li>概要の文は公表された値から規則（最大の増加・減少、割合、最多）により作成し、秘匿の値を含む規則は用いていません。<span class="en" lang="en">The summary's sentences are written by rules (largest rises and falls, shares, records) from published values; a rule that would need a suppressed value is not used.</span></li>
<li>年度は4月〜翌年3月、四半期は第1四半期が4〜6月です。<span class="en" lang="en">Fiscal year April–March; Q1 is April–June.</span></li>
</ul>`,
  });
  const status =
    model.status === 'approved' && model.approval
      ? `承認版 第${model.approval.version}版（${esc(model.approval.approvedAt.slice(0, 10))}）<span class="en" lang="en">Approved, version ${model.approval.version}</span>`
      : '案（未承認）<span class="en" lang="en">Draft</span>';
  const toc = chapters
    .map((c, i) => `<li><a href="#s-${c.id}">${i + 1}. ${esc(c.ja)}</a> <span lang="en">${esc(c.en)}</span></li>`)
    .join('');
  const body = chapters
    .map(
      (c, i) =>
        `<section class="chapter" id="s-${c.id}" aria-labelledby="h-${c.id}"><h2 id="h-${c.id}">${i + 1}. ${esc(c.ja)}<span class="en" lang="en">${esc(c.en)}</span></h2>\n${c.html}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(model.title.ja)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="cover">
<p class="status">${status}</p>
<h1>${esc(model.title.ja)}<span class="en" lang="en">${esc(model.title.en)}</span></h1>
<dl class="meta">
<dt>対象期間 <span lang="en">Period</span></dt><dd>${esc(model.period.labelJa)}（${esc(model.period.months[0]!)}〜${esc(model.period.months.at(-1)!)}） <span lang="en">${esc(model.period.labelEn)}</span></dd>
<dt>比較対象 <span lang="en">Compared with</span></dt><dd>${model.comparison ? `${esc(model.comparison.labelJa)} <span lang="en">${esc(model.comparison.id)}</span>` : 'なし <span lang="en">none</span>'}</dd>
<dt>出典 <span lang="en">Source</span></dt><dd>公表統計 ${sources}</dd>
</dl>
<nav aria-labelledby="toc"><h2 id="toc">目次<span class="en" lang="en">Contents</span></h2><ol>${toc}</ol></nav>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** One table as CSV for Excel (UTF-8 with BOM, CRLF): title block, then the table with Japanese headers and codes; 秘匿 as X. */
export function tableCsv(model: ReportModel, t: ReportTable): string {
  const line = (fields: (string | number)[]) => fields.map(csvField).join(',');
  const rows = orderedWithTotal(t as unknown as StatTable, 'rows');
  const cols = orderedWithTotal(t as unknown as StatTable, 'cols');
  const byKey = new Map(t.cells.map((c) => [`${c.row}/${c.col}`, c]));
  const lines = [
    line(['表 (table)', `${t.titleJa} (${t.id})`]),
    line(['期間 (period)', `${model.period.labelJa} (${model.period.id})`]),
    line(['出典 (source)', t.sources.join(' / ')]),
    line(['凡例 (legend)', `${SECRET_MARKER} = 秘匿（開示制御により非公表） / suppressed`]),
    line([
      '単位 (unit)',
      t.measure === 'median-days'
        ? '日（中央値） / median days'
        : t.measure === 'comparison'
          ? '件、増減率は% / count; change in per cent'
          : '件 / count',
    ]),
    '',
    line(['項目 (code)', ...cols.map(headerLabel)]),
    ...rows.map((r) =>
      line([
        headerLabel(r),
        ...cols.map((c) => {
          const cell = byKey.get(`${r.code}/${c.code}`);
          if (!cell) return '';
          return cell.suppressed || cell.value === null ? SECRET_MARKER : cell.value;
        }),
      ]),
    ),
  ];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The sentences as CSV (for review): rule, Japanese, English, whether edited or omitted. */
export function sentencesCsv(model: ReportModel): string {
  const line = (fields: (string | number)[]) => fields.map(csvField).join(',');
  const lines = [
    line(['規則 (rule)', '文 (ja)', 'sentence (en)', '編集 (edited)', '省略 (omitted)']),
    ...model.sentences.map((s) => line([s.rule, s.ja, s.en, s.edited ? 'yes' : 'no', s.omitted ? 'yes' : 'no'])),
  ];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The model as JSON: stable key order and no timestamp of its own, so the same releases and period give the same bytes. */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

export type ReportFormat = 'html' | 'csv' | 'json' | 'pdf';
export const reportFormats: readonly ReportFormat[] = ['pdf', 'html', 'csv', 'json'];

/** The files of one text format (`html`, `csv`: one per table plus the sentences, `json`), by file name. PDF: `renderPdf`. */
export function renderFiles(model: ReportModel, format: Exclude<ReportFormat, 'pdf'>): { name: string; content: string }[] {
  const base = `report-${model.period.id}`;
  if (format === 'html') return [{ name: `${base}.html`, content: renderHtml(model) }];
  if (format === 'json') return [{ name: `${base}.json`, content: renderJson(model) }];
  return [
    ...model.tables.map((t) => ({ name: `${base}-${t.id}.csv`, content: tableCsv(model, t) })),
    { name: `${base}-sentences.csv`, content: sentencesCsv(model) },
  ];
}
