import { readEnv } from '@liaison/config';
import { z } from 'zod';

const notifierEnvSchema = z.object({ NODE_ENV: z.string().optional() });

/**
 * Whether this process runs in production (`NODE_ENV=production`). Read at each call, not at
 * import: the development switch for loopback receivers consults it where it would take effect, so
 * no caller can turn it on in production by passing an option.
 */
export function isProduction(source: NodeJS.ProcessEnv = process.env): boolean {
  return readEnv(notifierEnvSchema, source).NODE_ENV === 'production';
}
