import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { createTestDatabase, freePort, type TestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const children: ChildProcess[] = [];

/** Starts a TypeScript entry point as its own process (as a body's operator would); collects its output. */
function start(cwd: string, script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd,
    env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output = { out: '', err: '' };
  child.stdout!.on('data', (d) => (output.out += d));
  child.stderr!.on('data', (d) => (output.err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const printed = (text: string) =>
    waitFor(
      `"${text}" from ${script}`,
      () => {
        if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output.out}${output.err}`);
        return (output.out + output.err).includes(text);
      },
      150_000,
    );
  return { child, output, exited, printed };
}

/** Runs the operator's CLI (`liaison-partner …`) to its end. */
async function cli(args: string[], env: Record<string, string>) {
  const p = start(join(repo, 'packages/partner'), 'src/cli.ts', args, env);
  const status = await p.exited;
  return { status, out: p.output.out, err: p.output.err };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

// The reference partner (examples/partner-receiver) run as its own process against the platform
// on Kafka, as a member body would run it: keys made and published with the CLI, a webhook
// registered, referrals received, packages opened with the body's own key, referrals accepted.
describe('the reference partner against the platform on Kafka', () => {
  let testDb: TestDatabase;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'liaison-partner-'));
  const siaKeys = join(dir, 'sia-keys');
  const hotlineKeys = join(dir, 'hotline-keys');
  const inbox = join(dir, 'inbox');
  const tokens: Record<string, string> = {};
  const PERSON = { name: '鈴木 一郎', contact: '090-1111-2222' };

  const api = async (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** A case of the Center, consented for `recipient`, sealed to its current key. */
  const sealFor = async (recipient: string) => {
    const kase = await api('POST', '/v1/cases', tokens.center!, {
      category: 'R01',
      consulter: 'SELF',
      victimUnder18: false,
      person: PERSON,
      summary: '掲示板での誹謗中傷',
    });
    await api('POST', `/v1/cases/${kase.body.id}/consents`, tokens.center!, {
      givenBy: 'person',
      recipients: [recipient],
      purposes: ['deletion-request'],
    });
    const pkg = await api('POST', `/v1/cases/${kase.body.id}/packages`, tokens.center!, { recipient, purpose: 'deletion-request' });
    expect(pkg.status, JSON.stringify(pkg.body)).toBe(201);
    return { caseId: kase.body.id as string, packageId: pkg.body.id as string, keyId: pkg.body.keyId as string };
  };
  const refer = async (p: { caseId: string; packageId: string }) => {
    const res = await api('POST', '/v1/referrals', tokens.center!, {
      recipient: 'sia',
      category: 'R01',
      packageId: p.packageId,
      caseId: p.caseId,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const statusOf = async (id: string) => (await api('GET', `/v1/referrals/${id}`, tokens.center!)).body.status as string;
  const receiver = (port: number, secret: string) =>
    start(join(repo, 'examples/partner-receiver'), 'src/main.ts', [], {
      LIAISON_URL: base,
      LIAISON_TOKEN: tokens.sia!,
      LIAISON_BODY: 'sia',
      WEBHOOK_SECRET: secret,
      KEYS_DIR: siaKeys,
      INBOX_DIR: inbox,
      PORT: String(port),
    });
  let platform: ReturnType<typeof start>;

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'partner');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const key = () => randomBytes(32).toString('base64');
    platform = start(join(repo, 'services/platform'), 'src/main.ts', [], {
      DATABASE_URL: testDb.url,
      KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      KAFKA_TOPIC_PREFIX: `${uniqueName('partner')}.`,
      TOPIC_PARTITIONS: '2',
      PORT: String(port),
      LIAISON_DATA_DIR: join(dir, 'platform'),
      AUDIT_KEY: key(),
      FIELD_KEY: key(),
      COUNCIL_KEY: key(),
      WEBHOOK_KEY: key(),
      // Development switch: the receiver listens on loopback.
      WEBHOOK_ALLOW_LOOPBACK: 'true',
    });
    await platform.printed('is running');
    const database = createDatabase({ url: testDb.url });
    for (const [name, agency, role] of [
      ['center', 'center', 'caseworker'],
      ['sia', 'sia', 'caseworker'],
      ['siaAdmin', 'sia', 'admin'],
      ['hotline', 'hotline', 'caseworker'],
      ['hotlineAdmin', 'hotline', 'admin'],
    ] as const) {
      tokens[name] = (await issueToken(database.db, { agency, role, label: `partner e2e ${name}` })).token;
    }
    await database.close();
  }, 200_000);
  afterAll(async () => {
    platform?.child.kill('SIGTERM');
    if (platform) await platform.exited;
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('receives a referral by webhook, opens its package with the body’s own key, and moves it to accepted', async () => {
    // 1–2. SIA's operator makes a key pair and publishes its public half (the private key stays here).
    const made = await cli(['keys', 'generate', '--out', siaKeys], {});
    expect(made.status, made.err).toBe(0);
    const first = JSON.parse(made.out) as { keyId: string; file: string };
    const published = await cli(['keys', 'publish', '--key', first.file, '--days', '30'], {
      LIAISON_URL: base,
      LIAISON_TOKEN: tokens.siaAdmin!,
    });
    expect(published.status, published.err).toBe(0);
    expect(JSON.parse(published.out)).toMatchObject({ keyId: first.keyId, state: 'valid', current: true });

    // 3–4. SIA registers its receiver's webhook and starts the receiver with the secret.
    const port = await freePort();
    const hook = await api('POST', '/v1/webhooks', tokens.sia!, {
      url: `http://127.0.0.1:${port}/webhooks/liaison`,
      eventTypes: ['jp.liaison.referral.created.v1'],
    });
    expect(hook.status).toBe(201);
    const run1 = receiver(port, hook.body.secret);
    await run1.printed('listening on');

    // 5. The Center seals the case's personal data to SIA and refers the case.
    const sealed = await sealFor('sia');
    expect(sealed.keyId).toBe(first.keyId);
    const referral = await refer(sealed);

    // 6. Over Kafka and the notifier, the webhook reaches the receiver, which does the rest.
    await waitFor('the referral accepted by the receiver', async () => (await statusOf(referral)) === 'accepted', 90_000);
    const history = await api('GET', `/v1/referrals/${referral}/history`, tokens.center!);
    expect(history.body.items.map((h: { to: string; changedBy: string }) => `${h.to}/${h.changedBy}`)).toEqual([
      'received/sia',
      'accepted/sia',
    ]);
    const kept = JSON.parse(readFileSync(join(inbox, `${referral}.json`), 'utf8'));
    expect(kept).toMatchObject({
      referralId: referral,
      from: 'center',
      packageId: sealed.packageId,
      keyId: first.keyId,
      content: { caseId: sealed.caseId, category: 'R01', person: PERSON },
    });
    // The receiver logs ids, never the personal data.
    expect(run1.output.out + run1.output.err).not.toContain(PERSON.name);
    run1.child.kill('SIGTERM');
    expect(await run1.exited).toBe(0);
  }, 240_000);

  it('after a rotation, a second run opens both a package sealed to the old key and one sealed to the new', async () => {
    const before = await sealFor('sia');
    const rotated = await cli(['keys', 'rotate', '--dir', siaKeys, '--days', '30'], { LIAISON_URL: base, LIAISON_TOKEN: tokens.siaAdmin! });
    expect(rotated.status, rotated.err).toBe(0);
    const next = JSON.parse(rotated.out) as { keyId: string; current: boolean };
    expect(next.current).toBe(true);
    const after = await sealFor('sia');
    expect(after.keyId).toBe(next.keyId);
    expect(before.keyId).not.toBe(next.keyId);
    expect(readdirSync(siaKeys)).toHaveLength(2);

    const port = await freePort();
    const hook = await api('POST', '/v1/webhooks', tokens.sia!, {
      url: `http://127.0.0.1:${port}/webhooks/liaison`,
      eventTypes: ['jp.liaison.referral.created.v1'],
    });
    const run2 = receiver(port, hook.body.secret);
    await run2.printed('listening on');
    const [old, fresh] = [await refer(before), await refer(after)];
    await waitFor(
      'both referrals accepted',
      async () => (await statusOf(old)) === 'accepted' && (await statusOf(fresh)) === 'accepted',
      90_000,
    );
    expect(JSON.parse(readFileSync(join(inbox, `${old}.json`), 'utf8'))).toMatchObject({
      keyId: before.keyId,
      content: { person: PERSON },
    });
    expect(JSON.parse(readFileSync(join(inbox, `${fresh}.json`), 'utf8'))).toMatchObject({
      keyId: next.keyId,
      content: { person: PERSON },
    });
    run2.child.kill('SIGTERM');
    await run2.exited;

    // The operator's CLI opens a package too, picking the key from the folder.
    const opened = await cli(['package', 'open', before.packageId, '--key', siaKeys, '--body', 'sia'], {
      LIAISON_URL: base,
      LIAISON_TOKEN: tokens.sia!,
    });
    expect(opened.status, opened.err).toBe(0);
    expect(JSON.parse(opened.out)).toMatchObject({ caseId: before.caseId, person: PERSON });
  }, 240_000);

  it('a package sealed to another body’s key fails to open with a clear error', async () => {
    const made = await cli(['keys', 'generate', '--out', hotlineKeys], {});
    const hotlineKey = JSON.parse(made.out) as { keyId: string; file: string };
    expect(
      (await cli(['keys', 'publish', '--key', hotlineKey.file], { LIAISON_URL: base, LIAISON_TOKEN: tokens.hotlineAdmin! })).status,
    ).toBe(0);
    const forHotline = await sealFor('hotline');
    expect(forHotline.keyId).toBe(hotlineKey.keyId);

    // With SIA's keys: the package names a key SIA does not hold.
    const wrongKey = await cli(['package', 'open', forHotline.packageId, '--key', siaKeys], {
      LIAISON_URL: base,
      LIAISON_TOKEN: tokens.hotline!,
    });
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.err).toContain(
      `NO_SUCH_KEY: package ${forHotline.packageId} was sealed to key ${hotlineKey.keyId} of hotline; the keys given are`,
    );
    expect(wrongKey.out).toBe('');
    // Told it is SIA's tool: refused as addressed to another body, before any key is tried.
    const wrongBody = await cli(['package', 'open', forHotline.packageId, '--key', siaKeys, '--body', 'sia'], {
      LIAISON_URL: base,
      LIAISON_TOKEN: tokens.hotline!,
    });
    expect(wrongBody.err).toContain(`WRONG_RECIPIENT: package ${forHotline.packageId} was sealed to hotline, not to sia`);
    // And SIA's own token does not even fetch it.
    const notSias = await cli(['package', 'open', forHotline.packageId, '--key', siaKeys], {
      LIAISON_URL: base,
      LIAISON_TOKEN: tokens.sia!,
    });
    expect(notSias.status).toBe(1);
    expect(notSias.err).toContain('the platform answered 404 NOT_FOUND');
    expect(existsSync(join(inbox, `${forHotline.packageId}.json`))).toBe(false);
  }, 120_000);
});
