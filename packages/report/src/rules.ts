import type { CellRef, Derived, ReportModel, Sentence } from './model.ts';
import { TOTAL } from './model.ts';
import { MONTHS_EN } from './period.ts';
import type { SourceRelease, SourceTable } from './source.ts';

/**
 * The rules that write the report's sentences, in plain Japanese and English. Each reads published
 * cells only, and records them (with what it computed from them) in the sentence. A rule whose
 * inputs include a suppressed (秘匿) cell — or a cell that is missing — writes nothing: a sentence
 * never describes, bounds or hints at a hidden value, and a ranking over a hidden cell would.
 *
 *   total              the consultations' grand total, and its change against a year earlier
 *   body-largest       the body with the most consultations, and its share
 *   body-rise/fall     the largest rise and fall of a body's consultations against a year earlier
 *   month-record       the month with the most consultations in the period
 *   category-largest   the most frequent category, and its share
 *   category-rise/fall the largest rise and fall of a category against a year earlier
 *   platform-largest   the most frequent platform type (a known type), and its share
 *   art25-7days        the share of Art. 25 requests decided and notified within 7 days
 *   referral-total     referrals between bodies, and their change against a year earlier
 *   referral-largest   the largest flow sender → recipient, and its share
 *   deadline-kept      the share of referral deadlines kept
 *   outcome-largest    the most frequent action outcome, and its share
 */

/** Thrown inside a rule when an input is suppressed or absent: the rule is skipped. */
class Skip extends Error {}

const ja = (n: number) => n.toLocaleString('ja-JP');
const en = (n: number) => n.toLocaleString('en-US');
const pct = (n: number) => Math.abs(n).toFixed(1);
const round1 = (x: number) => Math.round(x * 10) / 10;

interface Draft {
  cells: CellRef[];
  derived: Derived[];
}

/** Reads published cells for one rule, remembering each; a suppressed or missing cell skips the rule. */
class Reader {
  readonly draft: Draft = { cells: [], derived: [] };
  constructor(private readonly releases: { current: SourceRelease; previous: SourceRelease | undefined }) {}

  table(id: string, which: 'current' | 'previous' = 'current'): SourceTable {
    const release = this.releases[which];
    const t = release?.tables.find((x) => x.id === id);
    if (!t) throw new Skip();
    return t;
  }

  /** A published cell's value (remembered as an input); its index in the sentence's cells. */
  cell(id: string, row: string, col: string, which: 'current' | 'previous' = 'current'): { value: number; index: number } {
    const t = this.table(id, which);
    const c = t.cells.find((x) => x.row === row && x.col === col);
    if (!c || c.suppressed || c.value === null) throw new Skip();
    const period = this.releases[which]!.period;
    const known = this.draft.cells.findIndex((x) => x.table === id && x.period === period && x.row === row && x.col === col);
    if (known >= 0) return { value: c.value, index: known };
    this.draft.cells.push({ table: id, period, row, col, value: c.value });
    return { value: c.value, index: this.draft.cells.length - 1 };
  }

  share(a: { value: number; index: number }, b: { value: number; index: number }): number {
    if (b.value === 0) throw new Skip();
    const value = round1((a.value / b.value) * 100);
    this.draft.derived.push({ kind: 'share', of: [a.index, b.index], value });
    return value;
  }

  change(a: { value: number; index: number }, b: { value: number; index: number }): { difference: number; change: number | undefined } {
    const difference = a.value - b.value;
    this.draft.derived.push({ kind: 'difference', of: [a.index, b.index], value: difference });
    if (b.value === 0) return { difference, change: undefined };
    const change = round1((difference / b.value) * 100);
    this.draft.derived.push({ kind: 'change', of: [a.index, b.index], value: change });
    return { difference, change };
  }
}

type Labelled = { code: string; ja: string; en: string };

/** The single largest of `candidates` (every one published, else skip); skipped on a tie or when all are zero. */
function largest<T extends { value: number }>(candidates: T[]): T {
  if (candidates.length === 0) throw new Skip();
  const sorted = [...candidates].sort((a, b) => b.value - a.value);
  if (sorted[0]!.value <= 0 || (sorted[1] && sorted[1].value === sorted[0]!.value)) throw new Skip();
  return sorted[0]!;
}

/** "up 12 (3.4%)" in both languages, or the same. */
function changeText(d: { difference: number; change: number | undefined }): { ja: string; en: string } {
  if (d.difference === 0) return { ja: '同じでした', en: 'unchanged' };
  const rate = d.change === undefined ? '' : `（${pct(d.change)}%）`;
  const rateEn = d.change === undefined ? '' : ` (${pct(d.change)}%)`;
  return d.difference > 0
    ? { ja: `${ja(d.difference)}件${rate}増えました`, en: `up ${en(d.difference)}${rateEn}` }
    : { ja: `${ja(-d.difference)}件${rate}減りました`, en: `down ${en(-d.difference)}${rateEn}` };
}

