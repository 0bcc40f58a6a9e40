import type { StatTable } from '../src/tables.ts';

const months = [
  '2025-04',
  '2025-05',
  '2025-06',
  '2025-07',
  '2025-08',
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
];
const bodies = [
  { code: 'center', ja: '違法・有害情報相談センター', en: 'Consultation Center' },
  { code: 'sia', ja: 'セーファーインターネット協会', en: 'Safer Internet Association' },
];

/** A by-month table of two bodies with one suppressed cell (sia, July) and margins. */
export function monthlyTable(): StatTable {
  const cells = bodies.flatMap((b, i) =>
    months.map((m, j) => ({ row: b.code, col: m, value: i === 1 && j === 3 ? null : 100 + i * 10 + j, suppressed: i === 1 && j === 3 })),
  );
  const rowTotal = (code: string) => cells.filter((c) => c.row === code).reduce((s, c) => s + (c.value ?? 0), 0);
  return {
    id: 'consultations-by-body-month',
    titleJa: '機関別・月別 相談件数',
    titleEn: 'Consultations by body and month',
    measure: 'count',
    k: 10,
    rows: bodies,
    cols: months.map((m) => ({ code: m, ja: `${m.slice(0, 4)}年${Number(m.slice(5))}月`, en: m })),
    margins: { rows: true, cols: false, total: false },
    cells: [
      ...cells,
      { row: 'center', col: '_total', value: rowTotal('center'), suppressed: false },
      // A margin hidden with the cell it would reveal.
      { row: 'sia', col: '_total', value: null, suppressed: true },
    ],
  };
}

/** A category × platform-type matrix (too many series for bars) with hidden cells. */
export function matrixTable(): StatTable {
  const rows = Array.from({ length: 10 }, (_, i) => ({ code: `P${i}`, ja: `種別${i}`, en: `Type ${i}` }));
  const cols = Array.from({ length: 12 }, (_, j) => ({ code: `C${j}`, ja: `分類${j}`, en: `Category ${j}` }));
  return {
    id: 'platform-type-by-category',
    titleJa: 'プラットフォーム種別・相談分類別',
    titleEn: 'By platform type and category',
    measure: 'count',
    k: 10,
    rows,
    cols,
    cells: rows.flatMap((r, i) =>
      cols.map((c, j) => ({ row: r.code, col: c.code, value: (i + j) % 9 === 4 ? null : 10 + i * j, suppressed: (i + j) % 9 === 4 })),
    ),
  };
}
