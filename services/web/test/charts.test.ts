import { describe, expect, it, vi } from 'vitest';
import { chartLayout, heatBins, okabeIto, renderChart, sequentialBlues } from '../src/charts.ts';
import { matrixTable, monthlyTable } from './fixtures.ts';

const count = (svg: string, re: RegExp) => svg.match(re)?.length ?? 0;

describe('charts (ECharts, SVG on the server)', () => {
  it('draws a monthly table on a fiscal-year axis 4月…3月 with Japanese number format', () => {
    const svg = renderChart(monthlyTable(), { lang: 'ja' });
    expect(chartLayout(monthlyTable()).layout).toBe('columns');
    const labels = [...svg.matchAll(/>(\d{1,2}月)</g)].map((m) => m[1]);
    expect(labels).toEqual(['4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月']);
    expect(svg).toContain('<title>違法・有害情報相談センター / 4月: 100件</title>');
    const en = renderChart(monthlyTable(), { lang: 'en' });
    expect(en).toContain('>Apr<');
    expect(en).toContain('>Mar<');
  });

  it('never plots a suppressed value: its cell has a 秘匿 mark with the reason, no bar', () => {
    const svg = renderChart(monthlyTable(), { lang: 'ja' });
    // 23 published cells drawn as bars, 1 suppressed as a mark (margins are left to the table).
    expect(count(svg, /data-cell="/g)).toBe(23);
    expect(count(svg, /data-secret="/g)).toBe(1);
    expect(svg).toContain('data-secret="sia/2025-07"');
    expect(svg).not.toContain('data-cell="sia/2025-07"');
    expect(svg).toMatch(
      /<g data-secret="sia\/2025-07"><title>セーファーインターネット協会 \/ 7月: 秘匿（開示制御）<\/title><path d="M[^"]+" stroke=/,
    );
  });

  it('uses the Okabe–Ito palette, one colour per series', () => {
    const svg = renderChart(monthlyTable(), { lang: 'ja' });
    expect(svg).toContain(`fill="${okabeIto[0]}"`);
    expect(svg).toContain(`fill="${okabeIto[1]}"`);
  });

  it('draws a wide table as a matrix with suppressed cells grey and titled 秘匿', () => {
    const table = matrixTable();
    expect(chartLayout(table).layout).toBe('matrix');
    const svg = renderChart(table, { lang: 'ja' });
    const hidden = table.cells.filter((c) => c.suppressed).length;
    expect(count(svg, /data-secret="/g)).toBe(hidden);
    expect(count(svg, /data-cell="/g)).toBe(table.cells.length - hidden);
    expect(svg).toMatch(/data-secret="[^"]+"><title>秘匿/);
    // A zero is blank: not drawn.
    const sparse = { ...table, cells: table.cells.map((c, i) => (i % 2 === 0 && !c.suppressed ? { ...c, value: 0 } : c)) };
    const zeros = sparse.cells.filter((c) => c.value === 0).length;
    expect(count(renderChart(sparse, { lang: 'ja' }), /data-cell="/g)).toBe(table.cells.length - hidden - zeros);
  });

  it('fits a strict content security policy: no <style>, no style attribute, an accessible name', () => {
    for (const table of [monthlyTable(), matrixTable()]) {
      const svg = renderChart(table, { lang: 'ja' });
      expect(svg).not.toContain('<style');
      expect(svg).not.toMatch(/\sstyle="/);
      expect(svg).not.toContain('ecmeta_');
      expect(svg).toMatch(/^<svg role="img" aria-label="[^"]+"/);
    }
  });
});

describe('referral flows', () => {
  it('draws sender × recipient (the same bodies on both axes) as a matrix', () => {
    const bodies = ['center', 'sia', 'hotline'].map((code) => ({ code, ja: code, en: code }));
    const flows = {
      ...monthlyTable(),
      id: 'referral-flows',
      rows: bodies,
      cols: bodies,
      cells: bodies.flatMap((r, i) =>
        bodies.map((c, j) => ({
          row: r.code,
          col: c.code,
          value: i === j ? 0 : i === 2 && j === 0 ? null : 20 + i + j,
          suppressed: i === 2 && j === 0,
        })),
      ),
    };
    expect(chartLayout(flows).layout).toBe('matrix');
    const svg = renderChart(flows, { lang: 'ja' });
    expect(count(svg, /data-cell="/g)).toBe(5);
    expect(svg).toContain('data-secret="hotline/center"');
  });
});

describe('an empty table', () => {
  it('draws no chart (the page says there is no data) rather than empty axes', () => {
    const table = monthlyTable();
    table.cells = table.cells.map((c) => ({ ...c, value: 0, suppressed: false }));
    expect(renderChart(table, { lang: 'ja' })).toBe('');
  });
});

describe('the colour key of a matrix', () => {
  it('keys a matrix with whole-number bins that cover 1..max without gap or overlap, for every maximum', () => {
    for (let max = 1; max <= 300; max++) {
      const bins = heatBins(max);
      expect(bins.length).toBe(Math.min(5, max));
      expect(bins[0]!.lo).toBe(1);
      expect(bins.at(-1)!.hi).toBe(max);
      bins.forEach((bin, b) => {
        expect(bin.lo).toBeLessThanOrEqual(bin.hi);
        if (b > 0) expect(bin.lo).toBe(bins[b - 1]!.hi + 1);
      });
      // The darkest colour is always the largest counts'.
      expect(bins.at(-1)!.color).toBe(sequentialBlues.at(-1));
    }
  });

  it('draws a matrix of small counts with a key ECharts accepts (no empty "1–0" bin, no warning)', () => {
    const table = matrixTable();
    const small = { ...table, cells: table.cells.map((c) => (c.suppressed ? c : { ...c, value: c.value ? 1 + (c.value % 3) : c.value })) };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const svg = renderChart(small, { lang: 'ja' });
      expect(warn).not.toHaveBeenCalled();
      expect(svg).not.toMatch(/>1–0</);
      for (const label of ['>1<', '>2<', '>3<']) expect(svg).toContain(label);
    } finally {
      warn.mockRestore();
    }
  });
});
