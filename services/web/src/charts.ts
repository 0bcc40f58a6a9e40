import * as echarts from 'echarts';
import type { Lang } from './i18n.ts';
import { axisLabel, cellIndex, isMonthAxis, monthLabel, type StatLabel, type StatTable, TOTAL } from './tables.ts';

/**
 * Charts are drawn on the server as SVG by Apache ECharts (`renderToSVGString`, no DOM): bars,
 * grouped bars and a matrix (heatmap) out of one library, Japanese labels, and each drawn data
 * element tagged with its series and index — which lets us give every point a hover title and
 * replace a suppressed cell's placeholder by a 秘匿 mark. Observable Plot needs a DOM on the
 * server (jsdom or linkedom) to do the same.
 *
 * The SVG is then made to fit the pages' content security policy (no inline style: ECharts'
 * `<style>` hover rules are dropped and `style` attributes become presentation attributes).
 */

/** Okabe–Ito: eight colours told apart with every common colour-vision deficiency. */
export const okabeIto = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
/** One-hue sequential scale (ColorBrewer Blues) for the matrix: order readable without colour vision. */
export const sequentialBlues = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const SECRET_FILL = '#8c8c8c';

/**
 * The colour key of a matrix whose largest published count is `max`: up to five bins of whole
 * numbers that cover 1..max without gap or overlap, darker for larger counts. With a small maximum
 * there are fewer bins (a maximum of 3 gives 1, 2 and 3), never an empty one such as "1–0".
 */
export function heatBins(max: number): { lo: number; hi: number; color: string }[] {
  const top = Math.max(1, Math.floor(max));
  const n = Math.min(sequentialBlues.length, top);
  const bins: { lo: number; hi: number; color: string }[] = [];
  for (let b = 0; b < n; b++) {
    const lo = b === 0 ? 1 : bins[b - 1]!.hi + 1;
    const hi = b === n - 1 ? top : Math.max(lo, Math.floor(((b + 1) * top) / n));
    // The darkest colours stay with the largest counts, whatever the number of bins.
    bins.push({ lo, hi, color: sequentialBlues[sequentialBlues.length - n + b]! });
  }
  return bins;
}
const FONT = 'Noto Sans CJK JP, Noto Sans JP, Hiragino Sans, Yu Gothic UI, Meiryo, sans-serif';

/** What one drawn element stands for: the table cell, and its hover text. */
interface Point {
  cell: string;
  title: string;
  suppressed: boolean;
}

export interface ChartOptions {
  lang: Lang;
  width?: number;
  /** Text used for a suppressed cell in titles (default 秘匿 with the reason). */
  secretText?: string;
}

export type ChartLayout = 'columns' | 'bars' | 'matrix';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (n: number) => n.toLocaleString('ja-JP');

/** How a table is best drawn: flows between the same bodies as a matrix; months along the x axis; few series as grouped bars; else a matrix. */
export function chartLayout(table: StatTable): { layout: ChartLayout; categories: 'rows' | 'cols' } {
  const rows = table.rows.filter((r) => r.code !== TOTAL);
  const cols = table.cols.filter((c) => c.code !== TOTAL);
  // The same bodies on both axes (sender × recipient): flows between them, read best as a matrix.
  const same = rows.length > 1 && rows.length === cols.length && rows.every((r, i) => r.code === cols[i]!.code);
  if (same) return { layout: 'matrix', categories: 'rows' };
  if (isMonthAxis(cols) && rows.length <= okabeIto.length) return { layout: 'columns', categories: 'cols' };
  if (isMonthAxis(rows) && cols.length <= okabeIto.length) return { layout: 'columns', categories: 'rows' };
  if (cols.length <= okabeIto.length) return { layout: 'bars', categories: 'rows' };
  if (rows.length <= okabeIto.length) return { layout: 'bars', categories: 'cols' };
  return { layout: 'matrix', categories: 'rows' };
}

/**
 * Renders one table as an SVG chart. Margins are left to the table beside it. A suppressed cell is
 * never drawn as a value: bars get a 秘匿 mark (×) at the baseline, the matrix a grey cell; every
 * drawn element carries a hover title with its exact figure (or 秘匿) and `data-cell`.
 */
