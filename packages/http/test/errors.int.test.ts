import { describeError } from '@liaison/db';
import { createDatabase, type Database } from '@liaison/db/client';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { onError, requestId } from '../src/index.ts';

// The failing statements quote what a log must never carry: a token hash, ciphertext, free text.
const SECRET_HASH = 'f3a9c1d2e4b5a6978877665544332211aabbccddeeff00112233445566778899';
const CIPHERTEXT = 'v1.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJyg';
const FREE_TEXT = '山田花子さんの住所は東京都';

describe('what a failing query leaves in the log', () => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'errlog');
    database = createDatabase({ url: testDb.url });
    await database.pool.query('create table t (id text primary key, body text)');
    await database.pool.query('insert into t values ($1, $2)', [SECRET_HASH, CIPHERTEXT]);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const failures: [string, () => Promise<unknown>][] = [
    ['a NUL in a parameter (drizzle)', () => database.db.execute(sql`insert into t values (${'x'}, ${`${FREE_TEXT}\u0000`})`)],
    [
      'a unique violation whose detail quotes the key (drizzle)',
      () => database.db.execute(sql`insert into t values (${SECRET_HASH}, ${FREE_TEXT})`),
    ],
    ['a unique violation (node-postgres)', () => database.pool.query('insert into t values ($1, $2)', [SECRET_HASH, CIPHERTEXT])],
    ['a bad cast quoting the value (node-postgres)', () => database.pool.query('select $1::int', [FREE_TEXT])],
    ['a bad cast quoting the value (drizzle)', () => database.db.execute(sql`select ${CIPHERTEXT}::uuid`)],
  ];

  for (const [what, fail] of failures) {
    it(`describes ${what} by class and SQLSTATE only`, async () => {
      const err = await fail().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      const text = describeError(err);
      expect(text).toMatch(/\[[0-9A-Z]{5}\]/);
      for (const secret of [SECRET_HASH, CIPHERTEXT, FREE_TEXT, 'params', 'insert into']) expect(text).not.toContain(secret);
    });
  }

  it('logs an unhandled route error with the route, the request id and the code, and answers 500 without internals', async () => {
    const lines: string[] = [];
    const app = new Hono();
    app.onError(onError((l) => lines.push(l)));
    app.use('*', requestId);
    app.post('/v1/things/:id', async () => {
      await database.db.execute(sql`insert into t values (${SECRET_HASH}, ${FREE_TEXT})`);
      return new Response('never');
    });
    const res = await app.request(`/v1/things/${SECRET_HASH}`, { method: 'POST', headers: { 'x-request-id': 'req-42' } });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain(SECRET_HASH);
    expect(lines).toHaveLength(1);
    // One JSON line: the route pattern (never the path with its ids), the request id and the SQLSTATE.
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ method: 'POST', route: '/v1/things/:id', requestId: 'req-42', msg: 'unhandled error' });
    expect(line.err).toContain('[23505]');
    for (const secret of [SECRET_HASH, CIPHERTEXT, FREE_TEXT]) expect(lines[0]).not.toContain(secret);
  });

  it('keeps the message of errors that are not from the database', () => {
    expect(describeError(new TypeError('cannot read x'))).toBe('TypeError: cannot read x');
  });
});
