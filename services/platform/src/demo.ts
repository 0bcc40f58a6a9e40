import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentBodyKey, issueToken, listAgencies, publishBodyKey, type Role, verifyToken } from '@liaison/auth';
import { generateBodyKey } from '@liaison/privacy';
import type { Db } from '@liaison/db';

export interface DemoToken {
  agency: string;
  role: Role;
  label: string;
  token: string;
}

const demoPeople: Omit<DemoToken, 'token'>[] = [
  { agency: 'center', role: 'caseworker', label: 'デモ 相談員 (center caseworker)' },
  { agency: 'center', role: 'secretariat', label: 'デモ 事務局 (secretariat)' },
  { agency: 'sia', role: 'caseworker', label: 'デモ SIA 担当 (SIA caseworker)' },
  { agency: 'hotline', role: 'caseworker', label: 'デモ IHC 担当 (Hotline caseworker)' },
  { agency: 'mic', role: 'observer', label: 'デモ 総務省 (MIC observer)' },
  { agency: 'center', role: 'admin', label: 'デモ 管理者 (center admin: tokens)' },
];

/**
 * Demo tokens for the embedded platform: issued on first start and kept (plaintext, mode 0600) in
 * the local data folder so that every later start prints the same ones. Never used with a
 * configured production database unless asked for.
 */
export async function ensureDemoTokens(db: Db, dataDir: string): Promise<DemoToken[]> {
  const file = join(dataDir, 'demo-tokens.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as DemoToken[];
    const valid = await Promise.all(saved.map((t) => verifyToken(db, t.token)));
    if (saved.length === demoPeople.length && valid.every(Boolean)) return saved;
  }
  const tokens: DemoToken[] = [];
  for (const person of demoPeople) {
    const { token } = await issueToken(db, { ...person, ttlDays: 365 });
    tokens.push({ ...person, token });
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return tokens;
}

/**
 * Demo key pairs for the member bodies with no current key: public keys published (valid a year),
 * private keys written to `dataDir/keys/<body>.<key id>.jwk.json` (JWK, mode 0600) — the embedded
 * demo only. In real use each body makes its own pair (`liaison-partner keys generate`) and
 * publishes the public half; the platform never sees the private one. Returns the bodies given a key.
 */
export async function ensureDemoBodyKeys(db: Db, dataDir: string): Promise<string[]> {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const made: string[] = [];
  for (const body of await listAgencies(db)) {
    if (!body.roles.includes('member') || (await currentBodyKey(db, body.code))) continue;
    const key = generateBodyKey();
    writeFileSync(join(dir, `${body.code}.${key.keyId}.jwk.json`), JSON.stringify(key.privateJwk), { mode: 0o600 });
    const now = new Date();
    await publishBodyKey(db, {
      agency: body.code,
      keyId: key.keyId,
      publicKey: key.publicKey,
      notBefore: now,
      expiresAt: new Date(now.getTime() + 365 * 86_400_000),
    });
    made.push(body.code);
  }
  return made;
}
