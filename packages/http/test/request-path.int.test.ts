// The request path's shortcuts keep their meaning: one token lookup per request (however many
// `authenticate` patterns match, or when the gateway vouches for an in-process call), concurrent
// lookups share one statement yet a revoked token is refused at once, and concurrent idempotency
// claims of one key are still decided one at a time.
import { type Actor, authMigrations, issueToken, revokeToken, seedAgencies, tokenVerifier } from '@liaison/auth';
import { Batcher } from '@liaison/db';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type AuthVariables,
  authenticate,
  idempotency,
  idempotencyMigrations,
  jsonAnswer,
  onError,
  readAnswer,
  vouchFor,
} from '../src/index.ts';

describe('the request path', () => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'reqpath');
    database = createDatabase({ url: testDb.url });
    await migrate(database, [authMigrations, idempotencyMigrations]);
    await seedAgencies(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  /** A verifier that counts its lookups. */
  const counting = () => {
    const verify = tokenVerifier(database.db);
    const counted = {
      n: 0,
      verify: (token: string) => {
        counted.n++;
        return verify(token);
      },
    };
    return counted;
  };

  it('looks a token up once per request when two patterns of an app match it, and refuses a bad one', async () => {
    const { token } = await issueToken(database.db, { agency: 'center', role: 'caseworker', label: 'once' });
    const counted = counting();
    const app = new Hono<{ Variables: AuthVariables }>();
    app.onError(onError());
    for (const path of ['/v1/things', '/v1/things/*']) app.use(path, authenticate(counted.verify));
    app.get('/v1/things', (c) => c.json({ agency: c.get('actor').agency }));
    const res = await app.request('/v1/things', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ agency: 'center' });
    expect(counted.n).toBe(1);
    const bad = await app.request('/v1/things', { headers: { authorization: 'Bearer lia_not-a-token' } });
    expect(bad.status).toBe(401);
  });

  it('takes the actor of a vouched in-process request without a lookup, but only for the token it was vouched with', async () => {
    const { token } = await issueToken(database.db, { agency: 'sia', role: 'caseworker', label: 'vouched' });
    const counted = counting();
    const app = new Hono<{ Variables: AuthVariables }>();
    app.onError(onError());
    app.use('/v1/*', authenticate(counted.verify));
    app.get('/v1/me', (c) => c.json({ agency: c.get('actor').agency, tokenId: c.get('actor').tokenId }));
    const actor: Actor = { agency: 'sia', role: 'caseworker', tokenId: 'vouched-id', agencyRoles: ['member'] };
    const vouched = vouchFor(new Request('http://svc/v1/me', { headers: { authorization: `Bearer ${token}` } }), { actor, token });
    expect(await (await app.fetch(vouched)).json()).toEqual({ agency: 'sia', tokenId: 'vouched-id' });
    expect(counted.n).toBe(0);
    // Vouched for another token than the one it carries: looked up (and refused).
    const mismatched = vouchFor(new Request('http://svc/v1/me', { headers: { authorization: 'Bearer lia_other' } }), { actor, token });
    expect((await app.fetch(mismatched)).status).toBe(401);
    expect(counted.n).toBe(1);
    // Not vouched (as anything from the network): looked up.
    const plain = await app.fetch(new Request('http://svc/v1/me', { headers: { authorization: `Bearer ${token}` } }));
    expect(plain.status).toBe(200);
    expect(counted.n).toBe(2);
  });

  it('hands a vouched in-process caller the answer itself, and gives everyone else (and any reader of the body) the same JSON', async () => {
    const { token } = await issueToken(database.db, { agency: 'hotline', role: 'caseworker', label: 'handover' });
    const counted = counting();
    const app = new Hono<{ Variables: AuthVariables }>();
    app.onError(onError());
    app.use('*', async (c, next) => {
      await next();
      c.header('cache-control', 'no-store');
    });
    app.use('/v1/*', authenticate(counted.verify));
    // The text of the answer is made only when someone reads it: toJSON counts how often.
    let texts = 0;
    const table = { id: 't', cells: [{ row: 'a', col: 'b', value: 12, label: '計 \u{1F600}' }] };
    const figures = () => ({
      body: 'hotline',
      tables: [
        {
          toJSON: () => {
            texts++;
            return table;
          },
        },
      ],
    });
    const asJson = { body: 'hotline', tables: [table] };
    let made: unknown;
    app.get('/v1/figures', (c) => {
      made = figures();
      return jsonAnswer(c, made);
    });
    const actor: Actor = { agency: 'hotline', role: 'caseworker', tokenId: 'handover', agencyRoles: ['member'] };
    const ask = () => new Request('http://svc/v1/figures', { headers: { authorization: `Bearer ${token}` } });

    // In this process, vouched for: the very value, no text made or parsed.
    const inProcess = await app.fetch(vouchFor(ask(), { actor, token }));
    expect(inProcess.status).toBe(200);
    expect(inProcess.headers.get('content-type')).toBe('application/json');
    expect(inProcess.headers.get('cache-control')).toBe('no-store');
    expect(await readAnswer(inProcess)).toBe(made);
    expect(texts).toBe(0);
    // A vouched answer read as a body all the same: its JSON.
    const readAsBody = await app.fetch(vouchFor(ask(), { actor, token }));
    expect(await readAsBody.json()).toEqual(asJson);
    expect(texts).toBe(1);
    // From the network: ordinary JSON text, read by readAnswer as any other answer.
    const plain = await app.fetch(ask());
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await plain.clone().text()).toBe(JSON.stringify(asJson));
    expect(await readAnswer(plain)).toEqual(asJson);
    expect(counted.n).toBe(1);
    // A refusal is read from its body as before.
    expect(await readAnswer(await app.fetch(new Request('http://svc/v1/figures')))).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('answers concurrent lookups each with its own actor, in fewer statements, and refuses a revoked token at once', async () => {
    const tokens = await Promise.all(
      ['center', 'sia', 'hotline', 'center'].map((agency, i) =>
        issueToken(database.db, { agency, role: 'caseworker', label: `batch-${i}` }),
      ),
    );
    // The statements that reach Postgres, counted at the pool.
    let statements = 0;
    const pool = database.pool;
    const query = pool.query;
    pool.query = ((...args: Parameters<typeof query>) => {
      const q = args[0] as string | { text?: string };
      if ((typeof q === 'string' ? q : (q.text ?? '')).includes('api_tokens')) statements++;
      return (query as (...a: unknown[]) => unknown).apply(pool, args);
    }) as typeof query;
    const verify = tokenVerifier(database.db);
    const asked = [...tokens.map((t) => t.token), 'lia_unknown', tokens[0]!.token];
    try {
      const actors = await Promise.all(asked.map((t) => verify(t)));
      expect(actors.map((a) => a?.agency ?? null)).toEqual(['center', 'sia', 'hotline', 'center', null, 'center']);
      expect(actors.map((a) => a?.tokenId ?? null)).toEqual([...tokens.map((t) => t.id), null, tokens[0]!.id]);
    } finally {
      pool.query = query;
    }
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThan(asked.length);
    await revokeToken(database.db, tokens[1]!.id);
    expect(await verify(tokens[1]!.token)).toBeNull();
    expect((await verify(tokens[2]!.token))?.agency).toBe('hotline');
  });

  it('decides concurrent requests with one Idempotency-Key as if one after another: one runs, the others wait or replay', async () => {
    const { token } = await issueToken(database.db, { agency: 'center', role: 'caseworker', label: 'idem' });
    let runs = 0;
    const app = new Hono();
    app.onError(onError());
    app.use('/v1/*', idempotency(database.pool));
    app.post('/v1/make', async (c) => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return c.json({ made: runs }, 201);
    });
    const send = (key: string) =>
      app.request('/v1/make', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
        body: '{}',
      });
    const same = await Promise.all(Array.from({ length: 6 }, () => send('same-key')));
    expect(runs).toBe(1);
    // One answer is the run's; the others are "still being processed" (409) or, once it is done, its replay.
    const fresh = same.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true');
    expect(fresh).toHaveLength(1);
    expect(
      same.every((r) => r.status === 409 || (r.status === 201 && r.headers.get('idempotent-replayed') === 'true') || fresh.includes(r)),
    ).toBe(true);
    const replay = await send('same-key');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual({ made: 1 });
    // Different keys at once each run once.
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => send(`key-${i}`)));
    expect(many.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(runs).toBe(9);
  });

  it('never puts two items of one key in the same batch', async () => {
    const batches: string[][] = [];
    const batcher = new Batcher<string, string>(
      async (items) => {
        batches.push(items);
        await new Promise((r) => setTimeout(r, 5));
        return items.map((x) => x.toUpperCase());
      },
      { key: (x) => x },
    );
    const out = await Promise.all(['a', 'b', 'a', 'c', 'a'].map((x) => batcher.submit(x)));
    expect(out).toEqual(['A', 'B', 'A', 'C', 'A']);
    for (const b of batches) expect(new Set(b).size).toBe(b.length);
    expect(batches.flat().sort()).toEqual(['a', 'a', 'a', 'b', 'c']);
  });
});