type Rule = (r: Reader, ctx: { previous: boolean; model: ReportModel }) => { ja: string; en: string };

/** The totals along one axis of a release table, each published (else skip). */
function margins(
  r: Reader,
  table: string,
  along: 'rows' | 'cols',
  which: 'current' | 'previous' = 'current',
  keep: (l: Labelled) => boolean = () => true,
) {
  const t = r.table(table, which);
  return (along === 'rows' ? t.rows : t.cols)
    .filter(keep)
    .map((l) => ({ label: l, ...(along === 'rows' ? r.cell(table, l.code, TOTAL, which) : r.cell(table, TOTAL, l.code, which)) }));
}

function largestShare(
  table: string,
  along: 'rows' | 'cols',
  keep: (l: Labelled) => boolean,
  text: (name: Labelled, n: number, share: number) => { ja: string; en: string },
): Rule {
  return (r) => {
    const top = largest(margins(r, table, along, 'current', keep));
    const all = r.cell(table, TOTAL, TOTAL);
    return text(top.label, top.value, r.share(top, all));
  };
}

function riseOrFall(
  table: string,
  along: 'rows' | 'cols',
  direction: 'rise' | 'fall',
  text: (name: Labelled, now: number, before: number, d: { difference: number; change: number | undefined }) => { ja: string; en: string },
): Rule {
  return (r, ctx) => {
    if (!ctx.previous) throw new Skip();
    const now = margins(r, table, along, 'current');
    const before = new Map(margins(r, table, along, 'previous').map((x) => [x.label.code, x]));
    const pairs = now.flatMap((x) => {
      const b = before.get(x.label.code);
      return b ? [{ label: x.label, a: x, b, value: direction === 'rise' ? x.value - b.value : b.value - x.value }] : [];
    });
    const top = largest(pairs);
    return text(top.label, top.a.value, top.b.value, r.change(top.a, top.b));
  };
}

function totalWithChange(table: string, lead: { ja: string; en: string }): Rule {
  return (r, ctx) => {
    const a = r.cell(table, TOTAL, TOTAL);
    if (!ctx.previous) return { ja: `${lead.ja}は計${ja(a.value)}件でした。`, en: `${lead.en} totalled ${en(a.value)}.` };
    const b = r.cell(table, TOTAL, TOTAL, 'previous');
    const c = changeText(r.change(a, b));
    return {
      ja: `${lead.ja}は計${ja(a.value)}件で、前年同期（${ja(b.value)}件）と比べて${c.ja}。`,
      en: `${lead.en} totalled ${en(a.value)}, ${c.en} from ${en(b.value)} a year earlier.`,
    };
  };
}

const notNone = (l: Labelled) => l.code !== 'none';

