import { type StatLabel, type StatTable, TOTAL } from './tables.ts';

/** What a 秘匿 cell is written as in a CSV (defined in the file's legend row; e-Stat uses X too). */
export const SECRET_MARKER = 'X';

/** The byte-order mark Excel needs to read a CSV as UTF-8 (without it, Japanese turns to mojibake). */
export const BOM = '\uFEFF';

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (fields: (string | number)[]) => fields.map(csvField).join(',');

/** A header: the Japanese label with its code, e.g. `名誉毀損・誹謗中傷 (R01)`; margins are 計. */
export function headerLabel(label: StatLabel): string {
  if (label.code === TOTAL) return `計 (${TOTAL})`;
  return label.ja === label.code ? label.ja : `${label.ja} (${label.code})`;
}

export interface CsvContext {
  /** e.g. `2025年度 (FY2025)`. */
  periodJa: string;
  periodId: string;
  /** Extra lines under the title (e.g. 速報値). */
  notes?: string[];
}

/**
 * A statistics table as CSV for Excel: UTF-8 with a BOM, CRLF line ends, a title block (table,
 * period, the legend row defining the 秘匿 marker), then the table with Japanese headers carrying
 * their codes, margins included. Numbers are written plain (no thousands separators) so that they
 * stay numbers in a spreadsheet.
 */
export function tableCsv(table: StatTable, context: CsvContext): string {
  const rows = orderedWithTotal(table, 'rows');
  const cols = orderedWithTotal(table, 'cols');
  const byKey = new Map(table.cells.map((c) => [`${c.row}/${c.col}`, c]));
  const lines = [
    line(['表 (table)', `${table.titleJa} (${table.id})`]),
    line(['期間 (period)', `${context.periodJa} (${context.periodId})`]),
    line([
      '凡例 (legend)',
      `${SECRET_MARKER} = 秘匿（開示制御により非公表: 1〜${table.k - 1}件、またはそれを導けないよう併せて隠した値） / suppressed`,
    ]),
    line(['単位 (unit)', table.measure === 'median-days' ? '日（中央値） / median days' : '件 / count']),
    ...(context.notes ?? []).map((n) => line(['注 (note)', n])),
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

/** The table's rows or columns in order, with the margin (計) last when the table has one. */
export function orderedWithTotal(table: StatTable, axis: 'rows' | 'cols'): StatLabel[] {
  const labels = table[axis].filter((l) => l.code !== TOTAL);
  const hasTotal = table.cells.some((c) => (axis === 'rows' ? c.row : c.col) === TOTAL);
  return hasTotal ? [...labels, { code: TOTAL, ja: '計', en: 'Total' }] : labels;
}

/** Parses a CSV written by `tableCsv` back into fields (for checks: totals, markers). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && src[i + 1] === '\n') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}
