import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { issueToken } from '@liaison/auth';
import { createLiaisonClient, generateKeyPair, openPackage, writePrivateKey } from '@liaison/partner';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';

const run = promisify(execFile);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const javaDir = join(repo, 'packages/partner/interop/java');
const vector = JSON.parse(readFileSync(join(repo, 'schemas/packages/test-vector.json'), 'utf8'));

/** Runs the Java tool (Bouncy Castle's HPKE) with `input` on its standard input. */
async function java(classpath: string, args: string[], input: string): Promise<{ status: number; out: string; err: string }> {
  return new Promise((done) => {
    const child = execFile(
      'java',
      ['-cp', classpath, 'jp.liaison.interop.HpkeTool', ...args],
      { encoding: 'utf8', timeout: 60_000 },
      (err, out, errOut) => done({ status: err ? ((err as { code?: number }).code ?? 1) : 0, out, err: errOut }),
    );
    child.stdin!.end(input);
  });
}

// Interoperability outside TypeScript: a package the platform sealed is opened by Bouncy Castle's
// RFC 9180 implementation in Java, and one Java sealed is opened by @liaison/partner's openPackage.
describe('HPKE packages between the platform and Java (Bouncy Castle)', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let classpath: string;
  const dir = mkdtempSync(join(tmpdir(), 'liaison-java-'));
  const sia = generateKeyPair();
  const siaKeyFile = join(dir, 'sia.jwk.json');
  const client = (token: string) =>
    createLiaisonClient({ baseUrl: 'http://liaison.test', token, fetch: (req) => Promise.resolve(platform.app.fetch(req)) });

  beforeAll(async () => {
    // The jar comes from Maven Central on first use (cached in interop/java/lib); compiled once.
    const built = await run('bash', [join(javaDir, 'bin/build.sh')], { encoding: 'utf8', timeout: 170_000 });
    classpath = built.stdout.trim().split('\n').at(-1)!;
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'java');
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir: dir,
      seedDemo: false,
      log: () => {},
      topicPartitions: 2,
      webhooks: { dispatcher: false },
    });
    writePrivateKey(siaKeyFile, sia.privateJwk);
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Java opens a package the platform sealed; openPackage opens one Java sealed; both refuse the wrong key', async () => {
    const token = async (agency: string, role: 'caseworker' | 'admin') =>
      (await issueToken(platform.database.db, { agency, role, label: `java ${agency}` })).token;
    const [siaAdmin, siaWorker, centerWorker] = [
      await token('sia', 'admin'),
      await token('sia', 'caseworker'),
      await token('center', 'caseworker'),
    ];
    // SIA's administrator publishes the public half of SIA's own key.
    await client(siaAdmin).publishKey({
      keyId: sia.keyId,
      publicKey: sia.publicKey,
      expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    });

    // The Center seals a case's personal data to SIA.
    const center = client(centerWorker);
    const person = { name: '東京 花子', contact: '03-0000-0000' };
    const kase = await center.intake.POST('/v1/cases', {
      body: {
        category: 'R03',
        consulter: 'SELF',
        victimUnder18: false,
        person,
        summary: '住所を晒された',
        urls: ['https://bbs.example.com/t/9'],
      },
    });
    await center.intake.POST('/v1/cases/{id}/consents', {
      params: { path: { id: kase.data!.id } },
      body: { givenBy: 'person', recipients: ['sia'], purposes: ['deletion-request'] },
    });
    const sealed = await center.intake.POST('/v1/cases/{id}/packages', {
      params: { path: { id: kase.data!.id } },
      body: { recipient: 'sia', purpose: 'deletion-request' },
    });
    expect(sealed.response.status).toBe(201);

    // SIA downloads it; Java opens it from the documented format alone.
    const pkg = await client(siaWorker).fetchPackage(sealed.data!.id);
    const ids = ['--package', pkg.id, '--case', pkg.caseId, '--recipient', pkg.recipient, '--key-id', pkg.keyId];
    const opened = await java(classpath, ['open', '--jwk', siaKeyFile, ...ids], pkg.sealed);
    expect(opened.status, opened.err).toBe(0);
    const content = JSON.parse(opened.out);
    expect(content).toEqual({
      caseId: kase.data!.id,
      category: 'R03',
      urls: ['https://bbs.example.com/t/9'],
      summary: '住所を晒された',
      person,
    });
    expect((await openPackage(pkg, sia.privateJwk, { recipient: 'sia' })).content).toEqual(content);

    // Java seals; openPackage opens.
    const javaPackage = { id: randomUUID(), caseId: randomUUID(), recipient: 'sia', format: 2, keyId: sia.keyId };
    const fromJava = await java(
      classpath,
      [
        'seal',
        '--public-key',
        sia.publicKey,
        '--package',
        javaPackage.id,
        '--case',
        javaPackage.caseId,
        '--recipient',
        'sia',
        '--key-id',
        sia.keyId,
      ],
      JSON.stringify(content),
    );
    expect(fromJava.status, fromJava.err).toBe(0);
    expect((await openPackage({ ...javaPackage, sealed: fromJava.out }, sia.privateJwk)).content).toEqual(content);

    // The published test vector opens in Java too.
    writePrivateKey(join(dir, 'vector.jwk.json'), vector.recipientPrivateJwk);
    const v = vector.package;
    const vectorOpened = await java(
      classpath,
      [
        'open',
        '--jwk',
        join(dir, 'vector.jwk.json'),
        '--package',
        v.id,
        '--case',
        v.caseId,
        '--recipient',
        v.recipient,
        '--key-id',
        v.keyId,
      ],
      v.sealed,
    );
    expect(JSON.parse(vectorOpened.out)).toEqual(vector.content);

    // Another body's key, or other ids: Java refuses too.
    const hotline = generateKeyPair();
    writePrivateKey(join(dir, 'hotline.jwk.json'), hotline.privateJwk);
    const refused = await java(classpath, ['open', '--jwk', join(dir, 'hotline.jwk.json'), ...ids], pkg.sealed);
    expect([refused.status, refused.err.trim()]).toEqual([
      1,
      'this package cannot be opened with this key (sealed to another key, bound to other ids, or altered)',
    ]);
    expect((await java(classpath, ['open', '--jwk', siaKeyFile, ...ids.slice(0, 5), 'hotline', ...ids.slice(6)], pkg.sealed)).status).toBe(
      1,
    );
  });
});
