import { createHmac } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, type InsertShape, type MigrationSet, Periodic, type Pool } from '@liaison/db';
import { type AuditCheckpoint, type CheckpointSink, checkpointSigned, signCheckpoint } from './checkpoint.ts';
import { auditEntries } from './schema.ts';

export {
  type AuditCheckpoint,
  type CheckpointSink,
  checkpointKeys,
  checkpointSigned,
  fileSink,
  lastCheckpoint,
  signCheckpoint,
} from './checkpoint.ts';

export const auditMigrations: MigrationSet = {
  schema: 'audit',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

export interface AuditEntry {
  agency: string;
  /** The token (person) that acted; null for the platform itself. */
  actor: string | null;
  /** What happened, e.g. `referral.create`, `referral.status`, `pii.read`. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** Why (purpose or legal ground), when the action needs one. */
  reason?: string | null;
  /** Codes and ids only. */
  details?: Record<string, unknown>;
}

/** Appends entries in the caller's transaction (or autocommit): the effect and its audit row commit together. */
export async function appendAudit(db: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditEntries).values(
    entries.map((e) => ({
      agency: e.agency,
      actor: e.actor,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      reason: e.reason ?? null,
      details: e.details ?? {},
    })),
  );
}

/** The audit log's columns, for a hand-written multi-row insert ({@link auditRow} gives each row). */
export const auditShape: InsertShape = {
  table: 'audit.entries',
  columns: ['agency', 'actor', 'action', 'subject_type', 'subject_id', 'reason', 'details'],
  casts: [undefined, undefined, undefined, undefined, undefined, undefined, '::jsonb'],
};

/** One entry's values for {@link auditShape} (the same row {@link appendAudit} writes). */
export function auditRow(e: AuditEntry): unknown[] {
  return [e.agency, e.actor, e.action, e.subjectType, e.subjectId, e.reason ?? null, JSON.stringify(e.details ?? {})];
}

interface Row {
  id: string;
  /** The time as hashed: UTC text for entries sealed in format 2; the session's text for format 1 (before). */
  at: string;
  at_session: string;
  format: number | null;
  agency: string;
  actor: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  reason: string | null;
  details: string;
  chain_pos: string | null;
  prev_hash: string | null;
  hash: string | null;
}

// Text forms straight from Postgres (timestamps to the microsecond, jsonb normalised), so that
// sealing and verifying hash exactly the same bytes. The time is hashed in UTC (format 2), whatever
// the session's TimeZone: entries sealed before (format 1, null) hashed the session's text.
const SELECT = `select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, at::text as at_session, format,
  agency, actor::text as actor, action, subject_type, subject_id, reason, details::text as details, chain_pos, prev_hash, hash from audit.entries`;

/** The format new entries are sealed in. */
const FORMAT = 2;

const GENESIS = 'liaison-audit-genesis';

/** The keyed hash of one entry at one position after `prev`. */
function entryHash(key: Buffer, prev: string, pos: number, r: Row, format = r.format ?? 1): string {
  const at = format >= 2 ? r.at : r.at_session;
  const content = JSON.stringify([pos, prev, r.id, at, r.agency, r.actor, r.action, r.subject_type, r.subject_id, r.reason, r.details]);
  return createHmac('sha256', key).update(content).digest('hex');
}

/**
 * Links unsealed entries into the chain, oldest first, in batches. One sealer at a time (an
 * advisory lock); returns how many entries it sealed.
 */
