import { hkdfSync, randomBytes } from 'node:crypto';
import type { Db } from '@liaison/db';
import { decryptField, encryptField } from '@liaison/privacy';
import { eq, like } from 'drizzle-orm';
import { endpoints } from '../db/schema.ts';

/**
 * The key webhook signing secrets are encrypted under, derived (HKDF-SHA256, its own label) from
 * `WEBHOOK_KEY`. A key of its own rather than one derived from `FIELD_KEY`: the notifier process
 * then never holds the master key of personal data, and either key can be rotated alone.
 */
export function webhookSecretKey(master: Buffer): Buffer {
  if (master.length < 32) throw new Error('WEBHOOK_KEY must be at least 32 bytes');
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from('liaison webhook signing secrets v1'), 32));
}

/** A new Standard Webhooks signing secret (`whsec_` + base64 of 24 random bytes). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

// Bound to the row and column (AES-GCM associated data): a stored secret copied to another
// endpoint's row does not open.
const binding = (endpointId: string) => `notifier.endpoints.secret:${endpointId}`;

/** Encrypts an endpoint's signing secret for storage (AES-256-GCM, `v1:` format of @liaison/privacy). */
export function sealSecret(key: Buffer, endpointId: string, secret: string): string {
  return encryptField(key, secret, binding(endpointId));
}

/**
 * The signing secret of a stored row. Rows written before secrets were encrypted hold the plaintext
 * (`whsec_…`); they are read as they are until {@link sealLegacySecrets} has encrypted them.
 */
export function openSecret(key: Buffer, endpointId: string, stored: string): string {
  if (stored.startsWith('whsec_')) return stored;
  return decryptField(key, stored, binding(endpointId));
}

/**
 * Encrypts the signing secrets still stored in plaintext (rows from before encryption); run at
 * every start, it changes nothing once they are all sealed. Returns how many rows it sealed.
 * A migration cannot do this: the key is configuration and never reaches the database.
 */
export async function sealLegacySecrets(db: Db, key: Buffer): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: endpoints.id, secret: endpoints.secret })
      .from(endpoints)
      .where(like(endpoints.secret, 'whsec\\_%'))
      .for('update', { skipLocked: true });
    for (const row of rows)
      await tx
        .update(endpoints)
        .set({ secret: sealSecret(key, row.id, row.secret) })
        .where(eq(endpoints.id, row.id));
    return rows.length;
  });
}
