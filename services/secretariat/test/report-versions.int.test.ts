import { auditMigrations } from '@liaison/audit';
import { authMigrations, issueToken, listAgencies, type Role, seedAgencies, verifyToken } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { type CloudEvent, createEventBus, type EventBus, type Subscription } from '@liaison/events';
import type { ReportModel, SourceRelease } from '@liaison/report';
import { statsReleaseSource } from '@liaison/report/stats';
import { loadCatalogue, RELEASE_LOCK, type ReleaseDeps, requestRelease, statsMigrations, syncProjections } from '@liaison/stats';
import { seedStatistics } from '@liaison/stats/seed';
import { createTestDatabase, type TestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSecretariatService, type SecretariatService, secretariatMigrations } from '../src/index.ts';

// The meeting report wired to meetings, on a real Postgres holding the stats schema beside the
// secretariat's (as embedded, and as compose/k8s where every service shares one Postgres) and a
// real Kafka: releases published by the stats service itself from seeded facts (2025Q3 with its
// months), a draft built from them, a sentence edited, the version approved and frozen.
describe('meeting report versions', () => {
  let testDb: TestDatabase;
  let database: Database;
  let bus: EventBus;
  let service: SecretariatService;
  let subscription: Subscription;
  let release: SourceRelease;
  let meetingId: string;
  const seen: CloudEvent[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'reportversions');
    database = createDatabase({ url: testDb.url, max: 6 });
    await migrate(database, [authMigrations, auditMigrations, statsMigrations, secretariatMigrations]);
    await seedAgencies(database.db);
    await syncProjections(database.db, loadCatalogue(), RELEASE_LOCK);
    await seedStatistics(database, {
      seed: 21,
      from: '2025-10',
      to: '2025-12',
      scale: 0.05,
      bodyScale: { hotline: 0.05 },
      referralBoost: 4,
    });
    const deps: ReleaseDeps = {
      db: database.db,
      catalogue: loadCatalogue(),
      bodies: async () =>
        (await listAgencies(database.db))
          .filter((a) => a.roles.includes('member'))
          .map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn })),
    };
    await requestRelease(deps, { period: '2025Q3', requestedBy: 'test' });
    release = (await statsReleaseSource(database.db).release('2025Q3'))!;
    const people: [string, string, Role][] = [
      ['secretariat', 'center', 'secretariat'],
      ['sia', 'sia', 'caseworker'],
      ['mic', 'mic', 'observer'],
    ];
    for (const [name, agency, role] of people)
      tokens[name] = (await issueToken(database.db, { agency, role, label: `report versions test ${name}` })).token;
    bus = createEventBus({ kind: 'kafka', brokers: inject('kafkaBrokers'), topicPrefix: `${uniqueName('rep')}.`, log: () => {} });
    await bus.ensureTopics({ partitions: 2, replicationFactor: 1 });
    service = createSecretariatService({
      database,
      bus,
      verifyToken: (t) => verifyToken(database.db, t),
      registry: () => listAgencies(database.db),
      log: () => {},
    });
    await service.start();
    subscription = await bus.subscribe({
      group: 'report-versions-test',
      topics: ['liaison.meetings'],
      fromBeginning: true,
      handler: async (events) => {
        seen.push(...events.map((e) => e.event));
      },
    });
    const res = await call('POST', '/v1/meetings', 'secretariat', {
      number: 12,
      heldOn: '2026-02-10',
      place: '総務省 第1会議室',
      reviewFrom: '2025-10',
      reviewTo: '2025-12',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    meetingId = res.body.id;
  }, 600_000);
  afterAll(async () => {
    await subscription?.stop();
    await service?.stop();
    await bus?.close();
    await database?.close();
    await testDb?.drop();
  });

  const call = async (method: 'GET' | 'POST' | 'PATCH', path: string, as: string, body?: unknown) => {
    const res = await service.app.request(path, {
      method,
      headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text,
      body: res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as any) : undefined,
    };
  };
  const base = () => `/v1/meetings/${meetingId}/report`;

  it('refuses a period whose months are not released, naming them, and stores nothing', async () => {
    const res = await call('POST', base(), 'secretariat', { period: '2025Q4' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('2026-01');
    expect(res.body.error.message).toContain('2026-03');
    const bad = await call('POST', base(), 'secretariat', { period: '2025-10' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['period']);
    const list = await call('GET', base(), 'secretariat');
    expect(list.body.items).toEqual([]);
  });

  it('drafts, edits a sentence, approves: the approved version is frozen, its numbers the release’s, and an event says so', async () => {
    // Only the secretariat drafts.
    expect((await call('POST', base(), 'sia', { period: '2025Q3' })).status).toBe(403);
    const draft = await call('POST', base(), 'secretariat', { period: '2025Q3' });
    expect(draft.status, draft.text).toBe(201);
    expect(draft.body).toMatchObject({
      meetingId,
      version: 1,
      period: '2025Q3',
      status: 'draft',
      contentHash: null,
      approvedAt: null,
      releaseIds: [release.id],
    });
    const model = draft.body.report as ReportModel;
    expect(model.title.ja).toBe('第12回 違法・有害情報相談機関連絡会');
    const sentence = model.sentences.find((s) => s.id === 'total') ?? model.sentences[0]!;
    expect(sentence).toBeDefined();

    // Observers and members do not see drafts; the secretariat does.
    expect((await call('GET', `${base()}/1`, 'mic')).status).toBe(404);
    expect((await call('GET', `${base()}/1/html`, 'sia')).status).toBe(404);
    expect((await call('GET', base(), 'mic')).body.items).toEqual([]);
    expect((await call('GET', `${base()}/1`, 'secretariat')).status).toBe(200);

    // The secretariat's wording (the rule's text kept beside it), and an omitted sentence.
    const edit = await call('PATCH', `${base()}/1/sentences/${sentence.id}`, 'secretariat', {
      text: { ja: '今期の相談件数は事務局の集計のとおりです。' },
    });
    expect(edit.status, edit.text).toBe(200);
    const edited = (edit.body.report as ReportModel).sentences.find((s) => s.id === sentence.id)!;
    expect(edited).toMatchObject({
      ja: '今期の相談件数は事務局の集計のとおりです。',
      en: sentence.en,
      edited: true,
      generated: sentence.generated,
    });
    expect((await call('PATCH', `${base()}/1/sentences/${sentence.id}`, 'sia', { omit: true })).status).toBe(403);
    expect((await call('PATCH', `${base()}/1/sentences/no-such-rule`, 'secretariat', { omit: true })).status).toBe(404);
    const empty = await call('PATCH', `${base()}/1/sentences/${sentence.id}`, 'secretariat', {});
    expect(empty.status).toBe(400);

    // Approval: the frozen model with its digest, the approving body and the time.
    expect((await call('POST', `${base()}/1/approve`, 'mic')).status).toBe(403);
    const approved = await call('POST', `${base()}/1/approve`, 'secretariat');
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ version: 1, status: 'approved', approvedBy: 'center' });
    expect(approved.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const frozen = approved.body.report as ReportModel;
    expect(frozen.status).toBe('approved');
    expect(frozen.approval).toMatchObject({
      version: 1,
      approvedBy: 'center',
      digest: approved.body.contentHash,
      approvedAt: approved.body.approvedAt,
    });
    expect(frozen.sentences.find((s) => s.id === sentence.id)!.ja).toBe('今期の相談件数は事務局の集計のとおりです。');

    // Frozen: the API refuses edits and a second approval, the database any UPDATE or DELETE.
    const late = await call('PATCH', `${base()}/1/sentences/${sentence.id}`, 'secretariat', { omit: true });
    expect(late.status).toBe(409);
    expect((await call('POST', `${base()}/1/approve`, 'secretariat')).status).toBe(409);
    await expect(
      database.pool.query(`update secretariat.report_versions set content = '{}'::jsonb where meeting_id = $1 and version = 1`, [
        meetingId,
      ]),
    ).rejects.toThrow(/frozen/);
    await expect(
      database.pool.query(`delete from secretariat.report_versions where meeting_id = $1 and version = 1`, [meetingId]),
    ).rejects.toThrow(/frozen/);
    const stored = await call('GET', `${base()}/1`, 'mic');
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(approved.body);

    // Every table cell of the approved JSON is the release's (comparisons are derived; none here).
    expect(frozen.tables.length).toBeGreaterThan(0);
    for (const t of frozen.tables.filter((x) => x.measure !== 'comparison')) {
      const published = release.tables.find((x) => x.id === t.id)!;
      expect(t.cells, t.id).toEqual(
        published.cells.map((c) => ({ row: c.row, col: c.col, value: c.suppressed ? null : c.value, suppressed: c.suppressed })),
      );
    }

    // Observers and members now read it, as JSON and as HTML; the meeting names it.
    const html = await call('GET', `${base()}/1/html`, 'mic');
    expect(html.status).toBe(200);
    expect(html.type).toContain('text/html');
    expect(html.text).toContain('第12回 違法・有害情報相談機関連絡会');
    expect(html.text).toContain('今期の相談件数は事務局の集計のとおりです。');
    expect((await call('GET', `${base()}/1`, 'sia')).status).toBe(200);
    expect((await call('GET', `/v1/meetings/${meetingId}`, 'mic')).body.report).toMatchObject({
      reportId: approved.body.reportId,
      version: 1,
      releaseIds: [release.id],
    });

    // The event: ids and codes only.
    const event = await waitFor(
      'the report_approved event on the bus',
      () => seen.find((e) => e.type === 'jp.liaison.meeting.report_approved.v1'),
      60_000,
    );
    expect(event.subject).toBe(meetingId);
    expect(event.data).toEqual({
      meetingId,
      reportId: approved.body.reportId,
      version: 1,
      period: '2025Q3',
      releaseIds: [release.id],
      digest: approved.body.contentHash,
      approvedAt: approved.body.approvedAt,
    });
    expect(JSON.stringify(event.data)).not.toContain('今期');
  });

  it('drafts a new version after approval (version 2), which observers do not see until it is approved', async () => {
    const second = await call('POST', base(), 'secretariat', { period: '2025Q3' });
    expect(second.status, second.text).toBe(201);
    expect(second.body).toMatchObject({ version: 2, status: 'draft' });
    // The new draft starts from the rules' text again; version 1 is unchanged.
    expect((second.body.report as ReportModel).sentences.every((s) => !s.edited)).toBe(true);
    expect((await call('GET', `${base()}/2`, 'mic')).status).toBe(404);
    expect((await call('GET', base(), 'mic')).body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(
      (await call('GET', base(), 'secretariat')).body.items.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [2, 'draft'],
      [1, 'approved'],
    ]);
    expect((await call('GET', `/v1/meetings/${meetingId}`, 'mic')).body.report.version).toBe(1);
    // A draft may still change in the database (only approved versions are frozen).
    await database.pool.query(`update secretariat.report_versions set period = period where meeting_id = $1 and version = 2`, [meetingId]);
  });
});