const RULES: [string, Rule][] = [
  ['total', totalWithChange('consultations-by-body-month', { ja: '相談件数', en: 'Consultations' })],
  [
    'body-largest',
    largestShare(
      'consultations-by-body-month',
      'rows',
      () => true,
      (b, n, s) => ({
        ja: `機関別では${b.ja}が最も多く、${ja(n)}件（全体の${pct(s)}%）でした。`,
        en: `${b.en} received the most consultations: ${en(n)} (${pct(s)}% of all).`,
      }),
    ),
  ],
  [
    'body-rise',
    riseOrFall('consultations-by-body-month', 'rows', 'rise', (b, now, before, d) => ({
      ja: `前年同期より最も増えたのは${b.ja}で、${ja(before)}件から${ja(now)}件へ${changeText(d).ja}。`,
      en: `The largest rise was at ${b.en}: from ${en(before)} to ${en(now)}, ${changeText(d).en}.`,
    })),
  ],
  [
    'body-fall',
    riseOrFall('consultations-by-body-month', 'rows', 'fall', (b, now, before, d) => ({
      ja: `前年同期より最も減ったのは${b.ja}で、${ja(before)}件から${ja(now)}件へ${changeText(d).ja}。`,
      en: `The largest fall was at ${b.en}: from ${en(before)} to ${en(now)}, ${changeText(d).en}.`,
    })),
  ],
  [
    'month-record',
    (r, ctx) => {
      if (ctx.model.period.months.length < 2) throw new Skip();
      const top = largest(margins(r, 'consultations-by-body-month', 'cols'));
      const m = top.label.code;
      return {
        ja: `月別では${m.slice(0, 4)}年${Number(m.slice(5))}月が最も多く、${ja(top.value)}件でした。`,
        en: `The busiest month was ${MONTHS_EN[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}, with ${en(top.value)} consultations.`,
      };
    },
  ],
  [
    'category-largest',
    largestShare(
      'category-by-body',
      'rows',
      () => true,
      (c, n, s) => ({
        ja: `相談分類では「${c.ja}」が最も多く、${ja(n)}件（全体の${pct(s)}%）でした。`,
        en: `The most frequent category was "${c.en}": ${en(n)} (${pct(s)}% of all).`,
      }),
    ),
  ],
  [
    'category-rise',
    riseOrFall('category-by-body', 'rows', 'rise', (c, now, before, d) => ({
      ja: `前年同期より最も増えた相談分類は「${c.ja}」で、${ja(before)}件から${ja(now)}件へ${changeText(d).ja}。`,
      en: `The category that rose most was "${c.en}": from ${en(before)} to ${en(now)}, ${changeText(d).en}.`,
    })),
  ],
  [
    'category-fall',
    riseOrFall('category-by-body', 'rows', 'fall', (c, now, before, d) => ({
      ja: `前年同期より最も減った相談分類は「${c.ja}」で、${ja(before)}件から${ja(now)}件へ${changeText(d).ja}。`,
      en: `The category that fell most was "${c.en}": from ${en(before)} to ${en(now)}, ${changeText(d).en}.`,
    })),
  ],
  [
    'platform-largest',
    largestShare('platform-type-by-category', 'rows', notNone, (p, n, s) => ({
      ja: `プラットフォーム種別では${p.ja}が最も多く、${ja(n)}件（全体の${pct(s)}%）でした。`,
      en: `By platform type, ${p.en} came first: ${en(n)} (${pct(s)}% of all).`,
    })),
  ],
  [
    'art25-7days',
    (r) => {
      const yes = r.cell('art25-within-7-days', TOTAL, 'yes');
      const all = r.cell('art25-within-7-days', TOTAL, TOTAL);
      const s = r.share(yes, all);
      return {
        ja: `指定大規模プラットフォームへの25条申出${ja(all.value)}件のうち、7日以内に判断・通知されたのは${ja(yes.value)}件（${pct(s)}%）でした。`,
        en: `Of ${en(all.value)} Art. 25 requests to designated platforms, ${en(yes.value)} (${pct(s)}%) were decided and notified within 7 days.`,
      };
    },
  ],
  ['referral-total', totalWithChange('referral-flows', { ja: '機関間の照会・移送', en: 'Referrals between bodies' })],
  [
    'referral-largest',
    (r) => {
      const t = r.table('referral-flows');
      const flows = t.rows.flatMap((s) => t.cols.map((c) => ({ s, c, ...r.cell('referral-flows', s.code, c.code) })));
      const top = largest(flows);
      const share = r.share(top, r.cell('referral-flows', TOTAL, TOTAL));
      return {
        ja: `照会・移送で最も多かったのは${top.s.ja}から${top.c.ja}への${ja(top.value)}件（全体の${pct(share)}%）でした。`,
        en: `The largest referral flow was from ${top.s.en} to ${top.c.en}: ${en(top.value)} (${pct(share)}% of all).`,
      };
    },
  ],
  [
    'deadline-kept',
    (r) => {
      const kept = r.cell('deadline-compliance-by-recipient', TOTAL, 'kept');
      const all = r.cell('deadline-compliance-by-recipient', TOTAL, TOTAL);
      const s = r.share(kept, all);
      return {
        ja: `照会の期限${ja(all.value)}件のうち、期限内に対応されたのは${ja(kept.value)}件（${pct(s)}%）でした。`,
        en: `Of ${en(all.value)} referral deadlines, ${en(kept.value)} (${pct(s)}%) were kept.`,
      };
    },
  ],
  [
    'outcome-largest',
    largestShare(
      'outcome-by-category',
      'rows',
      () => true,
      (o, n, s) => ({
        ja: `対応結果では「${o.ja}」が最も多く、${ja(n)}件（全体の${pct(s)}%）でした。`,
        en: `The most frequent outcome was "${o.en}": ${en(n)} (${pct(s)}% of all).`,
      }),
    ),
  ],
];

/** The rule ids, in the order their sentences appear. */
export const ruleIds = RULES.map(([id]) => id);

/** Runs every rule over the period's release (and the year before's); a rule that cannot speak without a hidden cell is left out. */
export function writeSentences(input: { current: SourceRelease; previous: SourceRelease | undefined; model: ReportModel }): Sentence[] {
  const out: Sentence[] = [];
  for (const [id, rule] of RULES) {
    const reader = new Reader({ current: input.current, previous: input.previous });
    try {
      const text = rule(reader, { previous: !!input.previous, model: input.model });
      out.push({
        id,
        rule: id,
        ja: text.ja,
        en: text.en,
        cells: reader.draft.cells,
        derived: reader.draft.derived,
        generated: { ja: text.ja, en: text.en },
        edited: false,
        omitted: false,
      });
    } catch (err) {
      if (!(err instanceof Skip)) throw err;
    }
  }
  return out;
}
