import { hkdfSync } from 'node:crypto';

/**
 * Each body's key for personal data at rest, derived from one master key (HKDF-SHA256, the body
 * code as info): one secret to keep in a KMS, a different key per body.
 */
export function bodyDataKey(master: Buffer): (agency: string) => Buffer {
  const cache = new Map<string, Buffer>();
  return (agency) => {
    let key = cache.get(agency);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', master, Buffer.from('liaison field key'), Buffer.from(agency), 32));
      cache.set(agency, key);
    }
    return key;
  };
}
