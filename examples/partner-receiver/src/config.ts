import { existsSync, statSync } from 'node:fs';

/** What the receiver needs, read once from the environment; a bad value stops the start naming it. */
export interface ReceiverConfig {
  /** The platform, e.g. https://liaison.example.jp */
  liaisonUrl: string;
  /** A caseworker token of your body (lia_…): reads referrals and packages, moves statuses. */
  token: string;
  /** Your body's code in the registry, e.g. sia. */
  body: string;
  /** The signing secret of your webhook endpoint (whsec_…), shown once when it was registered. */
  webhookSecret: string;
  /** Your private keys (JWK files), current and older. */
  keysDir: string;
  /** Where opened packages are kept for your case system (files mode 0600). */
  inboxDir: string;
  port: number;
  host: string;
}

export class ConfigError extends Error {}

/** Reads the configuration; throws {@link ConfigError} naming every variable that is wrong. */
export function readConfig(env: Record<string, string | undefined>): ReceiverConfig {
  const problems: string[] = [];
  const need = (name: string, test: (v: string) => boolean, what: string) => {
    const v = env[name];
    if (!v || !test(v)) problems.push(`${name}: ${what}`);
    return v ?? '';
  };
  const config: ReceiverConfig = {
    liaisonUrl: need('LIAISON_URL', (v) => /^https?:\/\//.test(v), 'the platform URL, e.g. https://liaison.example.jp'),
    token: need('LIAISON_TOKEN', (v) => v.startsWith('lia_'), 'an API token of your body (lia_…)'),
    body: need('LIAISON_BODY', (v) => /^[a-z][a-z0-9-]{1,31}$/.test(v), 'your body code, e.g. sia'),
    webhookSecret: need('WEBHOOK_SECRET', (v) => v.startsWith('whsec_'), 'the webhook signing secret (whsec_…)'),
    keysDir: need('KEYS_DIR', (v) => existsSync(v) && statSync(v).isDirectory(), 'a folder holding your private key files'),
    inboxDir: need('INBOX_DIR', (v) => v.length > 0, 'where opened packages are kept'),
    port: Number(need('PORT', (v) => /^\d{1,5}$/.test(v) && Number(v) < 65536, 'a port number (0: any free port)')),
    host: env.HOST ?? '127.0.0.1',
  };
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return config;
}
