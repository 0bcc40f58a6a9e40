import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { issueToken } from '@liaison/auth';
import { createTestDatabase, resolvePostgresServer, uniqueName } from '@liaison/testing';
import { startPlatform } from './src/platform.ts';

const log: string[] = [];
let on = false;
const orig = pg.Client.prototype.query;
// biome-ignore lint/suspicious/noExplicitAny: probe
(pg.Client.prototype as any).query = function (this: unknown, ...args: any[]) {
  if (on) { const q = args[0]; log.push(String(typeof q === 'string' ? q : q?.text).replace(/\s+/g, ' ').slice(0, 140)); }
  // biome-ignore lint/suspicious/noExplicitAny: probe
  return (orig as any).apply(this, args);
};
const server = await resolvePostgresServer();
const db = await createTestDatabase(server.adminUrl, 'count');
const p = await startPlatform({ databaseUrl: db.url, kafkaBrokers: ['127.0.0.1:19092'], topicPrefix: `${uniqueName('count')}.`, dataDir: mkdtempSync(join(tmpdir(), 'c-')), auditKey: randomBytes(32), fieldKey: randomBytes(32), councilKey: randomBytes(32), webhooks: { key: randomBytes(32) }, log: () => {} });
const center = (await issueToken(p.database.db, { agency: 'center', role: 'caseworker', label: 'x' })).token;
const sia = (await issueToken(p.database.db, { agency: 'sia', role: 'caseworker', label: 'x' })).token;
const post = () => p.app.request('/v1/referrals', { method: 'POST', headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json', 'idempotency-key': randomBytes(8).toString('hex') }, body: JSON.stringify({ recipient: 'sia', kind: 'referral', category: 'R01', urgent: false }) });
await post(); await post();
await new Promise((r) => setTimeout(r, 3000));
for (const [name, fn] of [
  ['POST', post],
  ['GET inbox', () => p.app.request('/v1/inbox?limit=20', { headers: { authorization: `Bearer ${sia}` } })],
  ['GraphQL', () => p.app.request('/graphql', { method: 'POST', headers: { authorization: `Bearer ${sia}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ referralInbox(limit: 20) { id sender category { code } status statusLabelJa urgent sentAt } }' }) })],
] as const) {
  await new Promise((r) => setTimeout(r, 1500));
  log.length = 0; on = true;
  const res = await fn();
  on = false;
  console.log(`== ${name} ${res.status} ${(await res.clone().text()).slice(0, 300)}`);
  for (const l of log) console.log('   ', l);
}
const bench = async (name: string, fn: () => Promise<Response>) => {
  for (let i = 0; i < 200; i++) await fn();
  log.length = 0; on = true;
  const t = performance.now();
  const cpu = process.cpuUsage();
  const n = 1000;
  await Promise.all(Array.from({ length: 32 }, async (_, k) => { for (let i = k; i < n; i += 32) { const r = await fn(); await r.text(); } }));
  on = false;
  const used = process.cpuUsage(cpu);
  console.log(`${name}: ${(n / ((performance.now() - t) / 1000)).toFixed(0)}/s, cpu ${((used.user + used.system) / 1000 / n).toFixed(2)} ms/request (user ${(used.user / 1000 / n).toFixed(2)}), ${(log.length / n).toFixed(2)} queries per request`);
};
await bench('REST inbox', () => p.app.request('/v1/inbox?limit=20', { headers: { authorization: `Bearer ${sia}` } }));
await bench('GraphQL inbox', () => p.app.request('/graphql', { method: 'POST', headers: { authorization: `Bearer ${sia}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ referralInbox(limit: 20) { id sender category { code } status statusLabelJa urgent sentAt } }' }) }));
await bench('REST inbox', () => p.app.request('/v1/inbox?limit=20', { headers: { authorization: `Bearer ${sia}` } }));
await bench('POST', post);
await bench('GraphQL me', () => p.app.request('/graphql', { method: 'POST', headers: { authorization: `Bearer ${sia}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { agency } }' }) }));
await bench('healthz', () => p.app.request('/healthz'));
await p.stop();
await db.drop();
await server.stop();
