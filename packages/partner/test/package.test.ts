import {
  createCipheriv,
  createHash,
  diffieHellman,
  generateKeyPairSync,
  createPublicKey,
  hkdfSync,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, openPackage, PackageOpenError, type SealedPackage, x25519Thumbprint } from '../src/index.ts';

const vector = JSON.parse(readFileSync(new URL('../../../schemas/packages/test-vector.json', import.meta.url), 'utf8'));
const content = {
  caseId: randomUUID(),
  category: 'R01',
  urls: ['https://sns.example.com/p/1'],
  summary: '試験',
  person: { name: '山田花子' },
};

/**
 * Seals a format-2 package the way docs/partners.md describes it, written from the description
 * (not from the platform's code): 0x02 ‖ enc ‖ ct, info = the binding line, empty AAD.
 */
async function sealAsDocumented(
  publicKey: string,
  ids: { id: string; caseId: string; recipient: string; keyId: string },
  plaintext: unknown,
): Promise<SealedPackage> {
  const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
  const info = new TextEncoder().encode(`liaison-package/2;id=${ids.id};case=${ids.caseId};to=${ids.recipient};kid=${ids.keyId}`);
  const { enc, ct } = await suite.seal(
    { recipientPublicKey: await suite.kem.deserializePublicKey(new Uint8Array(Buffer.from(publicKey, 'base64'))), info },
    new TextEncoder().encode(JSON.stringify(plaintext)),
  );
  return { ...ids, format: 2, sealed: Buffer.concat([Buffer.from([2]), Buffer.from(enc), Buffer.from(ct)]).toString('base64') };
}

/** Seals in the legacy format 1, as docs/partners.md describes it. */
function sealLegacy(publicKey: string, id: string, plaintext: unknown): string {
  const { publicKey: ephPub, privateKey: ephPriv } = generateKeyPairSync('x25519');
  const ephemeral = Buffer.from(ephPub.export({ format: 'jwk' }).x!, 'base64url');
  const recipient = Buffer.from(publicKey, 'base64');
  const shared = diffieHellman({
    privateKey: ephPriv,
    publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: recipient.toString('base64url') }, format: 'jwk' }),
  });
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), Buffer.from('liaison sealed package v1'), 32));
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([Buffer.from([1]), ephemeral, Buffer.from(`package:${id}`)]));
  const body = Buffer.concat([cipher.update(Buffer.from(JSON.stringify(plaintext))), cipher.final()]);
  return Buffer.concat([Buffer.from([1]), ephemeral, nonce, body, cipher.getAuthTag()]).toString('base64');
}

describe('openPackage', () => {
  const sia = generateKeyPair();
  const hotline = generateKeyPair();
  const ids = () => ({ id: randomUUID(), caseId: content.caseId, recipient: 'sia', keyId: sia.keyId });

  it('opens the published test vector (sealed by the platform) with its documented key', async () => {
    const opened = await openPackage({ ...vector.package }, vector.recipientPrivateJwk, { recipient: 'sia', packageId: vector.package.id });
    expect(opened).toEqual({ content: vector.content, keyId: vector.package.keyId, format: 2 });
  });

  it('opens a package sealed as documented, choosing the key the package names from a key ring', async () => {
    const pkg = await sealAsDocumented(sia.publicKey, ids(), content);
    const ring = new Map([
      [hotline.keyId, hotline.privateJwk],
      [sia.keyId, sia.privateJwk],
    ]);
    expect(await openPackage(pkg, ring, { recipient: 'sia', packageId: pkg.id })).toEqual({ content, keyId: sia.keyId, format: 2 });
  });

  it('says clearly why a package does not open', async () => {
    const pkg = await sealAsDocumented(sia.publicKey, ids(), content);
    const fail = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PackageOpenError);
      return err as PackageOpenError;
    };
    // Addressed to another body: refused before any key is tried.
    const other = await fail(openPackage(pkg, hotline.privateJwk, { recipient: 'hotline' }));
    expect([other.code, other.message]).toEqual([
      'WRONG_RECIPIENT',
      `package ${pkg.id} was sealed to sia, not to hotline: only sia's private key opens it`,
    ]);
    // Sealed to a key that is not among those given (another body's, or one thrown away).
    const missing = await fail(openPackage(pkg, hotline.privateJwk));
    expect(missing.code).toBe('NO_SUCH_KEY');
    expect(missing.message).toContain(`sealed to key ${sia.keyId} of sia; the keys given are ${hotline.keyId}`);
    // A key filed under the right id that is not the right key, other ids, or altered bytes.
    expect((await fail(openPackage(pkg, { ...hotline.privateJwk, kid: sia.keyId }))).code).toBe('NOT_OPENED');
    expect((await fail(openPackage({ ...pkg, caseId: randomUUID() }, sia.privateJwk))).code).toBe('NOT_OPENED');
    const altered = Buffer.from(pkg.sealed, 'base64');
    altered[40] = altered[40]! ^ 1;
    expect((await fail(openPackage({ ...pkg, sealed: altered.toString('base64') }, sia.privateJwk))).code).toBe('NOT_OPENED');
    expect((await fail(openPackage(pkg, sia.privateJwk, { packageId: randomUUID() }))).code).toBe('WRONG_PACKAGE');
    expect((await fail(openPackage({ ...pkg, format: 3 }, sia.privateJwk))).code).toBe('UNKNOWN_FORMAT');
  });

  it('still opens packages of the legacy format 1 with the key of the time', async () => {
    const id = randomUUID();
    const pkg: SealedPackage = {
      id,
      caseId: content.caseId,
      recipient: 'sia',
      format: 1,
      keyId: 'legacy',
      sealed: sealLegacy(sia.publicKey, id, content),
    };
    expect(await openPackage(pkg, [hotline.privateJwk, sia.privateJwk])).toEqual({ content, keyId: sia.keyId, format: 1 });
    await expect(openPackage(pkg, hotline.privateJwk)).rejects.toThrow(/opens with none of the keys given/);
  });

  it('names keys by their RFC 7638 thumbprint', () => {
    const x = Buffer.from(sia.publicKey, 'base64').toString('base64url');
    expect(sia.keyId).toBe(
      createHash('sha256')
        .update(JSON.stringify({ crv: 'X25519', kty: 'OKP', x }))
        .digest('base64url'),
    );
    expect(x25519Thumbprint(Buffer.from(vector.recipientPrivateJwk.x, 'base64url').toString('base64'))).toBe(vector.package.keyId);
  });
});
