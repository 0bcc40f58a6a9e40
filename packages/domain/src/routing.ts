import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a case's codes say about who should take it. */
export interface RoutingInput {
  category: string;
  /** Consulter type code (SELF, GRD, SCH, …). */
  consulter?: string | undefined;
  victimUnder18?: boolean | undefined;
}

export interface RoutingRule {
  id: string;
  when: { categories?: string[]; consulters?: string[]; victimUnder18?: boolean };
  suggest: { body: string; action: 'refer' | 'advise' }[];
  ja: string;
  en: string;
}

export interface RoutingSuggestion {
  body: string;
  /** refer: pass the case to that member; advise: point the person to that body. */
  action: 'refer' | 'advise';
  rule: string;
  /** Why, Japanese first. */
  reasonJa: string;
  reasonEn: string;
}

/** The council's division of labour (shared/DESIGN.md), as data: packages/domain/data/routing-rules.json. */
export const routingRules: RoutingRule[] = JSON.parse(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../data/routing-rules.json'), 'utf8'),
);

function matches(rule: RoutingRule, input: RoutingInput): boolean {
  const w = rule.when;
  if (w.categories && !w.categories.includes(input.category)) return false;
  if (w.consulters && (!input.consulter || !w.consulters.includes(input.consulter))) return false;
  if (w.victimUnder18 !== undefined && Boolean(input.victimUnder18) !== w.victimUnder18) return false;
  return true;
}

/**
 * Suggests who should take a case, and why, from the rules in order: every matching rule
 * contributes; the catch-all rule (no conditions) only when nothing else matched. Each body once.
 */
export function suggestRouting(input: RoutingInput, rules: RoutingRule[] = routingRules): RoutingSuggestion[] {
  const specific = rules.filter((r) => Object.keys(r.when).length > 0 && matches(r, input));
  const chosen = specific.length > 0 ? specific : rules.filter((r) => Object.keys(r.when).length === 0);
  const seen = new Set<string>();
  const out: RoutingSuggestion[] = [];
  for (const rule of chosen) {
    for (const s of rule.suggest) {
      if (seen.has(s.body)) continue;
      seen.add(s.body);
      out.push({ body: s.body, action: s.action, rule: rule.id, reasonJa: rule.ja, reasonEn: rule.en });
    }
  }
  return out;
}
