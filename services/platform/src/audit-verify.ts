// `pnpm audit:verify [--checkpoint FILE]` (also `pnpm liaison audit verify`): checks the audit log's
// hash chain and reports the first altered, missing or cut-off entry. With a checkpoint file (signed
// checkpoints written outside Postgres), also a tail cut off together with its head. Exit code 0
// when intact, 1 when broken, 2 on bad configuration or usage.
import { parseArgs } from 'node:util';
import { CommandError, runAuditVerify } from './commands.ts';
import { env } from './env.ts';

try {
  const { values } = parseArgs({ options: { checkpoint: { type: 'string' } }, strict: true });
  const { verdict, text } = await runAuditVerify(env(), { checkpointFile: values.checkpoint });
  console.log(text);
  if (!verdict.ok) process.exitCode = 1;
} catch (err) {
  if (err instanceof CommandError) {
    console.error(err.message);
    process.exit(err.exitCode);
  }
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`usage: pnpm audit:verify [--checkpoint FILE] (${err.message})`);
    process.exit(2);
  }
  throw err;
}
