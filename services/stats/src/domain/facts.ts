import type { Tx } from '@liaison/db';
import { type Clock, clocksStoppedBy, jstDate, type TaskStatus, terminalStatuses } from '@liaison/domain';
import type { CloudEvent } from '@liaison/events';
import { sql } from 'drizzle-orm';
import { type FactKind, factKinds, type RollupDelta, yesNo } from './kinds.ts';
import { countingMonth, jstMonth } from './periods.ts';
import { flushTableCells, loadProjections, projectDeltas } from './projections.ts';

/**
 * Statistics' lock: consumers take it shared for each batch, a release build exclusively while it
 * marks months released and reads their rollups — so no fact lands in a month after it was read.
 */
export const RELEASE_LOCK = 'liaison.stats.release';

type Rows<T> = { rows: T[] };
const rowsOf = <T>(result: unknown) => (result as Rows<T>).rows;

/** The months already released (a fact recorded in one counts in the next open month). */
export async function releasedMonthSet(tx: Tx): Promise<Set<string>> {
  return new Set(rowsOf<{ month: string }>(await tx.execute(sql`select month from stats.released_months`)).map((r) => r.month));
}

/**
 * Applies a batch of events to the facts and rollups, in the caller's transaction (the same one
 * that records them in the inbox). Each fact is counted once; a fact whose classification depends
 * on two events on different topics (a referral clock kept or missed, a URL seen by a second body)
 * is recounted from the stored facts, so the rollups depend on which events came, not their order.
 */
