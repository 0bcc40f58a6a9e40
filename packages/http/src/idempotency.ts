import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Batcher, type MigrationSet, type Pool } from '@liaison/db';
import type { MiddlewareHandler } from 'hono';
import { bearerToken } from './auth.ts';
import { errors } from '@liaison/domain';

export const idempotencyMigrations: MigrationSet = {
  schema: 'idempotency',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

/** How long a key is remembered (the draft's suggestion: at least 24 hours). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** How long a first request holds its key before a retry may take it over (a crashed process). */
const LEASE_MS = 60_000;

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The answer's encryption key: derived from the caller's token, which the platform never stores. */
const answerKey = (token: string, scope: string, key: string) =>
  Buffer.from(hkdfSync('sha256', token, 'liaison/idempotency/v1', `${scope}/${key}`, 32));

function seal(token: string, scope: string, key: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', answerKey(token, scope, key), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function open(token: string, scope: string, key: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', answerKey(token, scope, key), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * `Idempotency-Key` on every POST (IETF draft "The Idempotency-Key HTTP Header Field"): the same
 * caller, key and request within 24 h get the first answer again (`Idempotent-Replayed: true`),
 * the same key with another request is 422, and a retry while the first is still running is 409.
 * Only successful answers are kept: after a 4xx or 5xx the key is free again, so a corrected
 * request can use it. A process that dies mid-request leaves its key leased for a minute, then a
 * retry runs again (a create that had committed just before the crash may then happen twice: the
 * lease cannot know).
 */
export function idempotency(pool: Pool, options: { now?: () => number } = {}): MiddlewareHandler {
  const now = options.now ?? Date.now;
  let lastPrune = 0;
  // Claims and kept answers of concurrent requests go to Postgres together (group commit; a key
  // claimed twice at once goes in two statements, so each is decided as if alone).
  const claims = new Batcher<{ scope: string; key: string; fingerprint: string; at: number }, boolean>(
    async (batch) => {
      // Claim the key, or find who has it (an expired entry, or a dead process's lease, is taken over).
      const { rows } = await pool.query<{ scope: string; key: string }>(
        `insert into idempotency.keys (scope, key, fingerprint, locked_until, created_at)
           select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
         on conflict (scope, key) do update set fingerprint = excluded.fingerprint, status = null, response = null,
           locked_until = excluded.locked_until, created_at = excluded.created_at
         where idempotency.keys.created_at < excluded.created_at - make_interval(secs => $6)
            or (idempotency.keys.status is null and idempotency.keys.locked_until < excluded.created_at and idempotency.keys.fingerprint = excluded.fingerprint)
         returning scope, key`,
        [
          batch.map((b) => b.scope),
          batch.map((b) => b.key),
          batch.map((b) => b.fingerprint),
          batch.map((b) => new Date(b.at + LEASE_MS)),
          batch.map((b) => new Date(b.at)),
          IDEMPOTENCY_TTL_MS / 1000,
        ],
      );
      const won = new Set(rows.map((r) => `${r.scope} ${r.key}`));
      return batch.map((b) => won.has(`${b.scope} ${b.key}`));
    },
    { key: (b) => `${b.scope} ${b.key}` },
  );
  const answers = new Batcher<{ scope: string; key: string; status: number; response: string }, void>(
    async (batch) => {
      await pool.query(
        `update idempotency.keys k set status = a.status, response = a.response
         from unnest($1::text[], $2::text[], $3::int[], $4::text[]) as a(scope, key, status, response)
        where k.scope = a.scope and k.key = a.key`,
        [batch.map((b) => b.scope), batch.map((b) => b.key), batch.map((b) => b.status), batch.map((b) => b.response)],
      );
      return batch.map(() => undefined);
    },
    { key: (b) => `${b.scope} ${b.key}` },
  );
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    // Structured-field string per the draft; we accept its content unquoted too.
    const value = key.replace(/^"(.*)"$/, '$1');
    if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
      throw errors.validation([{ field: 'Idempotency-Key', problem: 'must be 1–255 visible ASCII characters' }]);
    }
    const token = bearerToken(c.req.header('authorization'));
    if (!token) return next(); // the route answers 401 itself
    const scope = sha256(token);
    const body = c.req.raw.body ? await c.req.text() : '';
    const fingerprint = sha256(`${c.req.method} ${c.req.path}\n${body}`);
    const at = now();
    if (at - lastPrune > 600_000) {
      lastPrune = at;
      await pool.query('delete from idempotency.keys where created_at < $1', [new Date(at - IDEMPOTENCY_TTL_MS)]);
    }
    const claimed = await claims.submit({ scope, key: value, fingerprint, at });
    if (!claimed) {
      const { rows } = await pool.query('select fingerprint, status, response from idempotency.keys where scope = $1 and key = $2', [
        scope,
        value,
      ]);
      const row = rows[0] as { fingerprint: string; status: number | null; response: string | null } | undefined;
      if (row && row.fingerprint !== fingerprint) {
        throw errors.unprocessable('this Idempotency-Key was used for another request (another path or body); use a new key');
      }
      if (row?.status != null && row.response) {
        const answer = JSON.parse(open(token, scope, value, row.response)) as { contentType: string; body: string };
        c.header('Idempotent-Replayed', 'true');
        c.header('Cache-Control', 'no-store');
        return c.body(answer.body, row.status as 200, { 'content-type': answer.contentType });
      }
      throw errors.conflict('a request with this Idempotency-Key is still being processed; retry later');
    }
    try {
      await next();
    } catch (err) {
      await pool.query('delete from idempotency.keys where scope = $1 and key = $2', [scope, value]).catch(() => {});
      throw err;
    }
    if (c.res.status >= 200 && c.res.status < 300) {
      const answer = { contentType: c.res.headers.get('content-type') ?? 'application/json', body: await c.res.clone().text() };
      await answers.submit({ scope, key: value, status: c.res.status, response: seal(token, scope, value, JSON.stringify(answer)) });
    } else {
      await pool.query('delete from idempotency.keys where scope = $1 and key = $2', [scope, value]);
    }
  };
}
