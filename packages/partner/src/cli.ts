// liaison-partner: what a body's operator runs — make, publish, rotate and revoke the body's keys,
// and open a package sealed to the body. The platform's address and the token come from
// LIAISON_URL and LIAISON_TOKEN (or --url / --token-file), never from the command line itself.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createLiaisonClient, LiaisonApiError } from './client.ts';
import { generateKeyPair, publicKeyOf, readKeyRing, readPrivateKey, writePrivateKey } from './keys.ts';
import { openPackage, PackageOpenError } from './package.ts';

const DAY = 86_400_000;

/** Runs the CLI with `argv` (without node and the script); resolves with the exit status. */
export async function main(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void; env: Record<string, string | undefined> } = defaultIo(),
): Promise<number> {
  let status = 0;
  const program = new Command('liaison-partner')
    .description('Liaison partner kit: your body’s keys and packages / 連携機関向けツール (鍵とパッケージ)')
    .option('--url <url>', 'the platform (default $LIAISON_URL)')
    .option('--token-file <file>', 'a file holding your API token (default $LIAISON_TOKEN)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const client = () => {
    const opts = program.opts<{ url?: string; tokenFile?: string }>();
    const baseUrl = opts.url ?? io.env.LIAISON_URL;
    const token = opts.tokenFile ? readFileSync(opts.tokenFile, 'utf8').trim() : io.env.LIAISON_TOKEN;
    if (!baseUrl) throw new UsageError('the platform is not named: set LIAISON_URL or give --url');
    if (!token) throw new UsageError('no API token: set LIAISON_TOKEN or give --token-file');
    return createLiaisonClient({ baseUrl, token });
  };
  const days = (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 730) throw new InvalidArgumentError('must be a whole number of days, 1–730');
    return n;
  };
  const timestamp = (v: string) => {
    if (Number.isNaN(Date.parse(v)) || !/[zZ]|[+-]\d{2}:\d{2}$/.test(v))
      throw new InvalidArgumentError('must be an ISO 8601 timestamp with offset, e.g. 2027-04-01T09:00:00+09:00');
    return v;
  };
  const publish = async (file: string, o: { notBefore?: string; days: number }) => {
    const key = readPrivateKey(file);
    const notBefore = o.notBefore ?? new Date().toISOString();
    const expiresAt = new Date(Date.parse(notBefore) + o.days * DAY).toISOString();
    const published = await client().publishKey({ keyId: key.kid, publicKey: publicKeyOf(key), notBefore, expiresAt });
    io.err(
      `公開しました (published) key ${published.keyId}: ${published.state}${published.current ? ', current' : ''}, until ${published.expiresAt}\n`,
    );
    io.out(`${JSON.stringify(published)}\n`);
  };

  const keys = program.command('keys').description('your body’s key pairs / 鍵の管理');
  keys
    .command('generate')
    .description('make a key pair; the private key stays in DIR (mode 0600) / 鍵ペアの作成')
    .option('--out <dir>', 'where to write <key id>.jwk.json', '.')
    .option('--key-id <id>', 'a key id of your own (default: the RFC 7638 thumbprint)')
    .action((o: { out: string; keyId?: string }) => {
      const key = generateKeyPair(o.keyId);
      mkdirSync(o.out, { recursive: true, mode: 0o700 });
      const file = join(o.out, `${key.keyId}.jwk.json`);
      if (existsSync(file)) throw new UsageError(`${file} exists already`);
      writePrivateKey(file, key.privateJwk);
      io.err(`鍵ペアを作成しました (key pair made): private key in ${file} — keep it in your body's systems only\n`);
      io.out(`${JSON.stringify({ keyId: key.keyId, publicKey: key.publicKey, file })}\n`);
    });
  keys
    .command('publish')
    .description('publish the public half of a key file / 公開鍵の登録 (administrators)')
    .requiredOption('--key <file>', 'the private key file (only its public half is sent)')
    .option('--not-before <time>', 'from when (default now)', timestamp)
    .option('--days <n>', 'valid for n days (at most 730)', days, 365)
    .action(async (o: { key: string; notBefore?: string; days: number }) => publish(o.key, o));
  keys
    .command('rotate')
    .description('make the next key pair in DIR and publish it; older keys stay in DIR to open older packages / 鍵の更新')
    .requiredOption('--dir <dir>', 'your keys folder')
    .option('--not-before <time>', 'from when the new key is used (default now)', timestamp)
    .option('--days <n>', 'valid for n days (at most 730)', days, 365)
    .action(async (o: { dir: string; notBefore?: string; days: number }) => {
      const before = existsSync(o.dir) ? readKeyRing([o.dir]).size : 0;
      const key = generateKeyPair();
      mkdirSync(o.dir, { recursive: true, mode: 0o700 });
      const file = join(o.dir, `${key.keyId}.jwk.json`);
      writePrivateKey(file, key.privateJwk);
      await publish(file, o);
      io.err(`${before} older key(s) kept in ${o.dir}: they open the packages sealed to them until those keys expire\n`);
    });
  keys
    .command('list')
    .description('your body’s published keys / 公開鍵一覧 (administrators)')
    .action(async () => io.out(`${JSON.stringify(await client().listKeys())}\n`));
  keys
    .command('revoke')
    .argument('<keyId>')
    .description('revoke a key at once (its packages are no longer handed out) / 公開鍵の失効 (administrators)')
    .action(async (keyId: string) => io.out(`${JSON.stringify(await client().revokeKey(keyId))}\n`));

  program
    .command('package')
    .description('sealed packages / 封緘パッケージ')
    .command('open')
    .argument('<id>', 'the package id (a referral’s packageId)')
    .requiredOption('--key <path...>', 'private key file(s), or your keys folder')
    .option('--body <code>', 'your body’s code: refuse a package addressed to another body')
    .option('--out <file>', 'write the content there (mode 0600) instead of standard output')
    .description('download a package sealed to your body and open it with your private key / パッケージを開く')
    .action(async (id: string, o: { key: string[]; body?: string; out?: string }) => {
      const ring = readKeyRing(o.key);
      const pkg = await client().fetchPackage(id);
      const opened = await openPackage(pkg, ring, { packageId: id, ...(o.body ? { recipient: o.body } : {}) });
      const text = `${JSON.stringify(opened.content, null, 2)}\n`;
      if (o.out) writeFileSync(o.out, text, { mode: 0o600 });
      else io.out(text);
      io.err(`開封しました (opened) package ${id} from ${pkg.owner ?? '?'} with key ${opened.keyId}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    status = report(err, io.err);
  }
  return status;
}

class UsageError extends Error {}

/** Prints why a command failed — never a key, a token or package content — and gives the exit status. */
function report(err: unknown, write: (s: string) => void): number {
  const e = err as { code?: string; exitCode?: number; message?: string };
  if (e.code?.startsWith('commander.')) return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
  if (err instanceof UsageError) {
    write(`liaison-partner: ${err.message}\n`);
    return 2;
  }
  if (err instanceof LiaisonApiError) {
    write(`liaison-partner: the platform answered ${err.status} ${err.code}: ${err.message}\n`);
    return 1;
  }
  if (err instanceof PackageOpenError) {
    write(`liaison-partner: ${err.code}: ${err.message}\n`);
    return 1;
  }
  write(`liaison-partner: ${e.message ?? String(err)}\n`);
  return 1;
}

function defaultIo() {
  return { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s), env: process.env };
}

// Run as a program (the bin, or `tsx src/cli.ts`), not when imported by tests.
if (process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
