import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from '@liaison/db';
import type { CloudEvent } from '@liaison/events';
import { from as copyFrom } from 'pg-copy-streams';
import { drizzle } from 'drizzle-orm/node-postgres';
import { applyEvents, RELEASE_LOCK } from '../domain/facts.ts';
import { loadProjections, rebuildProjection } from '../domain/projections.ts';
import { yesNo } from '../domain/kinds.ts';
import { jstMonth } from '../domain/periods.ts';

/**
 * The bulk path for large volumes (seeding, benchmarks): facts go into their tables with COPY and
 * the rollups are computed once at the end with set-based SQL, instead of one upsert per event.
 * Referral and deadline events (a small share) take the event path. It gives the same rollups as
 * the consumer (proved on a sample by a test) and is for an empty statistics schema only: it does
 * not know about released months or facts already counted.
 */
export class BulkLoader {
  private consultations = 0;
  private readonly lanes = {
    consultations: [] as string[],
    sightings: [] as string[],
    outcomes: [] as string[],
    misses: [] as string[],
  };
  private readonly other: CloudEvent[] = [];
  /** The write in flight: the next batch is generated while this one is copied (one at a time, in order). */
  private inflight: Promise<void> = Promise.resolve();
  /** Whether URLs had been seen before the load (then only the loaded hashes are re-examined). */
  private sightingsBefore = true;

  constructor(private readonly database: Database) {}

  /** Checks the schema is empty of counted facts, and makes the staging table. */
  async begin(): Promise<void> {
    const { rows } = await this.database.pool.query<{ n: string }>(
      `select (select count(*) from stats.consultations) + (select count(*) from stats.action_outcomes) + (select count(*) from stats.referrals) + (select count(*) from stats.released_months) as n`,
    );
    if (Number(rows[0]?.n) > 0)
      throw new Error('the bulk path loads into an empty statistics schema only (facts or releases exist already)');
    const sightings = await this.database.pool.query<{ any: boolean }>('select exists (select 1 from stats.url_sightings) as any');
    this.sightingsBefore = sightings.rows[0]?.any ?? false;
    // Facts are copied into staging tables and moved in one transaction at the end, so that a
    // release never sees half a load and the consumer's own facts are never counted twice.
    const q = (text: string) => this.database.pool.query(text);
    await q('drop table if exists stats.bulk_consultations, stats.bulk_outcomes, stats.bulk_misses, stats.bulk_sightings');
    await q('create unlogged table stats.bulk_consultations (like stats.consultations)');
    await q('create unlogged table stats.bulk_outcomes (like stats.action_outcomes)');
    await q('create unlogged table stats.bulk_misses (like stats.clock_misses)');
    await q('create unlogged table stats.bulk_sightings (hash text not null, body text not null, seen timestamptz not null)');
  }

  /** Adds a batch of events: case facts, outcomes and clock misses to COPY; the rest straight through the event path. */
  async add(events: CloudEvent[]): Promise<void> {
    for (const e of events) {
      switch (e.type) {
        case 'jp.liaison.case.fact.v1': {
          const d = (e as CloudEvent<'jp.liaison.case.fact.v1'>).data;
          this.consultations++;
          const operator = d.designatedPlatform ? (d.operator ?? '') : '';
          this.lanes.consultations.push(
            line([
              d.caseId,
              jstMonth(new Date(e.time)),
              d.agency,
              d.category,
              d.platformType ?? '',
              yesNo(d.designatedPlatform),
              operator,
              d.consulter,
              yesNo(d.victimUnder18),
              `{${[...new Set(d.requestedActions)].join(',')}}`,
              e.time,
            ]),
          );
          for (const h of d.urlHashes) this.lanes.sightings.push(line([h, d.agency, e.time]));
          break;
        }
        case 'jp.liaison.case.action_outcome.v1': {
          const d = (e as CloudEvent<'jp.liaison.case.action_outcome.v1'>).data;
          this.lanes.outcomes.push(
            line([
              e.id,
              jstMonth(new Date(e.time)),
              d.agency,
              d.action,
              d.outcome,
              d.category,
              yesNo(d.designatedPlatform),
              d.designatedPlatform ? (d.operator ?? '') : '',
              d.clock ? yesNo(d.withinClock) : '',
            ]),
          );
          break;
        }
        case 'jp.liaison.case.clock_missed.v1': {
          const d = (e as CloudEvent<'jp.liaison.case.clock_missed.v1'>).data;
          this.lanes.misses.push(line([d.actionId, jstMonth(new Date(e.time)), d.agency, d.action, d.clock, yesNo(d.designatedPlatform)]));
          break;
        }
        default:
          this.other.push(e);
      }
    }
    if (this.lanes.consultations.length >= 50_000) {
      await this.inflight;
      this.inflight = this.write();
      // Handled here so a failure waits for the next await (add, flush) instead of crashing the process.
      this.inflight.catch(() => {});
    }
  }

  /** Drops what was staged; nothing is counted. */
  async abandon(): Promise<void> {
    await this.inflight.catch(() => {});
    await this.database.pool.query(
      'drop table if exists stats.bulk_consultations, stats.bulk_outcomes, stats.bulk_misses, stats.bulk_sightings',
    );
  }

  /** Consultations added so far. */
  get count(): number {
    return this.consultations;
  }

