import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign, verify } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A signed statement of the chain's head: "at `at` (UTC), position `position` of chain `chain` had
 * hash `hash`". Written where Postgres administrators cannot rewrite it (a file, the log stream, an
 * event on the bus); `audit:verify --checkpoint` then finds a chain that was cut off and whose head
 * was moved back — which the chain alone cannot show.
 */
export interface AuditCheckpoint {
  chain: string;
  position: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
}

const CONTEXT = 'liaison-audit-checkpoint/v1';
// PKCS#8 prefix of an Ed25519 private key (RFC 8410): the 32-byte seed follows.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The checkpoint signing key pair, derived from the audit key (so it needs no key of its own and is
 * never in the database). The public half lets anyone check a checkpoint without the audit key.
 */
export function checkpointKeys(auditKey: Buffer): { privateKey: KeyObject; publicKey: KeyObject; keyId: string } {
  const seed = Buffer.from(hkdfSync('sha256', auditKey, 'liaison-audit', 'checkpoint-signing/ed25519', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey, keyId: createHash('sha256').update(raw).digest('base64url').slice(0, 16) };
}

const payload = (c: Pick<AuditCheckpoint, 'chain' | 'position' | 'hash' | 'at'>) =>
  Buffer.from(`${CONTEXT}|${c.chain}|${c.position}|${c.hash}|${c.at}`);

/** Signs the chain head at `position` with hash `hash`, now (UTC). */
export function signCheckpoint(auditKey: Buffer, head: { chain?: string; position: number; hash: string; at?: Date }): AuditCheckpoint {
  const { privateKey, keyId } = checkpointKeys(auditKey);
  const body = { chain: head.chain ?? 'main', position: head.position, hash: head.hash, at: (head.at ?? new Date()).toISOString() };
  return { ...body, keyId, signature: sign(null, payload(body), privateKey).toString('base64url') };
}

/** Whether `checkpoint` was signed by the key derived from `auditKey` (or by `publicKey`). */
export function checkpointSigned(checkpoint: AuditCheckpoint, key: { auditKey: Buffer } | { publicKey: KeyObject }): boolean {
  const publicKey = 'publicKey' in key ? key.publicKey : checkpointKeys(key.auditKey).publicKey;
  try {
    return verify(null, payload(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64url'));
  } catch {
    return false;
  }
}

/** Where checkpoints go: each sink gets every checkpoint; a failing sink does not stop the others. */
export type CheckpointSink = (checkpoint: AuditCheckpoint) => void | Promise<void>;

/** Appends each checkpoint as one JSON line to `file` (made with its folder if missing). */
export function fileSink(file: string): CheckpointSink {
  return (checkpoint) => {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  };
}

/** The last well-formed checkpoint of a JSON-lines file (later lines are newer). */
export function lastCheckpoint(file: string): AuditCheckpoint | undefined {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0);
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const c = JSON.parse(lines[i]!) as AuditCheckpoint;
      if (typeof c.position === 'number' && typeof c.hash === 'string' && typeof c.signature === 'string') return c;
    } catch {
      // a torn last line (crash mid-write): take the one before
    }
  }
  return undefined;
}
