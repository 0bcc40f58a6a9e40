import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAgencies } from '@liaison/auth';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiDocuments } from '../src/api-documents.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

/** How the OpenAPI documents spell a field that names a council body (AgencyCode). */
const AGENCY_CODE = '^[a-z][a-z0-9-]{1,31}$';

/**
 * A valid body (accepted: 201) for every write endpoint with a field naming a body; the suite fails
 * when the OpenAPI documents have such a field on an endpoint missing here.
 */
const validBodies: Record<string, (caseId: string) => { path: string; body: Record<string, unknown> }> = {
  'POST /v1/referrals': () => ({ path: '/v1/referrals', body: { recipient: 'sia', category: 'R01' } }),
  'POST /v1/cases/{id}/consents': (caseId) => ({
    path: `/v1/cases/${caseId}/consents`,
    body: { givenBy: 'person', recipients: ['sia', 'hotline'], purposes: ['deletion-request'] },
  }),
  'POST /v1/cases/{id}/packages': (caseId) => ({
    path: `/v1/cases/${caseId}/packages`,
    body: { recipient: 'sia', purpose: 'deletion-request', legalGround: 'appi-27-1-ii', legalReason: '生命の危険があり緊急' },
  }),
};

// Cases, consents, packages and referrals go to member bodies only. Generated from the OpenAPI
// documents: every field of a write endpoint that names a council body refuses each observer of
// the registry and an unknown code with a 400 naming the field (recipients.N for a list), and
// stores nothing.
//
// Council meetings name bodies too — whom to invite, who presents an agenda item, who owns an action
// item — and there observers belong: they are invited, present, and may own an item. Those fields
// carry no case or personal data; they are listed here (and must exist), not checked as recipients.
const councilFields = [
  'POST /v1/meetings invited',
  'PATCH /v1/meetings/{id} invited',
  'POST /v1/meetings/{id}/agenda-items presenter',
  'POST /v1/meetings/{id}/action-items owner',
];

describe('only member bodies receive cases and personal data', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  const fields: { route: string; field: string; list: boolean }[] = [];
  const council: { route: string; field: string; list: boolean }[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-recip-'));

  const counts = async () => {
    const { rows } = await platform.database.pool.query(
      `select (select count(*)::int from referrals.referrals) as referrals, (select count(*)::int from intake.consents) as consents,
              (select count(*)::int from intake.packages) as packages, (select count(*)::int from audit.entries) as audited`,
    );
    return rows[0] as Record<string, number>;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'recip');
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: () => {},
      topicPartitions: 2,
      webhooks: { dispatcher: false },
    });
    api = client(platform);
    for (const docPath of apiDocuments.map((d) => d.path)) {
      const doc = (await api.get(docPath)).body as {
        paths: Record<string, Record<string, any>>;
        components: { schemas: Record<string, any> };
      };
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const ref = op.requestBody?.content?.['application/json']?.schema;
          if (!ref) continue;
          const schema = ref.$ref ? doc.components.schemas[ref.$ref.split('/').pop()] : ref;
          for (const [field, prop] of Object.entries((schema.properties ?? {}) as Record<string, any>)) {
            if (prop.pattern === AGENCY_CODE) fields.push({ route: `${method.toUpperCase()} ${path}`, field, list: false });
            if (prop.type === 'array' && prop.items?.pattern === AGENCY_CODE)
              fields.push({ route: `${method.toUpperCase()} ${path}`, field, list: true });
            if (councilFields.includes(`${method.toUpperCase()} ${path} ${field}`)) council.push(fields.pop()!);
          }
        }
      }
    }
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every field naming a body, and has a valid body for each of their endpoints', () => {
    expect(fields.map((f) => `${f.route} ${f.field}`)).toEqual(
      expect.arrayContaining([
        'POST /v1/referrals recipient',
        'POST /v1/cases/{id}/consents recipients',
        'POST /v1/cases/{id}/packages recipient',
      ]),
    );
    for (const f of fields) expect(Object.keys(validBodies), f.route).toContain(f.route);
    expect(council.map((f) => `${f.route} ${f.field}`).sort()).toEqual([...councilFields].sort());
  });

  it('refuses every observer of the registry, and an unknown body, in every such field (400 naming it), and stores nothing', async () => {
    const center = api.tokenOf('center');
    const observers = (await listAgencies(platform.database.db)).filter((a) => !a.roles.includes('member')).map((a) => a.code);
    expect(observers).toEqual(expect.arrayContaining(['mic', 'npa', 'ppc', 'moj', 'houterasu', 'ncac']));
    const kase = (
      await api.post('/v1/cases', { category: 'R01', consulter: 'SELF', victimUnder18: false, person: { name: '受信機関 試験' } }, center)
    ).body.id as string;
    const before = await counts();
    let refused = 0;
    for (const { route, field, list } of fields) {
      for (const code of [...observers, 'nosuchbody']) {
        const { path, body } = validBodies[route]!(kase);
        // In a list the refused body is named by its position: put it after a member.
        const value = list ? [(body[field] as string[])[0], code] : code;
        const res = await api.post(path, { ...body, [field]: value }, center);
        const label = `${route} ${field}=${JSON.stringify(value)}`;
        expect(res.status, label).toBe(400);
        expect(
          res.body.error.details.problems.map((p: { field: string }) => p.field),
          label,
        ).toContain(list ? `${field}.1` : field);
        refused++;
      }
    }
    expect(refused).toBe(fields.length * (observers.length + 1));
    expect(await counts()).toEqual(before);
    // Member bodies are accepted in the same fields (the bodies above were refused for their recipient alone).
    for (const route of new Set(fields.map((f) => f.route))) {
      const { path, body } = validBodies[route]!(kase);
      const res = await api.post(path, body, center);
      expect(res.status, `${route} ${JSON.stringify(res.body)}`).toBe(201);
    }
  });
});
