/**
 * An independent check of the LP audit: the integer feasibility interval of every suppressed cell,
 * found by constraint propagation and search over whole numbers, from a manifest alone (published
 * figures and constraints). No LP solver is involved. Only for small systems.
 */
import type { AuditManifest } from '../src/index.ts';

/** Stands for "unbounded": no count in these tests comes within half of it. */
export const CAP = 10_000;

interface Row {
  vars: number[];
  coefs: number[];
  rhs: number;
}

function propagate(rows: Row[], lo: number[], hi: number[]): boolean {
  for (let pass = 0; pass < 200; pass++) {
    let changed = false;
    for (const row of rows) {
      for (let t = 0; t < row.vars.length; t++) {
        const a = row.coefs[t]!;
        let restMin = 0;
        let restMax = 0;
        for (let u = 0; u < row.vars.length; u++) {
          if (u === t) continue;
          const b = row.coefs[u]!;
          const v = row.vars[u]!;
          restMin += b > 0 ? b * lo[v]! : b * hi[v]!;
          restMax += b > 0 ? b * hi[v]! : b * lo[v]!;
        }
        const v = row.vars[t]!;
        // a·x = rhs − rest
        const xa = (row.rhs - restMax) / a;
        const xb = (row.rhs - restMin) / a;
        const newLo = Math.max(lo[v]!, Math.ceil(Math.min(xa, xb) - 1e-9));
        const newHi = Math.min(hi[v]!, Math.floor(Math.max(xa, xb) + 1e-9));
        if (newLo > newHi) return false;
        if (newLo !== lo[v] || newHi !== hi[v]) {
          lo[v] = newLo;
          hi[v] = newHi;
          changed = true;
        }
      }
    }
    if (!changed) return true;
  }
  return true;
}

function feasible(rows: Row[], lo: number[], hi: number[]): boolean {
  const l = [...lo];
  const h = [...hi];
  if (!propagate(rows, l, h)) return false;
  let pick = -1;
  for (let v = 0; v < l.length; v++) if (l[v] !== h[v] && (pick < 0 || h[v]! - l[v]! < h[pick]! - l[pick]!)) pick = v;
  if (pick < 0) return rows.every((r) => r.vars.reduce((s, v, t) => s + r.coefs[t]! * l[v]!, 0) === r.rhs);
  // Split the smallest domain in two halves.
  const mid = Math.floor((l[pick]! + h[pick]!) / 2);
  const h1 = [...h];
  h1[pick] = mid;
  if (feasible(rows, l, h1)) return true;
  const l2 = [...l];
  l2[pick] = mid + 1;
  return feasible(rows, l2, h);
}

/** Integer min and max of each suppressed cell (`hi` = Infinity when it reaches half the cap). */
export function integerIntervals(m: AuditManifest): Map<string, { lo: number; hi: number }> {
  const hidden = m.cells.filter((c) => c.value === null).map((c) => c.id);
  const column = new Map(hidden.map((id, j) => [id, j]));
  const value = new Map(m.cells.map((c) => [c.id, c.value]));
  const rows: Row[] = [];
  for (const con of m.constraints) {
    const row: Row = { vars: [], coefs: [], rhs: 0 };
    for (const t of con.terms) {
      const j = column.get(t.cell);
      if (j === undefined) row.rhs -= t.coef * value.get(t.cell)!;
      else {
        row.vars.push(j);
        row.coefs.push(t.coef);
      }
    }
    if (row.vars.length > 0) rows.push(row);
  }
  const lo0 = hidden.map(() => 0);
  const hi0 = hidden.map(() => CAP);
  const out = new Map<string, { lo: number; hi: number }>();
  for (const [j, id] of hidden.entries()) {
    const l = [...lo0];
    const h = [...hi0];
    if (!propagate(rows, l, h)) throw new Error('no integer table fits the manifest');
    // "Some integer table has x ≥ t" is monotone in t (and "x ≤ t" likewise): bisect on it.
    const reaches = (lower: number, upper: number) => {
      const a = [...l];
      const b = [...h];
      a[j] = Math.max(a[j]!, lower);
      b[j] = Math.min(b[j]!, upper);
      return a[j]! <= b[j]! && feasible(rows, a, b);
    };
    let lo = l[j]!;
    let top = h[j]!;
    while (lo < top) {
      const mid = Math.floor((lo + top) / 2);
      if (reaches(0, mid)) top = mid;
      else lo = mid + 1;
    }
    let hi: number;
    // Every cell is capped, so an unbounded cell still reaches half the cap.
    if (reaches(CAP / 2, CAP)) hi = Number.POSITIVE_INFINITY;
    else {
      let bottom = lo;
      hi = h[j]!;
      while (bottom < hi) {
        const mid = Math.ceil((bottom + hi) / 2);
        if (reaches(mid, CAP)) bottom = mid;
        else hi = mid - 1;
      }
    }
    out.set(id, { lo, hi });
  }
  return out;
}
