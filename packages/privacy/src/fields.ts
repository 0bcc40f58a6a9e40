import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Field-level encryption at rest: each personal-data field is encrypted on its own with
 * AES-256-GCM under the owning body's data key, bound to its table, row and column (as associated
 * data), so a ciphertext copied to another row or column does not decrypt.
 * Format (base64): 'v1:' ‖ nonce ‖ ciphertext ‖ tag.
 */
export function encryptField(key: Buffer, plaintext: string, binding: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(binding));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64')}`;
}

export function decryptField(key: Buffer, stored: string, binding: string): string {
  if (!stored.startsWith('v1:')) throw new Error('not an encrypted field of a known version');
  const raw = Buffer.from(stored.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(binding));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

/**
 * Normalises a URL so that the same page reported in different spellings matches: lower-case
 * scheme and host, no default port, no fragment, no trailing slash on the path, tracking
 * parameters (utm_*, fbclid, gclid) dropped, remaining query parameters sorted.
 */
export function normaliseUrl(input: string): string {
  const url = new URL(input.trim());
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  if ((url.protocol === 'https:' && url.port === '443') || (url.protocol === 'http:' && url.port === '80')) url.port = '';
  const params = [...url.searchParams.entries()].filter(([k]) => !/^utm_|^fbclid$|^gclid$/i.test(k)).sort(([a], [b]) => a.localeCompare(b));
  url.search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
}

/** The keyed hash of a URL under the council key: the same URL reported to several bodies is recognised without sharing it. */
export function urlHash(councilKey: Buffer, url: string): string {
  return createHmac('sha256', councilKey).update(normaliseUrl(url)).digest('base64url');
}
