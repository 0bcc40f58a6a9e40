/**
 * The fact kinds statistics count, and the dimensions of each. Every kind has one rollup table
 * `stats.r_<kind>` keyed by (month, every dimension) with a count `n`; a published table is a 2-D
 * projection of one kind's rollup, so adding a table is a data change (data/tables.json) as long as
 * its dimensions belong to one kind.
 *
 * Dimension values are codes stored as text; '' means "none" (e.g. no operator for a platform that
 * is not designated), 'yes' / 'no' for flags.
 */
export const factKinds = {
  /** A consultation: the first case fact of a case. */
  consultation: ['body', 'category', 'platform_type', 'designated', 'operator', 'consulter', 'under18'],
  /** Each action a consultation asked for (one consultation may ask for several). */
  requested_action: ['body', 'category', 'requested_action', 'under18'],
  /** An action's outcome; `within_clock` is yes / no for actions with a statutory clock, '' otherwise. */
  action_outcome: ['body', 'action', 'outcome', 'category', 'designated', 'operator', 'within_clock'],
  /** A statutory clock that ran out without an outcome. */
  clock_missed: ['body', 'action', 'clock', 'designated'],
  /** A referral sent (counted once, when it is first requested). */
  referral: ['sender', 'recipient', 'kind', 'category'],
  /** A referral reaching its final status. */
  referral_final: ['sender', 'recipient', 'kind', 'category', 'final_status'],
  /** Days (calendar, JST) from sending to acknowledge / decide / complete: a histogram, for medians. */
  referral_days: ['sender', 'recipient', 'clock', 'days'],
  /** A referral clock kept or missed. */
  deadline: ['sender', 'recipient', 'clock', 'outcome'],
  /** URLs (keyed hashes) seen by two or more bodies: how many — never which, nor by whom. */
  url_duplicate: [],
} as const satisfies Record<string, readonly string[]>;

export type FactKind = keyof typeof factKinds;
export type Dimension = (typeof factKinds)[FactKind][number] | 'month';
export const factKindNames = Object.keys(factKinds) as FactKind[];

/** The dimensions that say which body a fact belongs to (a member sees facts where it is one of them). */
export const bodyDimensions: Record<FactKind, readonly string[]> = {
  consultation: ['body'],
  requested_action: ['body'],
  action_outcome: ['body'],
  clock_missed: ['body'],
  referral: ['sender', 'recipient'],
  referral_final: ['sender', 'recipient'],
  referral_days: ['sender', 'recipient'],
  deadline: ['sender', 'recipient'],
  url_duplicate: [],
};

/** A count to add to one cell of a rollup: (kind, month, dimension values in order). */
export interface RollupDelta {
  kind: FactKind;
  month: string;
  dims: string[];
  n: number;
}

export const yesNo = (flag: boolean | undefined | null) => (flag ? 'yes' : 'no');