export async function sealAudit(pool: Pool, key: Buffer, batch = 1000): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('liaison.audit.seal'))`);
    const head = await client.query<{ chain_pos: string; hash: string }>(`select chain_pos, hash from audit.head where name = 'main'`);
    let pos = Number(head.rows[0]?.chain_pos ?? 0);
    let prev = head.rows[0]?.hash ?? GENESIS;
    const { rows } = await client.query<Row>(`${SELECT} where chain_pos is null order by id limit $1 for update`, [batch]);
    const sealed: { id: string; pos: number; prev: string; hash: string }[] = [];
    for (const r of rows) {
      pos++;
      const hash = entryHash(key, prev, pos, r, FORMAT);
      sealed.push({ id: String(r.id), pos, prev, hash });
      prev = hash;
    }
    if (rows.length > 0) {
      // One statement for the whole batch (one round trip, not one per entry).
      await client.query(
        `update audit.entries e set chain_pos = s.pos, prev_hash = s.prev, hash = s.hash, format = $5
           from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) as s(id, pos, prev, hash)
          where e.id = s.id`,
        [sealed.map((x) => x.id), sealed.map((x) => x.pos), sealed.map((x) => x.prev), sealed.map((x) => x.hash), FORMAT],
      );
      await client.query(
        `insert into audit.head (name, chain_pos, hash) values ('main', $1, $2)
         on conflict (name) do update set chain_pos = excluded.chain_pos, hash = excluded.hash, sealed_at = now()`,
        [pos, prev],
      );
    }
    await client.query('commit');
    return rows.length;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export type AuditVerdict =
  | { ok: true; sealed: number; unsealed: number; checkpoint?: { position: number; at: string } }
  | {
      ok: false;
      sealed: number;
      problem: 'altered' | 'missing' | 'reordered' | 'truncated' | 'checkpoint-invalid';
      position: number;
      entryId?: string;
      message: string;
    };

/**
 * Walks the chain from the start and reports the first entry that was altered, the first position
 * that is missing (deleted), or a tail cut off behind the recorded head. With a checkpoint (kept
 * outside Postgres), also a tail cut off together with the head: the chain must reach the
 * checkpoint's position with the checkpoint's hash there.
 */
export async function verifyAudit(pool: Pool, key: Buffer, options: { checkpoint?: AuditCheckpoint } = {}): Promise<AuditVerdict> {
  const { checkpoint } = options;
  if (checkpoint && !checkpointSigned(checkpoint, { auditKey: key })) {
    return {
      ok: false,
      sealed: 0,
      problem: 'checkpoint-invalid',
      position: checkpoint.position,
      message: 'the checkpoint is not signed by this audit key (forged or altered)',
    };
  }
  const client = await pool.connect();
  try {
    let expected = 1;
    let prev = GENESIS;
    let sealed = 0;
    let hashAtCheckpoint: string | undefined;
    // Page through the chain so a long log does not sit in memory at once.
    for (;;) {
      const { rows } = await client.query<Row>(`${SELECT} where chain_pos >= $1 order by chain_pos limit 5000`, [expected]);
      if (rows.length === 0) break;
      for (const r of rows) {
        const pos = Number(r.chain_pos);
        if (pos !== expected) {
          return {
            ok: false,
            sealed,
            problem: 'missing',
            position: expected,
            message: `audit entry at chain position ${expected} is missing (deleted)`,
          };
        }
        if (r.prev_hash !== prev) {
          return {
            ok: false,
            sealed,
            problem: 'reordered',
            position: pos,
            entryId: r.id,
            message: `audit entry ${r.id} at position ${pos} does not follow the entry before it`,
          };
        }
        const hash = entryHash(key, prev, pos, r);
        if (hash !== r.hash) {
          return {
            ok: false,
            sealed,
            problem: 'altered',
            position: pos,
            entryId: r.id,
            message: `audit entry ${r.id} at position ${pos} was altered after sealing`,
          };
        }
        prev = hash;
        if (checkpoint && pos === checkpoint.position) hashAtCheckpoint = hash;
        expected++;
        sealed++;
      }
    }
    if (checkpoint && checkpoint.position > sealed) {
      return {
        ok: false,
        sealed,
        problem: 'truncated',
        position: sealed + 1,
        message: `audit chain ends at position ${sealed}, but the checkpoint of ${checkpoint.at} saw ${checkpoint.position} entries sealed (cut off, head moved back)`,
      };
    }
    if (checkpoint && hashAtCheckpoint !== checkpoint.hash) {
      return {
        ok: false,
        sealed,
        problem: 'altered',
        position: checkpoint.position,
        message: `the chain at position ${checkpoint.position} differs from the checkpoint of ${checkpoint.at} (rewritten)`,
      };
    }
    const head = await client.query<{ chain_pos: string; hash: string }>(`select chain_pos, hash from audit.head where name = 'main'`);
    const headPos = Number(head.rows[0]?.chain_pos ?? 0);
    if (headPos > sealed || (headPos > 0 && head.rows[0]?.hash !== prev)) {
      return {
        ok: false,
        sealed,
        problem: 'truncated',
        position: sealed + 1,
        message: `audit chain ends at position ${sealed}, but ${headPos} entries were sealed`,
      };
    }
    const unsealed = await client.query<{ n: string }>('select count(*) as n from audit.entries where chain_pos is null');
    return {
      ok: true,
      sealed,
      unsealed: Number(unsealed.rows[0]?.n ?? 0),
      ...(checkpoint ? { checkpoint: { position: checkpoint.position, at: checkpoint.at } } : {}),
    };
  } finally {
    client.release();
  }
}

/** The last sealed position and its hash (undefined before the first seal). */
export async function auditHead(pool: Pool): Promise<{ position: number; hash: string } | undefined> {
  const { rows } = await pool.query<{ chain_pos: string; hash: string }>(`select chain_pos, hash from audit.head where name = 'main'`);
  return rows[0] ? { position: Number(rows[0].chain_pos), hash: rows[0].hash } : undefined;
}

export interface AuditSealerOptions {
  interval?: number;
  onError?: (err: unknown) => void;
  /** Where signed checkpoints of the head go, and how often at most (ms; default one minute). */
  checkpoints?: { sinks: CheckpointSink[]; every?: number };
}

/**
 * Seals the audit log every `interval` ms in the background (one sealer wins at a time), and,
 * when the head moved, writes a signed checkpoint to every sink at most every `checkpoints.every` ms
 * and once more when it stops.
 */
export class AuditSealer {
  private readonly job: Periodic;
  private lastCheckpoint = { position: 0, at: 0 };

  constructor(
    private readonly pool: Pool,
    private readonly key: Buffer,
    private readonly options: AuditSealerOptions = {},
  ) {
    this.job = new Periodic(
      async () => {
        while ((await sealAudit(pool, key)) > 0) {}
        await this.checkpoint(false);
      },
      options.interval ?? 500,
      options.onError,
    );
  }

  start(): void {
    this.job.start();
  }

  /** Stops, after sealing what is left and writing a last checkpoint of where the chain ends. */
  async stop(): Promise<void> {
    await this.job.stop();
    try {
      while ((await sealAudit(this.pool, this.key)) > 0) {}
      await this.checkpoint(true);
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  /** Writes a checkpoint of the current head if it moved (and, unless `force`, the interval passed). */
  private async checkpoint(force: boolean): Promise<void> {
    const sinks = this.options.checkpoints?.sinks ?? [];
    if (sinks.length === 0) return;
    const now = Date.now();
    if (!force && now - this.lastCheckpoint.at < (this.options.checkpoints?.every ?? 60_000)) return;
    const head = await auditHead(this.pool);
    if (!head || head.position === this.lastCheckpoint.position) return;
    const checkpoint = signCheckpoint(this.key, { position: head.position, hash: head.hash });
    this.lastCheckpoint = { position: head.position, at: now };
    for (const sink of sinks) {
      try {
        await sink(checkpoint);
      } catch (err) {
        this.options.onError?.(err);
      }
    }
  }
}
