// `pnpm audit:verify`: checks the audit log's hash chain and reports the first altered, missing or
// cut-off entry. Exit code 0 when intact, 1 when broken, 2 on bad configuration.
import { resolve } from 'node:path';
import { verifyAudit } from '@liaison/audit';
import { createDatabase } from '@liaison/db/client';
import { embeddedUrl } from '@liaison/db/embedded';
import { env } from './env.ts';
import { localSecret } from './platform.ts';

const config = env();
const dataDir = resolve(config.LIAISON_DATA_DIR);
// Without DATABASE_URL: the embedded platform's own Postgres (it must be running: `pnpm start`).
const url = config.DATABASE_URL ?? embeddedUrl(dataDir, config.EMBEDDED_PG_PORT);
if (!url) {
  console.error(`DATABASE_URL is required (no embedded platform data in ${dataDir})`);
  process.exit(2);
}
const key = config.AUDIT_KEY ?? localSecret(dataDir, 'audit-key');
const database = createDatabase({ url, driver: config.DATABASE_DRIVER });
const verdict = await verifyAudit(database.pool, key);
await database.close();
if (verdict.ok) {
  console.log(`監査ログ検証OK (audit log intact): ${verdict.sealed} entries sealed, ${verdict.unsealed} waiting to be sealed`);
} else {
  console.log(`監査ログ改ざん検出 (audit log broken): ${verdict.message}`);
  process.exitCode = 1;
}