  private async copy(table: string, columns: string, rows: string[]): Promise<void> {
    if (rows.length === 0) return;
    const client = await this.database.pool.connect();
    try {
      const stream = client.query(copyFrom(`copy ${table} (${columns}) from stdin`));
      await pipeline(Readable.from(chunks(rows)), stream);
    } finally {
      client.release();
    }
  }

  /** Writes what is buffered (after the write in flight). */
  async flush(): Promise<void> {
    await this.inflight;
    return this.write();
  }

  private async write(): Promise<void> {
    const { consultations, sightings, outcomes, misses } = this.lanes;
    this.lanes.consultations = [];
    this.lanes.sightings = [];
    this.lanes.outcomes = [];
    this.lanes.misses = [];
    await Promise.all([
      this.copy(
        'stats.bulk_consultations',
        'case_id, month, body, category, platform_type, designated, operator, consulter, under18, requested_actions, recorded_at',
        consultations,
      ),
      this.copy('stats.bulk_sightings', 'hash, body, seen', sightings),
      this.copy('stats.bulk_outcomes', 'fact_id, month, body, action, outcome, category, designated, operator, within_clock', outcomes),
      this.copy('stats.bulk_misses', 'action_id, month, body, action, clock, designated', misses),
    ]);
    const other = this.other.splice(0);
    for (let i = 0; i < other.length; i += 2000) await this.database.db.transaction((tx) => applyEvents(tx, other.slice(i, i + 2000)));
  }

  /** Flushes, then — in one transaction — moves the staged facts in and adds their rollups with set-based SQL. */
  async finish(): Promise<void> {
    await this.flush();
    const client = await this.database.pool.connect();
    const q = (text: string) => client.query(text);
    try {
      await q('begin');
      await q(`select pg_advisory_xact_lock(hashtext('${RELEASE_LOCK}'))`);
      // Big sorts and hashes in memory; rows in key order, so the primary-key b-trees fill sequentially.
      await q(`set local work_mem = '256MB'`);
      await q('insert into stats.consultations select * from stats.bulk_consultations order by case_id');
      await q('insert into stats.action_outcomes select * from stats.bulk_outcomes order by fact_id');
      await q('insert into stats.clock_misses select * from stats.bulk_misses order by action_id');
      await q(`insert into stats.r_consultation (month, body, category, platform_type, designated, operator, consulter, under18, n)
               select month, body, category, platform_type, designated, operator, consulter, under18, count(*) from stats.bulk_consultations
               group by 1, 2, 3, 4, 5, 6, 7, 8
               on conflict on constraint r_consultation_pk do update set n = stats.r_consultation.n + excluded.n`);
      await q(`insert into stats.r_requested_action (month, body, category, requested_action, under18, n)
               select month, body, category, a, under18, count(*) from stats.bulk_consultations, unnest(requested_actions) as a
               group by 1, 2, 3, 4, 5
               on conflict on constraint r_requested_action_pk do update set n = stats.r_requested_action.n + excluded.n`);
      await q(`insert into stats.r_action_outcome (month, body, action, outcome, category, designated, operator, within_clock, n)
               select month, body, action, outcome, category, designated, operator, within_clock, count(*) from stats.bulk_outcomes
               group by 1, 2, 3, 4, 5, 6, 7, 8
               on conflict on constraint r_action_outcome_pk do update set n = stats.r_action_outcome.n + excluded.n`);
      await q(`insert into stats.r_clock_missed (month, body, action, clock, designated, n)
               select month, body, action, clock, designated, count(*) from stats.bulk_misses
               group by 1, 2, 3, 4, 5
               on conflict on constraint r_clock_missed_pk do update set n = stats.r_clock_missed.n + excluded.n`);
      await q(`insert into stats.url_sightings (hash, body, first_seen)
               select hash, body, min(seen) from stats.bulk_sightings group by 1, 2 order by 1, 2
               on conflict (hash, body) do update set first_seen = least(stats.url_sightings.first_seen, excluded.first_seen)`);
      // A URL is a cross-body duplicate from the time a second body first saw it (hashes counted already stay as they are).
      await q(`with d as (
                 insert into stats.url_duplicates (hash, counted_month)
                 select hash, to_char(second at time zone 'Asia/Tokyo', 'YYYY-MM') from (
                   select s.hash, (array_agg(s.first_seen order by s.first_seen))[2] as second
                   from stats.url_sightings s ${this.sightingsBefore ? 'where s.hash in (select hash from stats.bulk_sightings)' : ''} group by s.hash having count(*) >= 2
                 ) x
                 on conflict (hash) do nothing returning counted_month)
               insert into stats.r_url_duplicate (month, n) select counted_month, count(*) from d group by 1
               on conflict on constraint r_url_duplicate_pk do update set n = stats.r_url_duplicate.n + excluded.n`);
      // The published tables' projections, rebuilt from the rollups now complete.
      const tx = drizzle({ client });
      for (const p of await loadProjections(tx as never)) await rebuildProjection(tx, p);
      await q('drop table stats.bulk_consultations, stats.bulk_outcomes, stats.bulk_misses, stats.bulk_sightings');
      await q('commit');
    } catch (err) {
      await q('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    await this.database.pool.query('analyze stats.consultations');
  }
}

/** One COPY text-format line, each value escaped (an operator's name is the only free-ish text). */
function line(values: string[]): string {
  return `${values.map((v) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')).join('\t')}\n`;
}

function* chunks(rows: string[], size = 2000): Generator<string> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size).join('');
}
