import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptField,
  encryptField,
  generateBodyKey,
  generateBodyKeyPair,
  isUsablePublicKey,
  keyThumbprint,
  normaliseUrl,
  open,
  openSealedPackage,
  type PackageBinding,
  packageInfo,
  seal,
  sealPackage,
  urlHash,
} from '../src/index.ts';

describe('sealed packages (format 2: HPKE, RFC 9180)', () => {
  const sia = generateBodyKey();
  const others = Array.from({ length: 4 }, () => generateBodyKey());
  const personalData = Buffer.from(JSON.stringify({ name: '山田花子', school: '○○中学校', contact: '090-0000-0000' }));
  const binding: PackageBinding = {
    packageId: '7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c',
    caseId: '0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90',
    recipient: 'sia',
    keyId: sia.keyId,
  };

  it('opens with the recipient body’s key under the same binding', async () => {
    const sealed = await sealPackage(sia.publicKey, personalData, binding);
    expect(sealed[0]).toBe(2);
    expect(sealed.length).toBe(1 + 32 + personalData.length + 16);
    expect(await openSealedPackage(sia.privateJwk, sealed, binding)).toEqual(personalData);
  });

  it('cannot be opened with any other body’s key', async () => {
    const sealed = await sealPackage(sia.publicKey, personalData, binding);
    for (const other of others)
      await expect(openSealedPackage(other.privateJwk, sealed, binding)).rejects.toThrow(/cannot be opened with this key/);
  });

  it('cannot be passed off as another package, case, recipient or key, nor altered', async () => {
    const sealed = await sealPackage(sia.publicKey, personalData, binding);
    for (const moved of [
      { packageId: 'a0000000-0000-4000-8000-000000000000' },
      { caseId: 'b0000000-0000-4000-8000-000000000000' },
      { recipient: 'hotline' },
      { keyId: others[0]!.keyId },
    ]) {
      await expect(openSealedPackage(sia.privateJwk, sealed, { ...binding, ...moved })).rejects.toThrow(/cannot be opened/);
    }
    for (const at of [1, 40, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[at] = altered[at]! ^ 1;
      await expect(openSealedPackage(sia.privateJwk, altered, binding)).rejects.toThrow(/cannot be opened/);
    }
  });

  it('binds the ids in info exactly as documented', () => {
    expect(packageInfo(binding)).toBe(`liaison-package/2;id=${binding.packageId};case=${binding.caseId};to=sia;kid=${sia.keyId}`);
  });

  it('names keys by their RFC 7638 thumbprint and refuses unusable public keys', () => {
    // Bob's X25519 public key from RFC 7748 §6.1; the expected thumbprint was computed apart (Python
    // hashlib over the RFC 7638 member order crv, kty, x), so a change of canonical form fails here.
    const bob = Buffer.from('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f', 'hex').toString('base64');
    expect(keyThumbprint(bob)).toBe('giQqigT_IKcuzHl0FVJ3k5ts3_TWNAxvsC08UZsfcM8');
    expect(keyThumbprint(sia.publicKey)).toBe(sia.keyId);
    expect(isUsablePublicKey(sia.publicKey)).toBe(true);
    expect(isUsablePublicKey(Buffer.alloc(32).toString('base64'))).toBe(false);
    expect(isUsablePublicKey(Buffer.alloc(31, 9).toString('base64'))).toBe(false);
  });
});

describe('sealed packages (format 1, legacy: still opened)', () => {
  const sia = generateBodyKeyPair();
  const others = Array.from({ length: 4 }, () => generateBodyKeyPair());
  const personalData = Buffer.from(JSON.stringify({ name: '山田花子', school: '○○中学校', contact: '090-0000-0000' }));

  it('opens with the recipient body’s key', () => {
    expect(open(sia, seal(sia.publicKey, personalData, 'referral-1'), 'referral-1')).toEqual(personalData);
  });

  it('cannot be opened with any other body’s key', () => {
    const sealed = seal(sia.publicKey, personalData, 'referral-1');
    for (const other of others) expect(() => open(other, sealed, 'referral-1')).toThrow(/cannot be opened/);
  });

  it('cannot be moved to another referral, nor altered', () => {
    const sealed = seal(sia.publicKey, personalData, 'referral-1');
    expect(() => open(sia, sealed, 'referral-2')).toThrow();
    const altered = Buffer.from(sealed);
    altered[50] = altered[50]! ^ 1;
    expect(() => open(sia, altered, 'referral-1')).toThrow();
  });

  it('shows nothing of the plaintext and differs every time', () => {
    const a = seal(sia.publicKey, personalData);
    const b = seal(sia.publicKey, personalData);
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('山田');
    expect(a.toString('utf8')).not.toContain('山田');
  });
});

describe('field encryption at rest', () => {
  const key = randomBytes(32);
  it('round-trips, and is bound to its row and column', () => {
    const stored = encryptField(key, '山田花子', 'cases/1/name');
    expect(stored).not.toContain('山田');
    expect(decryptField(key, stored, 'cases/1/name')).toBe('山田花子');
    expect(() => decryptField(key, stored, 'cases/2/name')).toThrow();
    expect(() => decryptField(randomBytes(32), stored, 'cases/1/name')).toThrow();
  });
});

describe('URL keyed hashes', () => {
  const council = randomBytes(32);
  it('recognises the same page in different spellings', () => {
    const a = urlHash(council, 'https://WWW.Example.com:443/thread/123/?utm_source=x&b=2&a=1#reply');
    const b = urlHash(council, 'https://example.com/thread/123?a=1&b=2');
    expect(a).toBe(b);
    expect(normaliseUrl('HTTP://Example.com:80/a/')).toBe('http://example.com/a');
    expect(urlHash(council, 'https://example.com/thread/124')).not.toBe(a);
  });
  it('differs under another council key, so it cannot be looked up without the key', () => {
    expect(urlHash(randomBytes(32), 'https://example.com/x')).not.toBe(urlHash(council, 'https://example.com/x'));
  });
});

describe('the published test vector (schemas/packages/test-vector.json)', () => {
  it('opens with the documented key, info and empty AAD to the documented content', async () => {
    const { readFileSync } = await import('node:fs');
    const vector = JSON.parse(readFileSync(new URL('../../../schemas/packages/test-vector.json', import.meta.url), 'utf8'));
    const binding = {
      packageId: vector.package.id,
      caseId: vector.package.caseId,
      recipient: vector.package.recipient,
      keyId: vector.package.keyId,
    };
    expect(packageInfo(binding)).toBe(vector.info);
    expect(keyThumbprint(Buffer.from(vector.recipientPrivateJwk.x, 'base64url').toString('base64'))).toBe(vector.package.keyId);
    const opened = await openSealedPackage(vector.recipientPrivateJwk, Buffer.from(vector.package.sealed, 'base64'), binding);
    expect(JSON.parse(opened.toString())).toEqual(vector.content);
  });
});