export async function applyEvents(tx: Tx, events: CloudEvent[]): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtext(${RELEASE_LOCK}))`);
  const released = await releasedMonthSet(tx);
  const month = (at: Date | string) => countingMonth(jstMonth(new Date(at)), released);
  const deltas: RollupDelta[] = [];
  const add = (kind: FactKind, m: string, dims: string[], n = 1) => deltas.push({ kind, month: m, dims, n });

  // Case facts come in bulk: one statement for the new consultations, one for URL sightings.
  const facts = events.filter((e): e is CloudEvent<'jp.liaison.case.fact.v1'> => e.type === 'jp.liaison.case.fact.v1');
  if (facts.length > 0) await applyCaseFacts(tx, facts, month, add, released);

  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.type === 'jp.liaison.referral.created.v1') {
      // A run of new referrals (the common case under load) goes in two statements, not two each.
      const run = createdRun(events, i);
      await referralsCreated(tx, run, month, add);
      i += run.length - 1;
      continue;
    }
    switch (e.type) {
      case 'jp.liaison.case.action_outcome.v1': {
        const d = (e as CloudEvent<'jp.liaison.case.action_outcome.v1'>).data;
        const m = month(e.time);
        const row = {
          body: d.agency,
          action: d.action,
          outcome: d.outcome,
          category: d.category,
          designated: yesNo(d.designatedPlatform),
          operator: d.designatedPlatform ? (d.operator ?? '') : '',
          within_clock: d.clock ? yesNo(d.withinClock) : '',
        };
        const inserted = await tx.execute(sql`
          insert into stats.action_outcomes (fact_id, month, body, action, outcome, category, designated, operator, within_clock)
          values (${e.id}, ${m}, ${row.body}, ${row.action}, ${row.outcome}, ${row.category}, ${row.designated}, ${row.operator}, ${row.within_clock})
          on conflict do nothing returning fact_id`);
        if (rowsOf(inserted).length) add('action_outcome', m, dimsOf('action_outcome', row));
        break;
      }
      case 'jp.liaison.case.clock_missed.v1': {
        const d = (e as CloudEvent<'jp.liaison.case.clock_missed.v1'>).data;
        const m = month(e.time);
        const row = { body: d.agency, action: d.action, clock: d.clock, designated: yesNo(d.designatedPlatform) };
        const inserted = await tx.execute(sql`
          insert into stats.clock_misses (action_id, month, body, action, clock, designated)
          values (${d.actionId}, ${m}, ${row.body}, ${row.action}, ${row.clock}, ${row.designated})
          on conflict do nothing returning action_id`);
        if (rowsOf(inserted).length) add('clock_missed', m, dimsOf('clock_missed', row));
        break;
      }
      case 'jp.liaison.referral.status_changed.v1': {
        const d = (e as CloudEvent<'jp.liaison.referral.status_changed.v1'>).data;
        await referralStatus(tx, d, month, add, released);
        break;
      }
      case 'jp.liaison.deadline.missed.v1': {
        const d = (e as CloudEvent<'jp.liaison.deadline.missed.v1'>).data;
        await tx.execute(sql`
          insert into stats.deadlines (referral_id, clock, sender, recipient, missed_at) values (${d.referralId}, ${d.clock}, ${d.sender}, ${d.recipient}, ${e.time})
          on conflict (referral_id, clock) do update set missed_at = least(coalesce(stats.deadlines.missed_at, excluded.missed_at), excluded.missed_at)`);
        await recountDeadline(tx, d.referralId, d.clock, add, released);
        break;
      }
      default:
        // Facts statistics do not count (approaching deadlines, consent revocations) are only
        // recorded in the inbox.
        break;
    }
  }
  await flushDeltas(tx, deltas);
  // Each published table's projection follows its kind's rollup in the same transaction.
  await flushTableCells(tx, projectDeltas(deltas, await loadProjections(tx)));
}

/** A rollup's dimension values in its column order. */
export function dimsOf(kind: FactKind, row: Record<string, string>): string[] {
  return (factKinds[kind] as readonly string[]).map((d) => row[d] ?? '');
}

/** The consultation rollup rows (consultation and requested actions) of one consultation fact. */
export function consultationDeltas(c: {
  month: string;
  body: string;
  category: string;
  platformType: string;
  designated: string;
  operator: string;
  consulter: string;
  under18: string;
  requestedActions: string[];
}): RollupDelta[] {
  const out: RollupDelta[] = [
    {
      kind: 'consultation',
      month: c.month,
      dims: [c.body, c.category, c.platformType, c.designated, c.operator, c.consulter, c.under18],
      n: 1,
    },
  ];
  for (const action of new Set(c.requestedActions))
    out.push({ kind: 'requested_action', month: c.month, dims: [c.body, c.category, action, c.under18], n: 1 });
  return out;
}

async function applyCaseFacts(
  tx: Tx,
  facts: CloudEvent<'jp.liaison.case.fact.v1'>[],
  month: (at: Date | string) => string,
  add: (kind: FactKind, m: string, dims: string[], n?: number) => void,
  released: ReadonlySet<string>,
) {
  // The first fact of a case is its consultation; later versions only add outcomes (counted from
  // their own events). Within a batch keep each case's lowest version.
  const first = new Map<string, CloudEvent<'jp.liaison.case.fact.v1'>>();
  for (const f of facts) {
    const known = first.get(f.data.caseId);
    if (!known || f.data.version < known.data.version) first.set(f.data.caseId, f);
  }
  const rows = [...first.values()].map((f) => ({
    caseId: f.data.caseId,
    month: month(f.time),
    body: f.data.agency,
    category: f.data.category,
    platformType: f.data.platformType ?? '',
    designated: yesNo(f.data.designatedPlatform),
    operator: f.data.designatedPlatform ? (f.data.operator ?? '') : '',
    consulter: f.data.consulter,
    under18: yesNo(f.data.victimUnder18),
    requestedActions: [...new Set(f.data.requestedActions)],
    recordedAt: f.time,
  }));
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  const inserted = rowsOf<{ case_id: string }>(
    await tx.execute(sql`
      insert into stats.consultations (case_id, month, body, category, platform_type, designated, operator, consulter, under18, requested_actions, recorded_at)
      select c.case_id, c.month, c.body, c.category, c.platform_type, c.designated, c.operator, c.consulter, c.under18,
             array(select jsonb_array_elements_text(c.actions)), c.recorded_at
      from unnest(${sql.param(col('caseId'))}::uuid[], ${sql.param(col('month'))}::text[], ${sql.param(col('body'))}::text[], ${sql.param(col('category'))}::text[],
                  ${sql.param(col('platformType'))}::text[], ${sql.param(col('designated'))}::text[], ${sql.param(col('operator'))}::text[], ${sql.param(col('consulter'))}::text[],
                  ${sql.param(col('under18'))}::text[], ${sql.param(rows.map((r) => JSON.stringify(r.requestedActions)))}::jsonb[], ${sql.param(col('recordedAt'))}::timestamptz[])
        as c(case_id, month, body, category, platform_type, designated, operator, consulter, under18, actions, recorded_at)
      on conflict do nothing returning case_id`),
  );
  const fresh = new Set(inserted.map((r) => r.case_id));
  for (const r of rows) if (fresh.has(r.caseId)) for (const d of consultationDeltas(r)) add(d.kind, d.month, d.dims, d.n);

  // URL sightings: each (hash, body) once, at its earliest time.
  const sightings = new Map<string, { hash: string; body: string; at: string }>();
  for (const f of facts) {
    for (const hash of f.data.urlHashes) {
      const key = `${hash}|${f.data.agency}`;
      const known = sightings.get(key);
      if (!known || f.time < known.at) sightings.set(key, { hash, body: f.data.agency, at: f.time });
    }
  }
  if (sightings.size === 0) return;
  const list = [...sightings.values()];
  const changed = rowsOf<{ hash: string }>(
    await tx.execute(sql`
      insert into stats.url_sightings (hash, body, first_seen)
      select * from unnest(${sql.param(list.map((s) => s.hash))}::text[], ${sql.param(list.map((s) => s.body))}::text[], ${sql.param(list.map((s) => s.at))}::timestamptz[])
      on conflict (hash, body) do update set first_seen = excluded.first_seen where excluded.first_seen < stats.url_sightings.first_seen
      returning hash`),
  );
  const hashes = [...new Set(changed.map((r) => r.hash))].sort();
  if (hashes.length === 0) return;
  // A URL counts as a cross-body duplicate from the moment a second body saw it.
  const state = rowsOf<{ hash: string; second: Date | null; counted: string | null }>(
    await tx.execute(sql`
      select h.hash, (select s.first_seen from stats.url_sightings s where s.hash = h.hash order by s.first_seen offset 1 limit 1) as second,
             d.counted_month as counted
      from unnest(${sql.param(hashes)}::text[]) as h(hash) left join stats.url_duplicates d on d.hash = h.hash`),
  );
  for (const s of state) {
    if (!s.second) continue;
    const rawMonth = jstMonth(new Date(s.second));
    const target = countingMonth(rawMonth, released);
    if (s.counted === target) continue;
    if (s.counted && released.has(s.counted) && target === countingMonth(s.counted, released)) continue;
    if (s.counted) add('url_duplicate', correctionMonth(s.counted, released), [], -1);
    add('url_duplicate', target, [], 1);
    await tx.execute(sql`
      insert into stats.url_duplicates (hash, counted_month) values (${s.hash}, ${target})
      on conflict (hash) do update set counted_month = excluded.counted_month`);
  }
}

/** Where a correction of a count made in `month` goes: that month, or the next open one if it was released. */
function correctionMonth(month: string, released: ReadonlySet<string>): string {
  return countingMonth(month, released);
}

type CreatedData = CloudEvent<'jp.liaison.referral.created.v1'>['data'];

/** The consecutive `referral.created` events from `start`, each referral once (a repeat starts the next run). */
function createdRun(events: CloudEvent[], start: number): CreatedData[] {
  const run: CreatedData[] = [];
  const seen = new Set<string>();
  for (let j = start; j < events.length && events[j]!.type === 'jp.liaison.referral.created.v1'; j++) {
    const d = (events[j] as CloudEvent<'jp.liaison.referral.created.v1'>).data;
    if (seen.has(d.referralId)) break;
    seen.add(d.referralId);
    run.push(d);
  }
  return run;
}

/**
 * New referrals, as each alone would be applied (recorded once; a requested one counted in the
 * month it was sent, once), in one insert and one update for the whole run.
 */
async function referralsCreated(
  tx: Tx,
  run: CreatedData[],
  month: (at: Date | string) => string,
  add: (kind: FactKind, m: string, dims: string[]) => void,
) {
  const rows = JSON.stringify(
    run.map((d) => ({
      referral_id: d.referralId,
      sender: d.sender,
      recipient: d.recipient,
      kind: d.kind,
      category: d.category,
      created_at: d.createdAt,
    })),
  );
  await tx.execute(sql`
    insert into stats.referrals (referral_id, sender, recipient, kind, category, created_at)
    select referral_id, sender, recipient, kind, category, created_at
      from json_to_recordset(${rows}::json) as x(referral_id uuid, sender text, recipient text, kind text, category text, created_at timestamptz)
    on conflict do nothing`);
  const sent = run
    .filter((d) => d.status === 'requested')
    .map((d) => ({ referral_id: d.referralId, sent_at: d.createdAt, counted_month: month(d.createdAt) }));
  if (sent.length === 0) return;
  const updated = rowsOf<{ sender: string; recipient: string; kind: string; category: string; counted_month: string }>(
    await tx.execute(sql`
      update stats.referrals r set sent_at = x.sent_at, counted_month = x.counted_month
        from json_to_recordset(${JSON.stringify(sent)}::json) as x(referral_id uuid, sent_at timestamptz, counted_month text)
       where r.referral_id = x.referral_id and r.sent_at is null
      returning r.sender, r.recipient, r.kind, r.category, r.counted_month`),
  );
  for (const r of updated) add('referral', r.counted_month, [r.sender, r.recipient, r.kind, r.category]);
}

async function referralSent(
  tx: Tx,
  referralId: string,
  at: string,
  month: (at: Date | string) => string,
  add: (kind: FactKind, m: string, dims: string[]) => void,
) {
  const m = month(at);
  const updated = rowsOf<{ sender: string; recipient: string; kind: string; category: string }>(
    await tx.execute(sql`
      update stats.referrals set sent_at = ${at}, counted_month = ${m}
      where referral_id = ${referralId} and sent_at is null returning sender, recipient, kind, category`),
  );
  const r = updated[0];
  if (r) add('referral', m, [r.sender, r.recipient, r.kind, r.category]);
}

/** Calendar days (JST dates) between two instants. */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((Date.parse(jstDate(to)) - Date.parse(jstDate(from))) / 86_400_000));
}

/** The clock a status reaches as a milestone (cancellations stop clocks but keep none). */
function milestones(status: TaskStatus): Clock[] {
  if (status === 'cancelled' || status === 'entered-in-error') return [];
  return clocksStoppedBy(status);
}

async function referralStatus(
  tx: Tx,
  d: { referralId: string; to: TaskStatus; version: number; changedAt: string },
  month: (at: Date | string) => string,
  add: (kind: FactKind, m: string, dims: string[]) => void,
  released: ReadonlySet<string>,
) {
  if (d.to === 'requested') await referralSent(tx, d.referralId, d.changedAt, month, add);
  const [r] = rowsOf<{
    sender: string;
    recipient: string;
    kind: string;
    category: string;
    sent_at: Date | null;
    acknowledged_at: Date | null;
    decided_at: Date | null;
    completed_at: Date | null;
    final_status: string | null;
  }>(
    await tx.execute(
      sql`select sender, recipient, kind, category, sent_at, acknowledged_at, decided_at, completed_at, final_status from stats.referrals where referral_id = ${d.referralId} for update`,
    ),
  );
  // Unknown (its creation was dead-lettered) or never sent: nothing to count.
  if (!r?.sent_at) return;
  const at = new Date(d.changedAt);
  const m = month(at);
  const reached = milestones(d.to);
  const column: Record<Clock, 'acknowledged_at' | 'decided_at' | 'completed_at'> = {
    acknowledge: 'acknowledged_at',
    decide: 'decided_at',
    complete: 'completed_at',
  };
  for (const clock of reached) {
    if (r[column[clock]]) continue;
    add('referral_days', m, [r.sender, r.recipient, clock, String(Math.min(daysBetween(new Date(r.sent_at), at), 365))]);
    await tx.execute(sql`
      insert into stats.deadlines (referral_id, clock, sender, recipient, met_at) values (${d.referralId}, ${clock}, ${r.sender}, ${r.recipient}, ${at})
      on conflict (referral_id, clock) do update set met_at = coalesce(stats.deadlines.met_at, excluded.met_at)`);
    await recountDeadline(tx, d.referralId, clock, add, released);
  }
  const set = (c: Clock) => (reached.includes(c) && !r[column[c]] ? at : null);
  const finalStatus = terminalStatuses.includes(d.to) && !r.final_status ? d.to : null;
  await tx.execute(sql`
    update stats.referrals set
      acknowledged_at = coalesce(acknowledged_at, ${set('acknowledge')}::timestamptz),
      decided_at = coalesce(decided_at, ${set('decide')}::timestamptz),
      completed_at = coalesce(completed_at, ${set('complete')}::timestamptz),
      final_status = coalesce(final_status, ${finalStatus}),
      version = greatest(version, ${d.version})
    where referral_id = ${d.referralId}`);
  if (finalStatus) add('referral_final', m, [r.sender, r.recipient, r.kind, r.category, finalStatus]);
}

/** Counts a referral clock as kept or missed (missed wins, at the month of the miss), correcting an earlier count. */
async function recountDeadline(
  tx: Tx,
  referralId: string,
  clock: string,
  add: (kind: FactKind, m: string, dims: string[], n?: number) => void,
  released: ReadonlySet<string>,
) {
  const [f] = rowsOf<{
    sender: string;
    recipient: string;
    missed_at: Date | null;
    met_at: Date | null;
    counted_month: string | null;
    counted_outcome: string | null;
  }>(
    await tx.execute(
      sql`select sender, recipient, missed_at, met_at, counted_month, counted_outcome from stats.deadlines where referral_id = ${referralId} and clock = ${clock}`,
    ),
  );
  if (!f) return;
  const outcome = f.missed_at ? 'missed' : f.met_at ? 'kept' : null;
  if (!outcome || outcome === f.counted_outcome) return;
  const target = countingMonth(jstMonth(new Date((f.missed_at ?? f.met_at)!)), released);
  if (f.counted_outcome && f.counted_month)
    add('deadline', correctionMonth(f.counted_month, released), [f.sender, f.recipient, clock, f.counted_outcome], -1);
  add('deadline', target, [f.sender, f.recipient, clock, outcome], 1);
  await tx.execute(
    sql`update stats.deadlines set counted_month = ${target}, counted_outcome = ${outcome} where referral_id = ${referralId} and clock = ${clock}`,
  );
}

/**
 * Adds counts to the rollups: one statement per kind, cells summed first and sorted, so that
 * concurrent consumers lock rollup rows in the same order (no deadlocks).
 */
export async function flushDeltas(tx: Tx, deltas: RollupDelta[]): Promise<void> {
  const byKind = new Map<FactKind, Map<string, RollupDelta>>();
  for (const d of deltas) {
    const cells = byKind.get(d.kind) ?? new Map<string, RollupDelta>();
    byKind.set(d.kind, cells);
    const key = [d.month, ...d.dims].join('\u0000');
    const known = cells.get(key);
    if (known) known.n += d.n;
    else cells.set(key, { ...d });
  }
  for (const [kind, cells] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const list = [...cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d)
      .filter((d) => d.n !== 0);
    if (list.length === 0) continue;
    const dims = factKinds[kind] as readonly string[];
    const columns = ['month', ...dims];
    const arrays = columns.map((_, i) => sql`${sql.param(list.map((d) => (i === 0 ? d.month : d.dims[i - 1]!)))}::text[]`);
    await tx.execute(sql`
      insert into ${sql.raw(`stats.r_${kind}`)} (${sql.raw(columns.map((c) => `"${c}"`).join(', '))}, n)
      select * from unnest(${sql.join(arrays, sql`, `)}, ${sql.param(list.map((d) => d.n))}::bigint[])
      on conflict on constraint ${sql.raw(`r_${kind}_pk`)} do update set n = ${sql.raw(`stats.r_${kind}`)}.n + excluded.n`);
  }
}
