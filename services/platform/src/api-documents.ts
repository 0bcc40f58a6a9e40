import { randomBytes } from 'node:crypto';
import { createDatabase } from '@liaison/db/client';
import { createIntakeApp } from '@liaison/intake';
import { createNotifierApp } from '@liaison/notifier';
import { createReferralsApp } from '@liaison/referrals';
import { createSecretariatApp } from '@liaison/secretariat';
import { createStatsApp, loadCatalogue } from '@liaison/stats';
import { createBodyKeyApp } from './body-keys.ts';
import { createTokenApp } from './tokens.ts';

/**
 * The REST API's OpenAPI documents: where the platform serves each, and the file in
 * `schemas/openapi/` it is committed as — the contract partners generate clients from.
 */
export const apiDocuments = [
  { name: 'referrals', path: '/v1/openapi.json' },
  { name: 'intake', path: '/v1/intake/openapi.json' },
  { name: 'webhooks', path: '/v1/webhooks/openapi.json' },
  { name: 'tokens', path: '/v1/tokens/openapi.json' },
  { name: 'keys', path: '/v1/keys/openapi.json' },
  { name: 'stats', path: '/v1/stats/openapi.json' },
  { name: 'meetings', path: '/v1/secretariat/openapi.json' },
] as const;

/**
 * Builds every REST app as the platform mounts it and returns their OpenAPI documents by name.
 * Nothing is connected: the apps open nothing when built, and no request reaches a database.
 */
export async function buildApiDocuments(): Promise<Record<(typeof apiDocuments)[number]['name'], unknown>> {
  // A pool that is never used: building an app runs no query.
  const database = createDatabase({ url: 'postgres://unused@127.0.0.1:1/unused', max: 1 });
  try {
    const verifyToken = async () => null;
    const agency = async () => undefined;
    const apps = {
      referrals: createReferralsApp({ database, verifyToken, agency }),
      intake: createIntakeApp({
        database,
        verifyToken,
        agency,
        dataKey: () => randomBytes(32),
        councilKey: randomBytes(32),
        bodyKeys: { current: async () => undefined, state: async () => ({ state: 'unknown' }) },
      }),
      webhooks: createNotifierApp({ db: database.db, verifyToken, targets: {}, webhookKey: randomBytes(32) }),
      tokens: createTokenApp({ db: database.db, verifyToken }),
      keys: createBodyKeyApp({ db: database.db, verifyToken }),
      stats: createStatsApp({ database, verifyToken, releases: { db: database.db, catalogue: loadCatalogue(), bodies: async () => [] } }),
      meetings: createSecretariatApp({ database, verifyToken, registry: async () => [] }),
    };
    const docs = {} as Record<(typeof apiDocuments)[number]['name'], unknown>;
    for (const { name, path } of apiDocuments) docs[name] = await (await apps[name].request(path)).json();
    return docs;
  } finally {
    await database.close();
  }
}
