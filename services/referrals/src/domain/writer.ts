import { auditShape } from '@liaison/audit';
import { Batcher, type InsertShape, multiInsert, type Pool } from '@liaison/db';
import { outboxShape } from '@liaison/events';
import { outbox } from '../db/schema.ts';

/** Everything one new referral writes: its row, its event (none for a draft), its audit entry, its clocks. */
export interface NewReferralRows {
  referral: unknown[];
  outbox: unknown[] | null;
  audit: unknown[];
  clocks: unknown[][];
}

const referralShape: InsertShape = {
  table: 'referrals.referrals',
  columns: [
    'id',
    'sender',
    'recipient',
    'kind',
    'category',
    'status',
    'urgent',
    'created_by',
    'created_at',
    'updated_at',
    'routing_suggested',
    'routing_followed',
    'routing_override_reason',
    'package_id',
    'case_id',
    'sent_at',
  ],
};
const clockShape: InsertShape = { table: 'referrals.deadlines', columns: ['id', 'referral_id', 'clock', 'due_at', 'approaching_at'] };
const eventShape = outboxShape(outbox);

/** Referrals written per statement at the most. */
const MAX_BATCH = 64;

/**
 * Group commit for new referrals (a {@link Batcher}): while one statement is on its way, the
 * referrals that arrive meanwhile wait and then go together in the next one — each referral with
 * its event, audit entry and clocks, all rows in one statement (data-modifying CTEs), so each is as
 * atomic as alone. An idle writer sends at once; under load, one round trip and one commit serve
 * many requests.
 */
export class ReferralWriter {
  /** Answers each referral with the error that refused it, or null once it is committed. */
  private readonly batcher: Batcher<NewReferralRows, { error: unknown } | null>;

  constructor(private readonly pool: Pool) {
    this.batcher = new Batcher((batch) => this.writeBatch(batch), { maxBatch: MAX_BATCH });
  }

  /** Resolves once the referral and everything it writes are committed. */
  async write(rows: NewReferralRows): Promise<void> {
    const refused = await this.batcher.submit(rows);
    if (refused) throw refused.error;
  }

  private async writeBatch(batch: NewReferralRows[]): Promise<({ error: unknown } | null)[]> {
    try {
      await this.pool.query(statement(batch));
      return batch.map(() => null);
    } catch (error) {
      return batch.length === 1 ? [{ error }] : this.oneByOne(batch);
    }
  }

  /**
   * A grouped statement is all or nothing: one row Postgres refuses (a NUL byte, a constraint)
   * would fail every referral that happened to share it. So after a failed group, each referral
   * is written alone: the others commit, and only the bad one fails, with its own error.
   */
  private async oneByOne(batch: NewReferralRows[]): Promise<({ error: unknown } | null)[]> {
    const outcomes: ({ error: unknown } | null)[] = [];
    for (const rows of batch) {
      try {
        await this.pool.query(statement([rows]));
        outcomes.push(null);
      } catch (error) {
        outcomes.push({ error });
      }
    }
    return outcomes;
  }
}

function statement(batch: NewReferralRows[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const part = (shape: InsertShape, rows: unknown[][]) => {
    const q = multiInsert(shape, rows, values.length + 1);
    values.push(...q.values);
    return q.text;
  };
  const state = part(
    referralShape,
    batch.map((b) => b.referral),
  );
  const eventRows = batch.flatMap((b) => (b.outbox ? [b.outbox] : []));
  const events = eventRows.length > 0 ? `, events as (${part(eventShape, eventRows)})` : '';
  const audited = part(
    auditShape,
    batch.map((b) => b.audit),
  );
  const clockRows = batch.flatMap((b) => b.clocks);
  const clocks = clockRows.length > 0 ? `, clocks as (${part(clockShape, clockRows)})` : '';
  return {
    text: `with state as (${state} returning id)${events}, audited as (${audited})${clocks} select count(*) from state`,
    values,
  };
}
