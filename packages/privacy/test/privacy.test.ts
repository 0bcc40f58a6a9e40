import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, generateBodyKeyPair, normaliseUrl, open, seal, urlHash } from '../src/index.ts';

describe('sealed packages', () => {
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