export function renderChart(table: StatTable, options: ChartOptions): string {
  const { lang } = options;
  // Nothing to draw (every cell zero, none hidden): the page says so instead of showing empty axes.
  if (!table.cells.some((c) => c.row !== TOTAL && c.col !== TOTAL && (c.suppressed || c.value === null || c.value !== 0))) return '';
  const width = options.width ?? 720;
  const unit = table.measure === 'median-days' ? (lang === 'ja' ? '日' : ' days') : lang === 'ja' ? '件' : '';
  const secret = options.secretText ?? (lang === 'ja' ? '秘匿（開示制御）' : '秘匿 (suppressed)');
  const cells = cellIndex(table);
  const { layout, categories } = chartLayout(table);
  const allRows = table.rows.filter((r) => r.code !== TOTAL);
  const allCols = table.cols.filter((c) => c.code !== TOTAL);
  const name = (l: StatLabel, onAxis: boolean) => (onAxis && /^\d{4}-\d{2}$/.test(l.code) ? monthLabel(l.code, lang) : axisLabel(l, lang));
  const cellOf = (r: StatLabel, c: StatLabel) => cells.get(`${r.code}/${c.code}`);
  // A category with nothing at all (every cell zero or absent, none hidden) is left out of bar charts.
  const hasAny = (r: StatLabel, c: StatLabel) => {
    const cell = cellOf(r, c);
    return !!cell && (cell.suppressed || cell.value === null ? cell.suppressed : cell.value !== 0);
  };

  const points = new Map<string, Point>();
  let option: echarts.EChartsOption;
  let height: number;
  const base = { animation: false, aria: { enabled: false }, textStyle: { fontFamily: FONT, fontSize: 12, color: '#1a1a1a' } } as const;
  const valueAxis = {
    type: 'value' as const,
    axisLabel: { formatter: (v: number) => fmt(v), color: '#1a1a1a' },
    splitLine: { lineStyle: { color: '#d0d4da' } },
  };

  if (layout === 'matrix') {
    const rows = allRows.filter((r) => allCols.some((c) => hasAny(r, c)));
    const cols = allCols.filter((c) => rows.some((r) => hasAny(r, c)));
    const values = rows.flatMap((r) => cols.map((c) => cellOf(r, c)?.value ?? 0));
    const max = Math.max(1, ...values);
    const data: [number, number, number][] = [];
    rows.forEach((r, i) => {
      cols.forEach((c, j) => {
        const cell = cellOf(r, c);
        const suppressed = !!cell && (cell.suppressed || cell.value === null);
        // A zero is left blank (the key says so): a year's matrices are mostly zeros, and each drawn
        // cell costs the page ~100 bytes.
        if (!suppressed && !(cell?.value ?? 0)) return;
        // The hover title is the figure or 秘匿 alone: row and column are on the axes.
        points.set(`0/${data.length}`, {
          cell: `${r.code}/${c.code}`,
          suppressed,
          title: suppressed ? secret : `${fmt(cell!.value!)}${unit}`,
        });
        // -1 is the suppressed cells' bin (grey); it is never shown as a number.
        data.push([j, rows.length - 1 - i, suppressed ? -1 : cell!.value!]);
      });
    });
    const cellH = 20;
    // Column labels stand at 45° above the matrix: room for the longest, so the cells keep their height.
    const longest = Math.max(0, ...cols.map((c) => name(c, true).length));
    height = Math.max(240, rows.length * cellH + 120 + Math.min(220, Math.round(longest * 9) + 10));
    option = {
      ...base,
      grid: { left: 8, right: 16, top: 40, bottom: 36, containLabel: true },
      xAxis: {
        type: 'category',
        data: cols.map((c) => name(c, true)),
        position: 'top',
        axisLabel: { rotate: 45, interval: 0, color: '#1a1a1a' },
        splitArea: { show: false },
      },
      yAxis: { type: 'category', data: [...rows].reverse().map((r) => name(r, true)), axisLabel: { interval: 0, color: '#1a1a1a' } },
      // The colour key under the matrix: five bins of one hue, and grey for 秘匿.
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        left: 0,
        bottom: 0,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { color: '#1a1a1a' },
        seriesIndex: 0,
        pieces: [
          { value: -1, color: SECRET_FILL, label: lang === 'ja' ? '秘匿' : '秘匿 (suppressed)' },
          { value: 0, color: '#ffffff', label: lang === 'ja' ? '0（空白）' : '0 (blank)' },
          ...heatBins(max).map((bin, b, all) => ({
            gt: bin.lo - 0.5,
            lte: b === all.length - 1 ? Number.MAX_SAFE_INTEGER : bin.hi,
            color: bin.color,
            label: bin.lo === bin.hi ? fmt(bin.lo) : `${fmt(bin.lo)}–${fmt(bin.hi)}`,
          })),
        ],
      },
      series: [{ type: 'heatmap', data, itemStyle: { borderWidth: 0 }, emphasis: { disabled: true } }],
    };
  } else {
    const catLabels = categories === 'rows' ? allRows : allCols;
    const serLabels = categories === 'rows' ? allCols : allRows;
    const cell = (cat: StatLabel, ser: StatLabel) => (categories === 'rows' ? cellOf(cat, ser) : cellOf(ser, cat));
    const cats =
      layout === 'columns'
        ? catLabels
        : catLabels.filter((cat) => serLabels.some((ser) => (categories === 'rows' ? hasAny(cat, ser) : hasAny(ser, cat))));
    const series = serLabels.length === 0 ? [{ code: '_value', ja: table.titleJa, en: table.titleEn }] : serLabels;
    const seriesOption = series.map((ser, s) => ({
      type: 'bar' as const,
      name: name(ser, false),
      itemStyle: { color: okabeIto[s % okabeIto.length]! },
      emphasis: { disabled: true },
      barMaxWidth: 28,
      data: cats.map((cat, d) => {
        const found = serLabels.length === 0 ? table.cells.find((x) => x.row === cat.code || x.col === cat.code) : cell(cat, ser);
        const suppressed = !!found && (found.suppressed || found.value === null);
        const rowCode = categories === 'rows' || serLabels.length === 0 ? cat.code : ser.code;
        const colCode = categories === 'rows' || serLabels.length === 0 ? (found?.col ?? ser.code) : cat.code;
        const label = serLabels.length === 0 ? name(cat, true) : `${name(ser, false)} / ${name(cat, true)}`;
        points.set(`${s}/${d}`, {
          cell: `${rowCode}/${colCode}`,
          suppressed,
          title: suppressed ? `${label}: ${secret}` : `${label}: ${fmt(found?.value ?? 0)}${unit}`,
        });
        // A zero-height placeholder: its place is where the 秘匿 mark goes; it is removed below.
        // A zero is not drawn at all (no empty bar, no title: the table beside has it).
        if (suppressed) return 0;
        return found?.value ? found.value : null;
      }),
    }));
    const catAxis = { type: 'category' as const, data: cats.map((c) => name(c, true)), axisLabel: { interval: 0, color: '#1a1a1a' } };
    const legend =
      series.length > 1 ? { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: '#1a1a1a' } } : { show: false };
    if (layout === 'columns') {
      height = 320;
      option = {
        ...base,
        legend,
        grid: { left: 8, right: 16, top: series.length > 1 ? 48 : 16, bottom: 8, containLabel: true },
        xAxis: catAxis,
        yAxis: valueAxis,
        series: seriesOption,
      };
    } else {
      const band = Math.max(16, series.length * 7 + 8);
      height = Math.max(160, cats.length * band + (series.length > 1 ? 90 : 50));
      option = {
        ...base,
        legend,
        grid: { left: 8, right: 24, top: series.length > 1 ? 56 : 16, bottom: 8, containLabel: true },
        xAxis: valueAxis,
        yAxis: { ...catAxis, inverse: true },
        series: seriesOption,
      };
    }
  }

  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return cleanSvg(chart.renderToSVGString(), points, `${lang === 'ja' ? table.titleJa : table.titleEn}`);
  } finally {
    chart.dispose();
  }
}

