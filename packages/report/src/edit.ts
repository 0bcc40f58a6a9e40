import { createHash } from 'node:crypto';
import type { Approval, ReportModel, Sentence } from './model.ts';
import { ReportError } from './model.ts';

const copy = (model: ReportModel): ReportModel => structuredClone(model);

function draftOnly(model: ReportModel): void {
  if (model.status === 'approved')
    throw new ReportError(
      'FROZEN',
      `the report of ${model.period.id} is approved (version ${model.approval?.version}); edit a new draft instead`,
      { period: model.period.id },
    );
}

function sentenceOf(model: ReportModel, id: string): Sentence {
  const s = model.sentences.find((x) => x.id === id);
  if (!s)
    throw new ReportError(
      'NO_SENTENCE',
      `no sentence "${id}" in this report (its sentences: ${model.sentences.map((x) => x.id).join(', ') || 'none'})`,
      { field: 'sentence', id },
    );
  return s;
}

/**
 * The secretariat's wording of one sentence (Japanese, English or both); returns a new draft, the
 * rule's own text kept beside it (`generated`) with the cells it came from.
 */
export function editSentence(model: ReportModel, id: string, text: { ja?: string; en?: string }): ReportModel {
  draftOnly(model);
  const next = copy(model);
  const s = sentenceOf(next, id);
  for (const lang of ['ja', 'en'] as const) {
    const value = text[lang];
    if (value === undefined) continue;
    if (value.trim() === '')
      throw new ReportError(
        'BAD_EDIT',
        `sentence "${id}": the ${lang === 'ja' ? 'Japanese' : 'English'} text is empty (omit the sentence instead)`,
        { field: lang, id },
      );
    s[lang] = value.trim();
  }
  s.edited = s.ja !== s.generated.ja || s.en !== s.generated.en;
  return next;
}

/** Leaves a sentence out of the report (or puts it back); returns a new draft. */
export function omitSentence(model: ReportModel, id: string, omitted = true): ReportModel {
  draftOnly(model);
  const next = copy(model);
  sentenceOf(next, id).omitted = omitted;
  return next;
}

/** sha256 of a model's content, its approval left out: the identity of an approved version. */
export function reportDigest(model: ReportModel): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...model, status: 'approved', approval: null }))
    .digest('hex');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Approves a draft: the returned model is frozen (any edit refuses with FROZEN) and carries its
 * version, approver, time and digest. Storing versions is the caller's (services/secretariat).
 */
export function approveReport(model: ReportModel, approval: Omit<Approval, 'digest'>): ReportModel {
  draftOnly(model);
  if (!Number.isInteger(approval.version) || approval.version < 1)
    throw new ReportError('BAD_EDIT', 'approval version must be a whole number ≥ 1', { field: 'version' });
  if (!approval.approvedBy.trim()) throw new ReportError('BAD_EDIT', 'approvedBy is required', { field: 'approvedBy' });
  if (Number.isNaN(Date.parse(approval.approvedAt)))
    throw new ReportError('BAD_EDIT', 'approvedAt must be an ISO date-time', { field: 'approvedAt' });
  const next = copy(model);
  next.status = 'approved';
  next.approval = {
    version: approval.version,
    approvedBy: approval.approvedBy,
    approvedAt: approval.approvedAt,
    digest: reportDigest(next),
  };
  return deepFreeze(next);
}

/**
 * The numbers a sentence states that do not come from its cells or what was computed from them —
 * for the secretariat's editor to flag after an edit. Years, months and the statutes' own numbers
 * (25条, 7日) are not data.
 */
export function unsupportedNumbers(sentence: Pick<Sentence, 'ja' | 'en' | 'cells' | 'derived'>): string[] {
  const known = new Set<string>();
  for (const c of sentence.cells) known.add(String(c.value));
  for (const d of sentence.derived) {
    known.add(String(Math.abs(d.value)));
    known.add(Math.abs(d.value).toFixed(1));
  }
  const out: string[] = [];
  for (const text of [sentence.ja, sentence.en]) {
    const stripped = text
      .replace(/\d{4}年度?(\d{1,2}月)?/g, '')
      .replace(/(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/g, '')
      .replace(/25条|Art\. 25|7日|7 days/g, '');
    for (const m of stripped.match(/\d[\d,]*(\.\d+)?/g) ?? []) {
      const n = m.replace(/,/g, '');
      if (!known.has(n)) out.push(m);
    }
  }
  return out;
}
