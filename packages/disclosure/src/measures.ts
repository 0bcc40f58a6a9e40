import { DisclosureError } from './model.ts';

/** A median, mean or other measure computed over `n` cases (e.g. median days to a platform's decision). */
export interface MeasureInput {
  id: string;
  value: number;
  /** How many cases the measure is computed over. */
  n: number;
  /** The threshold of its table. */
  k: number;
}

export interface MeasureResult {
  id: string;
  /** The measure, or null when suppressed. */
  value: number | null;
  status: 'published' | 'primary';
  k: number;
}

/**
 * Measures over fewer than k cases are suppressed like small counts: a median of three cases is
 * nearly one person's figure. (A measure reveals no count, so it needs no complements.)
 */
export function protectMeasures(measures: MeasureInput[]): MeasureResult[] {
  return measures.map((m) => {
    if (!Number.isSafeInteger(m.n) || m.n < 0)
      throw new DisclosureError('invalid_input', `measure ${m.id}: n must be a non-negative integer`);
    const hidden = m.n < m.k;
    return { id: m.id, value: hidden ? null : m.value, status: hidden ? 'primary' : 'published', k: m.k };
  });
}
