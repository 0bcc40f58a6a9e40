// `pnpm audit:verify [--checkpoint FILE]`: checks the audit log's hash chain and reports the first
// altered, missing or cut-off entry. With a checkpoint file (signed checkpoints written outside
// Postgres), also a tail cut off together with its head. Exit code 0 when intact, 1 when broken,
// 2 on bad configuration or usage.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lastCheckpoint, verifyAudit } from '@liaison/audit';
import { createDatabase } from '@liaison/db/client';
import { embeddedUrl } from '@liaison/db/embedded';
import { env } from './env.ts';
import { localSecret } from './platform.ts';

let checkpointFile: string | undefined;
try {
  const { values } = parseArgs({ options: { checkpoint: { type: 'string' } }, strict: true });
  checkpointFile = values.checkpoint;
} catch (err) {
  console.error(`usage: pnpm audit:verify [--checkpoint FILE] (${(err as Error).message})`);
  process.exit(2);
}
const config = env();
const dataDir = resolve(config.LIAISON_DATA_DIR);
// Without DATABASE_URL: the embedded platform's own Postgres (it must be running: `pnpm start`).
const url = config.DATABASE_URL ?? embeddedUrl(dataDir, config.EMBEDDED_PG_PORT);
if (!url) {
  console.error(`DATABASE_URL is required (no embedded platform data in ${dataDir})`);
  process.exit(2);
}
if (config.DATABASE_URL && !config.AUDIT_KEY) {
  console.error('AUDIT_KEY is required with an external DATABASE_URL');
  process.exit(2);
}
// The embedded platform keeps its checkpoints in its data folder; use them unless told otherwise.
const embeddedCheckpoints = resolve(dataDir, 'audit-checkpoints.jsonl');
checkpointFile ??= !config.DATABASE_URL && existsSync(embeddedCheckpoints) ? embeddedCheckpoints : undefined;
if (checkpointFile && !existsSync(checkpointFile)) {
  console.error(`checkpoint file ${checkpointFile} does not exist`);
  process.exit(2);
}
const checkpoint = checkpointFile ? lastCheckpoint(checkpointFile) : undefined;
if (checkpointFile && !checkpoint) {
  console.error(`checkpoint file ${checkpointFile} holds no checkpoint`);
  process.exit(2);
}
const key = config.AUDIT_KEY ?? localSecret(dataDir, 'audit-key');
const database = createDatabase({ url, driver: config.DATABASE_DRIVER });
const verdict = await verifyAudit(database.pool, key, checkpoint ? { checkpoint } : {});
await database.close();
if (verdict.ok) {
  const against = verdict.checkpoint ? `; reaches the checkpoint of ${verdict.checkpoint.at} (position ${verdict.checkpoint.position})` : '; no checkpoint given';
  console.log(`監査ログ検証OK (audit log intact): ${verdict.sealed} entries sealed, ${verdict.unsealed} waiting to be sealed${against}`);
} else {
  console.log(`監査ログ改ざん検出 (audit log broken): ${verdict.message}`);
  process.exitCode = 1;
}
