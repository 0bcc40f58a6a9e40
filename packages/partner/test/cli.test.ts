import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { readKeyRing, x25519Thumbprint } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'liaison-partner-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const status = await main(args, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    env,
  });
  return { status, out, err };
}

// The operator's commands that need no platform; publishing, rotating and opening against a
// running platform are exercised by the reference partner's end-to-end test.
describe('liaison-partner', () => {
  it('keys generate: writes the private key for its owner only and prints only the public half', async () => {
    const res = await run(['keys', 'generate', '--out', join(dir, 'keys')]);
    expect(res.status).toBe(0);
    const printed = JSON.parse(res.out) as { keyId: string; publicKey: string; file: string };
    expect(printed.keyId).toBe(x25519Thumbprint(printed.publicKey));
    expect(statSync(printed.file).mode & 0o777).toBe(0o600);
    const jwk = JSON.parse(readFileSync(printed.file, 'utf8'));
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'X25519', kid: printed.keyId });
    expect(res.out + res.err).not.toContain(jwk.d);
    expect([...readKeyRing([join(dir, 'keys')]).keys()]).toEqual([printed.keyId]);
    // A key id of one's own.
    const named = await run(['keys', 'generate', '--out', join(dir, 'keys'), '--key-id', 'sia-2027']);
    expect(JSON.parse(named.out).keyId).toBe('sia-2027');
    expect(readdirSync(join(dir, 'keys')).sort()).toEqual([`${printed.keyId}.jwk.json`, 'sia-2027.jwk.json'].sort());
  });

  it('refuses bad usage with status 2 and says why', async () => {
    const noUrl = await run(['keys', 'list'], {});
    expect([noUrl.status, noUrl.err]).toEqual([2, 'liaison-partner: the platform is not named: set LIAISON_URL or give --url\n']);
    const noToken = await run(['keys', 'list'], { LIAISON_URL: 'http://127.0.0.1:9' });
    expect(noToken.status).toBe(2);
    expect(noToken.err).toContain('no API token');
    const badDays = await run(['keys', 'publish', '--key', 'x.json', '--days', '1000'], {
      LIAISON_URL: 'http://127.0.0.1:9',
      LIAISON_TOKEN: 'lia_x',
    });
    expect(badDays.status).toBe(2);
    expect(badDays.err).toContain('1–730');
    expect((await run(['package', 'open', 'id'])).status).toBe(2);
  });

  it('refuses a key file that is not an X25519 private JWK', async () => {
    const res = await run(['package', 'open', 'p', '--key', join(dir, 'nothing.json')], {
      LIAISON_URL: 'http://127.0.0.1:9',
      LIAISON_TOKEN: 'lia_x',
    });
    expect(res.status).toBe(1);
    expect(res.err).toMatch(/nothing\.json/);
  });
});
