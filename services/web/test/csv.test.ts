import { describe, expect, it } from 'vitest';
import { BOM, csvField, parseCsv, SECRET_MARKER, tableCsv } from '../src/csv.ts';
import { monthlyTable } from './fixtures.ts';

describe('CSV for Excel', () => {
  const csv = tableCsv(monthlyTable(), { periodJa: '2025年度', periodId: 'FY2025' });

  it('starts with a BOM, ends lines with CRLF, and defines the 秘匿 marker in a legend row', () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    const rows = parseCsv(csv);
    const legend = rows.find((r) => r[0] === '凡例 (legend)');
    expect(legend?.[1]).toMatch(new RegExp(`^${SECRET_MARKER} = 秘匿`));
  });

  it('has Japanese headers with codes, the margin as 計, and plain numbers', () => {
    const rows = parseCsv(csv);
    const header = rows.find((r) => r[0] === '項目 (code)')!;
    expect(header[1]).toBe('2025年4月 (2025-04)');
    expect(header.at(-1)).toBe('計 (_total)');
    const center = rows.find((r) => r[0] === '違法・有害情報相談センター (center)')!;
    expect(center[1]).toBe('100');
    const table = monthlyTable();
    expect(Number(center.at(-1))).toBe(table.cells.find((c) => c.row === 'center' && c.col === '_total')!.value);
  });

  it('writes every suppressed cell as the marker and never a number for it', () => {
    const rows = parseCsv(csv);
    const sia = rows.find((r) => r[0] === 'セーファーインターネット協会 (sia)')!;
    expect(sia[4]).toBe(SECRET_MARKER);
    expect(sia.at(-1)).toBe(SECRET_MARKER);
    expect(sia.filter((f) => f === SECRET_MARKER)).toHaveLength(2);
  });

  it('quotes fields that need it and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(1234)).toBe('1234');
    expect(parseCsv(`${BOM}"a,b",c\r\n`)).toEqual([['a,b', 'c']]);
  });
});