/** The bounding box of an ECharts bar path (`M x y l dx dy … Z`). */
function pathBox(d: string): { x: number; y: number; w: number; h: number } | undefined {
  const nums = d.match(/-?\d+(\.\d+)?(e-?\d+)?/g)?.map(Number);
  if (!nums || nums.length < 2 || !/^M[^A-KN-Za-km-z]*Z?$/.test(d)) return undefined;
  let x = nums[0]!;
  let y = nums[1]!;
  let [minX, maxX, minY, maxY] = [x, x, y, y];
  for (let i = 2; i + 1 < nums.length; i += 2) {
    x += nums[i]!;
    y += nums[i + 1]!;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** The 秘匿 mark: a cross at the baseline where the bar would start, with its hover title. */
function secretMark(box: { x: number; y: number; w: number; h: number }, point: Point): string {
  const vertical = box.w >= box.h;
  const s = Math.max(5, Math.min(9, vertical ? box.w : box.h));
  const cx = vertical ? box.x + box.w / 2 : box.x + s / 2 + 2;
  const cy = vertical ? box.y - s / 2 - 2 : box.y + box.h / 2;
  const r = (n: number) => Math.round(n * 10) / 10;
  const a = s / 2;
  return `<g data-secret="${esc(point.cell)}"><title>${esc(point.title)}</title><path d="M${r(cx - a)} ${r(cy - a)}L${r(cx + a)} ${r(cy + a)}M${r(cx + a)} ${r(cy - a)}L${r(cx - a)} ${r(cy + a)}" stroke="#1a1a1a" stroke-width="1.6"></path></g>`;
}

/**
 * Makes ECharts' SVG fit a strict content security policy and tells what each element is: no
 * `<style>` element, no `style` attribute, a hover title on every data element, 秘匿 marks in place
 * of suppressed placeholders, an accessible name on the root.
 */
export function cleanSvg(svg: string, points: Map<string, Point>, label: string): string {
  let out = svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ class="zr[^"]*"/g, '')
    .replace(/ style="([^"]*)"/g, (_m, css: string) =>
      css
        .split(';')
        .map((decl) => decl.trim())
        .filter((decl) => /^[a-z-]+:/.test(decl))
        .map((decl) => {
          const [prop, ...rest] = decl.split(':');
          return ` ${prop!.trim()}="${esc(rest.join(':').trim())}"`;
        })
        .join(''),
    );
  out = out.replace(
    /<path ([^>]*?)ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)" ecmeta_ssr_type="chart"([^>]*)><\/path>/g,
    (whole, before: string, s: string, d: string, after: string) => {
      const point = points.get(`${s}/${d}`);
      if (!point) return whole;
      if (point.suppressed) {
        const box = pathBox(/(?:^| )d="([^"]*)"/.exec(before + after)?.[1] ?? '');
        // A matrix cell stays (grey); a bar's placeholder gives way to the mark.
        if (box && (box.w === 0 || box.h === 0)) return secretMark(box, point);
        return `<path ${before.trim()} data-secret="${esc(point.cell)}"${after}><title>${esc(point.title)}</title></path>`;
      }
      // Whole pixels: a year's release draws ~1,500 of these, and the tenths cost ~12 KB.
      const attrs = `${before.trim()}${after}`.replace(
        /(^| )d="([^"]*)"/,
        (_m, sp: string, d: string) => `${sp}d="${d.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n))))}"`,
      );
      return `<path ${attrs} data-cell="${esc(point.cell)}"><title>${esc(point.title)}</title></path>`;
    },
  );
  out = out.replace(/ ecmeta_[a-z_]+="[^"]*"/g, '');
  // The font is said once, on the root (inherited), rather than on each of a chart's ~60 texts.
  // Likewise the text colour and baseline every label shares (inherited properties).
  out = out
    .replace(new RegExp(` font-family="${esc(FONT)}"`, 'g'), '')
    .replace(/ font-size="12px"/g, '')
    .replace(/<text dominant-baseline="central"/g, '<text')
    .replace(/(<text [^>]*?) fill="#1a1a1a"/g, '$1')
    .replace(
      / transform="translate\((-?\d+\.\d+) (-?\d+\.\d+)\)"/g,
      (_m, x: string, y: string) => ` transform="translate(${Math.round(Number(x) * 10) / 10} ${Math.round(Number(y) * 10) / 10})"`,
    );
  return out.replace(
    /^<svg /,
    `<svg role="img" aria-label="${esc(label)}" focusable="false" font-family="${esc(FONT)}" font-size="12px" dominant-baseline="central" fill="#1a1a1a" `,
  );
}
