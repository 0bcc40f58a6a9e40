import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { purposeCodes } from '@liaison/domain';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiDocuments } from '../src/api-documents.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

const RUNS = 200;

type Field = { route: string; name: string; in: 'query' | 'body'; list: boolean; enum: string[] | undefined };

/** A valid request for every route with a purpose field, given the purpose (the suite fails when one is missing). */
const requests: Record<
  string,
  (caseId: string, purpose: string) => { method: 'GET' | 'POST'; path: string; body?: Record<string, unknown> }
> = {
  'GET /v1/cases/{id}': (caseId, purpose) => ({ method: 'GET', path: `/v1/cases/${caseId}?purpose=${encodeURIComponent(purpose)}` }),
  'POST /v1/cases/{id}/consents': (caseId, purpose) => ({
    method: 'POST',
    path: `/v1/cases/${caseId}/consents`,
    body: { givenBy: 'person', recipients: ['sia'], purposes: [purpose] },
  }),
  'POST /v1/cases/{id}/packages': (caseId, purpose) => ({
    method: 'POST',
    path: `/v1/cases/${caseId}/packages`,
    body: { recipient: 'sia', purpose, legalGround: 'appi-27-1-ii', legalReason: '緊急' },
  }),
};

// Purposes are codes from one list (packages/domain, Japanese label first), never free text.
// Generated from the OpenAPI documents: every query parameter and body field named purpose or
// purposes is that list, refuses anything else with a 400 naming it (property-based) without
// storing or auditing anything, and accepts every code of the list.
describe('purposes are codes from the list, on every field that takes one', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  let caseId: string;
  const fields: Field[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-purpose-'));

  const counts = async () => {
    const { rows } = await platform.database.pool.query(
      `select (select count(*)::int from intake.consents) as consents, (select count(*)::int from intake.packages) as packages, (select count(*)::int from audit.entries) as audited`,
    );
    return rows[0] as Record<string, number>;
  };
  const send = async (req: { method: 'GET' | 'POST'; path: string; body?: unknown }) => {
    const res = await platform.app.request(req.path, {
      method: req.method,
      headers: { authorization: `Bearer ${api.tokenOf('center')}`, 'content-type': 'application/json' },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'purpose');
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
          const route = `${method.toUpperCase()} ${path}`;
          for (const p of (op.parameters ?? []) as any[]) {
            if (/^purposes?$/.test(p.name))
              fields.push({
                route,
                name: p.name,
                in: 'query',
                list: p.schema?.type === 'array',
                enum: p.schema?.enum ?? p.schema?.items?.enum,
              });
          }
          const ref = op.requestBody?.content?.['application/json']?.schema;
          const schema = ref?.$ref ? doc.components.schemas[ref.$ref.split('/').pop()] : ref;
          for (const [name, prop] of Object.entries((schema?.properties ?? {}) as Record<string, any>)) {
            if (/^purposes?$/.test(name))
              fields.push({ route, name, in: 'body', list: prop.type === 'array', enum: prop.enum ?? prop.items?.enum });
          }
        }
      }
    }
    caseId = (
      await api.post(
        '/v1/cases',
        { category: 'R01', consulter: 'SELF', victimUnder18: false, person: { name: '目的 試験' } },
        api.tokenOf('center'),
      )
    ).body.id;
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('documents every purpose field as the code list, and has a request for each', () => {
    expect(fields.map((f) => `${f.route} ${f.name}`)).toEqual(
      expect.arrayContaining([
        'GET /v1/cases/{id} purpose',
        'POST /v1/cases/{id}/consents purposes',
        'POST /v1/cases/{id}/packages purpose',
      ]),
    );
    for (const f of fields) {
      expect(f.enum, `${f.route} ${f.name}`).toEqual([...purposeCodes]);
      expect(Object.keys(requests), f.route).toContain(f.route);
    }
  });

  it(`refuses ${RUNS} generated free-text purposes per field with a 400 naming it, storing and auditing nothing`, async () => {
    const before = await counts();
    for (const f of fields) {
      const text = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('削除依頼文の作成', '山田花子さんの件', 'Deletion-Request', 'deletion request', ' counseling'),
      );
      await fc.assert(
        fc.asyncProperty(
          text.filter((t) => !purposeCodes.includes(t)),
          async (purpose) => {
            const res = await send(requests[f.route]!(caseId, purpose));
            expect(res.status, `${f.route} ${JSON.stringify(purpose)}`).toBe(400);
            // Query parameters are named as the API names them everywhere: query.<name>.
            const named = `${f.in === 'query' ? 'query.' : ''}${f.name}${f.list ? '.0' : ''}`;
            expect(res.body.error.details.problems.map((p: { field: string }) => p.field)).toContain(named);
          },
        ),
        { numRuns: RUNS },
      );
    }
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('accepts every code of the list in every purpose field, and audits the read with the code', async () => {
    for (const f of fields) {
      for (const purpose of purposeCodes) {
        const res = await send(requests[f.route]!(caseId, purpose));
        expect(res.status, `${f.route} ${purpose} ${JSON.stringify(res.body)}`).toBeLessThan(300);
      }
    }
    const reads = await platform.database.pool.query(
      `select reason from audit.entries where action = 'pii.read' and subject_id = $1 order by id`,
      [caseId],
    );
    expect(reads.rows.map((r) => r.reason)).toEqual([...purposeCodes]);
  });
});
