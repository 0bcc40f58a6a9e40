import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  approveReport,
  buildReport,
  editSentence,
  omitSentence,
  type ReleaseSource,
  type ReportModel,
  ReportError,
  renderFiles,
  renderHtml,
  type SourceRelease,
  type SourceTable,
  TOTAL,
  unsupportedNumbers,
} from '../src/index.ts';
import { launchChromium, renderPdf } from '../src/pdf.ts';
import { statsReleaseSource } from '../src/stats-source.ts';
import { type ReleasedStatistics, releasedStatistics } from './fixture.ts';

/**
 * The meeting report over releases the stats service published from seeded facts in a real
 * Postgres: FY2024 and FY2025 (with their months and quarters), 2023Q4 (a quarter with no facts),
 * and 2026-04 alone (so 2026Q1 lacks two months).
 */
describe('the meeting report', () => {
  let fx: ReleasedStatistics;
  let source: ReleaseSource;
  let fy2025: SourceRelease;
  let fy2024: SourceRelease;
  let model: ReportModel;
  let browser: Browser | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'liaison-report-'));

  beforeAll(async () => {
    fx = await releasedStatistics(inject('pgAdminUrl'), 'report', {
      segments: [
        { from: '2025-04', to: '2026-04', scale: 0.3, seed: 10 },
        { from: '2024-04', to: '2025-03', scale: 0.1, seed: 9 },
        // October 2025 busier than any other month.
        { from: '2025-10', to: '2025-10', scale: 0.15, seed: 11 },
      ],
      periods: ['FY2024', 'FY2025', '2023Q4'],
      months: ['2026-04'],
    });
    source = statsReleaseSource(fx.database.db);
    fy2025 = (await source.release('FY2025'))!;
    fy2024 = (await source.release('FY2024'))!;
    model = await buildReport(source, 'FY2025');
  }, 600_000);
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await fx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const releaseOf = (period: string) => (period === 'FY2025' ? fy2025 : period === 'FY2024' ? fy2024 : undefined);
  const releaseCell = (r: SourceRelease, table: string, row: string, col: string) =>
    r.tables.find((t) => t.id === table)?.cells.find((c) => c.row === row && c.col === col);
  const suppressedKeys = (t: SourceTable) => new Set(t.cells.filter((c) => c.suppressed).map((c) => `${c.row}/${c.col}`));

  it('copies every release table cell for cell, and derives the comparison from published margins only', () => {
    expect(model.comparison?.id).toBe('FY2024');
    expect(model.releases.map((r) => r.period)).toEqual(['FY2025', 'FY2024']);
    for (const required of [
      'consultations-by-body-month',
      'category-by-body',
      'platform-type-by-category',
      'art25-within-7-days',
      'referral-flows',
      'deadline-compliance-by-recipient',
      'outcome-by-category',
    ]) {
      expect(model.tables.map((t) => t.id)).toContain(required);
    }
    for (const t of model.tables.filter((x) => x.measure !== 'comparison')) {
      const published = fy2025.tables.find((x) => x.id === t.id)!;
      expect(t.cells, t.id).toEqual(
        published.cells.map((c) => ({ row: c.row, col: c.col, value: c.suppressed ? null : c.value, suppressed: c.suppressed })),
      );
    }
    const yoy = model.tables.find((t) => t.id === 'yoy-consultations-by-body')!;
    for (const row of yoy.rows) {
      const get = (col: string) => yoy.cells.find((c) => c.row === row.code && c.col === col);
      const a = releaseCell(fy2025, 'consultations-by-body-month', row.code, TOTAL)!;
      const b = releaseCell(fy2024, 'consultations-by-body-month', row.code, TOTAL)!;
      expect(get('current')).toMatchObject({ value: a.value, suppressed: a.suppressed });
      expect(get('previous')).toMatchObject({ value: b.value, suppressed: b.suppressed });
      if (a.suppressed || b.suppressed) expect(get('difference')).toMatchObject({ value: null, suppressed: true });
      else expect(get('difference')!.value).toBe(a.value! - b.value!);
    }
  });

  it('writes sentences from published cells only: each cell is the release value, each stated number comes from them', () => {
    expect(model.sentences.map((s) => s.rule)).toEqual(expect.arrayContaining(['total', 'body-largest', 'body-rise', 'month-record']));
    expect(model.sentences.find((s) => s.rule === 'month-record')!.ja).toContain('2025年10月');
    expect(model.sentences.length).toBeGreaterThanOrEqual(4);
    for (const s of model.sentences) {
      expect(s.cells.length, s.id).toBeGreaterThan(0);
      for (const ref of s.cells) {
        const cell = releaseCell(releaseOf(ref.period)!, ref.table, ref.row, ref.col);
        expect(cell, `${s.id}: ${ref.table} ${ref.row}/${ref.col}`).toBeDefined();
        expect(cell!.suppressed, `${s.id} uses a suppressed cell`).toBe(false);
        expect(cell!.value).toBe(ref.value);
      }
      for (const d of s.derived) {
        const [a, b] = [s.cells[d.of[0]]!.value, s.cells[d.of[1]]!.value];
        const expected =
          d.kind === 'difference' ? a - b : d.kind === 'share' ? Math.round((a / b) * 1000) / 10 : Math.round(((a - b) / b) * 1000) / 10;
        expect(d.value, `${s.id} ${d.kind}`).toBe(expected);
      }
      expect(unsupportedNumbers(s), `${s.id}: ${s.ja} / ${s.en}`).toEqual([]);
      expect(s.ja).toMatch(/。$/);
    }
    // The total as stated is the grand total of the release.
    const total = model.sentences.find((s) => s.rule === 'total')!;
    expect(total.ja).toContain(`${releaseCell(fy2025, 'consultations-by-body-month', TOTAL, TOTAL)!.value!.toLocaleString('ja-JP')}件`);
  });

  it('draws every chart value from the release, and never a suppressed cell', () => {
    const html = renderHtml(model);
    const sections = html.split('<section class="table').slice(1);
    let checked = 0;
    for (const part of sections) {
      const id = /aria-labelledby="t-([^"]+)"/.exec(part)![1]!;
      const t = model.tables.find((x) => x.id === id)!;
      for (const m of part.matchAll(/data-cell="([^"]+)"><title>([^<]*)<\/title>/g)) {
        const [row, col] = m[1]!.split('/') as [string, string];
        const cell = t.cells.find((c) => c.row === row && c.col === col)!;
        expect(cell.suppressed, `${id} ${m[1]} drawn with a value`).toBe(false);
        const shown = /([\d,]+)件?$/.exec(m[2]!)![1]!.replace(/,/g, '');
        expect(Number(shown), `${id} ${m[1]}`).toBe(cell.value);
        checked++;
      }
      for (const m of part.matchAll(/data-secret="([^"]+)"/g)) {
        const [row, col] = m[1]!.split('/') as [string, string];
        expect(t.cells.find((c) => c.row === row && c.col === col)!.suppressed, `${id} ${m[1]}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('shows no suppressed cell in any sentence, chart, table, CSV or JSON, and skips a rule whose input is suppressed', async () => {
    const suppressedCount = fy2025.tables.reduce((n, t) => n + suppressedKeys(t).size, 0);
    expect(suppressedCount, 'the seeded release has 秘匿 cells to protect').toBeGreaterThan(0);
    for (const t of fy2025.tables) {
      const hidden = suppressedKeys(t);
      const mine = model.tables.find((x) => x.id === t.id)!;
      for (const c of mine.cells)
        if (hidden.has(`${c.row}/${c.col}`)) expect(c).toEqual({ row: c.row, col: c.col, value: null, suppressed: true });
      for (const s of model.sentences)
        for (const ref of s.cells) expect(ref.table === t.id && ref.period === 'FY2025' && hidden.has(`${ref.row}/${ref.col}`)).toBe(false);
    }
    const csv = renderFiles(model, 'csv');
    const table = csv.find((f) => f.name.endsWith('-category-by-body.csv'))!.content;
    expect(table).toContain('X');
    // No wording that bounds a hidden value, anywhere (table titles aside: "18歳未満" names a table of children).
    let text = [renderHtml(model), ...csv.map((f) => f.content), renderFiles(model, 'json')[0]!.content].join('\n');
    for (const t of model.tables) text = text.split(t.titleJa).join('').split(t.titleEn).join('');
    for (const hint of ['未満', '以下', '少数', 'fewer than', 'less than', 'under 10', '1〜9', '1〜19', '10件未満'])
      expect(text, hint).not.toContain(hint);
    for (const s of model.sentences) expect(`${s.ja} ${s.en}`).not.toMatch(/秘匿|suppress|X/);

    // The same release with its grand total hidden: the rules reading it say nothing.
    const hiddenTotal: ReleaseSource = {
      releasedPeriods: () => source.releasedPeriods(),
      async release(period) {
        const r = structuredClone(await source.release(period));
        const t = r?.tables.find((x) => x.id === 'consultations-by-body-month');
        const grand = t?.cells.find((c) => c.row === TOTAL && c.col === TOTAL);
        if (grand) Object.assign(grand, { value: null, suppressed: true });
        return r;
      },
    };
    const guarded = await buildReport(hiddenTotal, 'FY2025');
    expect(guarded.sentences.map((s) => s.rule)).not.toContain('total');
    expect(guarded.sentences.map((s) => s.rule)).not.toContain('body-largest');
    expect(guarded.sentences.length).toBeGreaterThan(0);
  });

  it('says so for a period with no data, and refuses one whose months are not all released, naming them', async () => {
    const empty = await buildReport(source, '2023Q4');
    expect(empty.empty).toBe(true);
    expect(empty.sentences).toEqual([]);
    expect(renderHtml(empty)).toContain('この期間の公表統計には件数がありません');
    await expect(buildReport(source, '2026Q1')).rejects.toMatchObject({
      code: 'MONTHS_NOT_RELEASED',
      kind: 'conflict',
      details: { missing: ['2026-05', '2026-06'] },
    });
    await expect(buildReport(source, '2026Q1')).rejects.toThrow(/missing 2026-05, 2026-06/);
    const fy2026 = await buildReport(source, 'FY2026').catch((e: ReportError) => e);
    expect(fy2026).toBeInstanceOf(ReportError);
    expect((fy2026 as ReportError).details.missing).toHaveLength(11);
    await expect(buildReport(source, 'FY25')).rejects.toMatchObject({ code: 'BAD_PERIOD', kind: 'invalid' });
    await expect(buildReport(source, '2025Q5')).rejects.toMatchObject({ code: 'BAD_PERIOD', kind: 'invalid' });
  });

  it('gives byte-identical CSV and JSON for the same release and period', async () => {
    const again = await buildReport(statsReleaseSource(fx.database.db), 'FY2025');
    for (const format of ['csv', 'json'] as const) {
      const a = renderFiles(model, format);
      const b = renderFiles(again, format);
      expect(b.map((f) => f.name)).toEqual(a.map((f) => f.name));
      for (let i = 0; i < a.length; i++) expect(Buffer.from(b[i]!.content).equals(Buffer.from(a[i]!.content)), a[i]!.name).toBe(true);
    }
    expect(renderFiles(model, 'csv').length).toBe(model.tables.length + 1);
  });

  it('lets the secretariat edit and omit sentences, then freezes the approved version', () => {
    const edited = editSentence(model, 'total', { ja: '相談件数は前年度より増えました。' });
    const s = edited.sentences.find((x) => x.id === 'total')!;
    expect(s).toMatchObject({
      ja: '相談件数は前年度より増えました。',
      edited: true,
      generated: model.sentences.find((x) => x.id === 'total')!.generated,
    });
    expect(model.sentences.find((x) => x.id === 'total')!.edited).toBe(false);
    const omitted = omitSentence(edited, 'body-largest');
    expect(renderHtml(omitted)).not.toContain(model.sentences.find((x) => x.id === 'body-largest')!.ja);
    expect(() => editSentence(model, 'nope', { ja: 'x' })).toThrow(/no sentence "nope"/);
    expect(() => editSentence(model, 'total', { ja: '  ' })).toThrow(ReportError);
    const approved = approveReport(omitted, { version: 1, approvedBy: 'center', approvedAt: '2026-11-28T10:00:00Z' });
    expect(approved.status).toBe('approved');
    expect(approved.approval!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(approveReport(omitted, { version: 1, approvedBy: 'center', approvedAt: '2026-11-28T10:00:00Z' }).approval!.digest).toBe(
      approved.approval!.digest,
    );
    expect(() => editSentence(approved, 'total', { ja: '別の文。' })).toThrow(expect.objectContaining({ code: 'FROZEN' }));
    expect(() => {
      (approved.sentences[0] as { ja: string }).ja = 'changed';
    }).toThrow(TypeError);
    expect(renderHtml(approved)).toContain('承認版 第1版');
  });

  it('prints to PDF in Chromium: Japanese title and every table heading in its text, a drawn first page, a Japanese font embedded', async () => {
    browser = await launchChromium();
    const pdfPath = join(dir, 'report.pdf');
    writeFileSync(pdfPath, await renderPdf(renderHtml(model), { browser }));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(model.title.ja.replace(/\s+/g, ''));
    for (const t of model.tables) expect(text, t.titleJa).toContain(t.titleJa.replace(/\s+/g, ''));
    expect(text).toContain('目次');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(5);
    // Page numbers in the margin: "1 / N" on the first page.
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-'], { encoding: 'utf8' })).toContain(`1 / ${pages}`);
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '40', '-gray', pdfPath, join(dir, 'page')]);
    const pgm = readFileSync(join(dir, 'page-01.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const pixels = pgm.subarray(header[0].length);
    expect(pixels.length).toBe(Number(header[1]) * Number(header[2]));
    const dark = pixels.filter((p) => p < 128).length;
    expect(dark / pixels.length, 'page 1 has ink').toBeGreaterThan(0.005);
    const fonts = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' });
    const cjk = fonts.split('\n').filter((l) => /NotoSans(CJK)?JP|NotoSansCJK/i.test(l));
    expect(cjk.length, fonts).toBeGreaterThan(0);
    expect(cjk.some((l) => /\byes\b/.test(l.split(/\s+/).slice(-5).join(' ')))).toBe(true);
  }, 120_000);

  it('passes axe-core (WCAG 2.1 A and AA) with no serious or critical violation', async () => {
    browser ??= await launchChromium();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      for (const m of [model, await buildReport(source, '2023Q4')]) {
        await page.setContent(renderHtml(m), { waitUntil: 'load' });
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(
          bad.map(
            (v) =>
              `${v.id}: ${v.help} (${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join('; ')})`,
          ),
        ).toEqual([]);
      }
    } finally {
      await context.close();
    }
  }, 120_000);
});
