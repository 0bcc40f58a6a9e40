import { auditMigrations } from '@liaison/audit';
import { authMigrations, issueToken, listAgencies, type Role, seedAgencies, verifyToken } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { type CloudEvent, createEventBus, type EventBus, type Subscription } from '@liaison/events';
import { createTestDatabase, type TestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSecretariatService, type SecretariatService, secretariatMigrations } from '../src/index.ts';

// The secretariat service on a real Postgres and a real Kafka: meetings, their scoping by role,
// action items carried from meeting to meeting, every change on the bus, bad input refused.
describe('council meetings', () => {
  let testDb: TestDatabase;
  let database: Database;
  let bus: EventBus;
  let service: SecretariatService;
  let subscription: Subscription;
  const seen: CloudEvent[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'meetings');
    database = createDatabase({ url: testDb.url, max: 6 });
    await migrate(database, [authMigrations, auditMigrations, secretariatMigrations]);
    await seedAgencies(database.db);
    const people: [string, string, Role][] = [
      ['secretariat', 'center', 'secretariat'],
      ['centerCaseworker', 'center', 'caseworker'],
      ['sia', 'sia', 'caseworker'],
      ['hotline', 'hotline', 'supervisor'],
      ['mic', 'mic', 'observer'],
      ['admin', 'center', 'admin'],
      ['siaSecretariatRole', 'sia', 'secretariat'],
    ];
    for (const [name, agency, role] of people)
      tokens[name] = (await issueToken(database.db, { agency, role, label: `meetings test ${name}` })).token;
    bus = createEventBus({ kind: 'kafka', brokers: inject('kafkaBrokers'), topicPrefix: `${uniqueName('meet')}.`, log: () => {} });
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
      group: 'meetings-test',
      topics: ['liaison.meetings'],
      fromBeginning: true,
      handler: async (events) => {
        seen.push(...events.map((e) => e.event));
      },
    });
  });
  afterAll(async () => {
    await subscription?.stop();
    await service?.stop();
    await bus?.close();
    await database?.close();
    await testDb?.drop();
  });

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, as: string, body?: unknown) => {
    const res = await service.app.request(path, {
      method,
      headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const schedule = async (body: Record<string, unknown>) => {
    const res = await call('POST', '/v1/meetings', 'secretariat', {
      heldOn: '2026-06-10',
      place: '総務省 第1会議室',
      reviewFrom: '2026-04',
      reviewTo: '2026-05',
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const problems = (res: { body: any }) => (res.body.error?.details?.problems ?? []).map((p: { field: string }) => p.field);

  it('schedules a meeting with the next number, inviting every member and observer of the registry', async () => {
    const m = await schedule({ startTime: '14:00', onlineLink: 'https://meet.example.jp/liaison-1' });
    expect(m.number).toBe(1);
    expect(m.titleJa).toBe('第1回 違法・有害情報相談機関連絡会');
    const registry = (await listAgencies(database.db)).filter((a) => a.roles.includes('member') || a.roles.includes('observer'));
    expect(m.invitations.map((i: { body: string }) => i.body).sort()).toEqual(registry.map((a) => a.code).sort());
    expect(m.invitations.find((i: { body: string }) => i.body === 'mic').role).toBe('observer');
    expect(m.invitations.find((i: { body: string }) => i.body === 'center').role).toBe('member');
    const second = await schedule({ heldOn: '2026-09-10', reviewFrom: '2026-06', reviewTo: '2026-08' });
    expect(second.number).toBe(2);
  });

  it('carries open action items from meeting to meeting until one closes them, and records which', async () => {
    const m1 = await schedule({ number: 11, heldOn: '2027-06-10' });
    const m2 = await schedule({ number: 12, heldOn: '2027-09-10', reviewFrom: '2027-06', reviewTo: '2027-08' });
    const m3 = await schedule({ number: 13, heldOn: '2027-12-10', reviewFrom: '2027-09', reviewTo: '2027-11' });
    const add = async (meeting: string, title: string, owner: string) => {
      const res = await call('POST', `/v1/meetings/${meeting}/action-items`, 'secretariat', { title, owner, dueOn: '2027-12-31' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ title, owner, status: 'open', raisedAt: { meetingId: meeting } });
      return res.body.id as string;
    };
    const a = await add(m1.id, '照会様式の改訂案を作成する', 'sia');
    const b = await add(m1.id, '集計方法を整理する', 'hotline');
    const c = await add(m2.id, '周知資料を作成する', 'sia');
    // Closed at the 12th: the 12th shows it closed there; the 13th no longer carries it.
    const closed = await call('POST', `/v1/meetings/${m2.id}/action-items/${b}/close`, 'secretariat');
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const view = async (id: string, as = 'secretariat') => (await call('GET', `/v1/meetings/${id}`, as)).body;
    const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();
    const v2 = await view(m2.id);
    expect(ids(v2.actionItems)).toEqual([c]);
    expect(ids(v2.carriedActionItems)).toEqual([a, b].sort());
    expect(v2.carriedActionItems.find((i: { id: string }) => i.id === b)).toMatchObject({
      status: 'closed',
      closedAt: { meetingId: m2.id, number: 12 },
      raisedAt: { meetingId: m1.id, number: 11 },
    });
    expect(v2.carriedActionItems.find((i: { id: string }) => i.id === a)).toMatchObject({ status: 'open', closedAt: null });
    const v3 = await view(m3.id);
    expect(v3.actionItems).toEqual([]);
    expect(ids(v3.carriedActionItems)).toEqual([a, c].sort());
    // The 11th shows what it raised, each with what became of it.
    expect(ids((await view(m1.id)).carriedActionItems)).toEqual([]);
    expect((await view(m1.id)).actionItems.find((i: { id: string }) => i.id === b).closedAt.number).toBe(12);
    // Closing at the 13th: a later meeting (a 14th) no longer carries it, the 13th shows it closed there.
    expect((await call('POST', `/v1/meetings/${m3.id}/action-items/${a}/close`, 'secretariat')).status).toBe(200);
    const m4 = await schedule({ number: 14, heldOn: '2028-03-10', reviewFrom: '2027-12', reviewTo: '2028-02' });
    expect(ids((await view(m4.id)).carriedActionItems)).toEqual([c]);
    expect((await view(m3.id)).carriedActionItems.find((i: { id: string }) => i.id === a).closedAt.number).toBe(13);
    // Closed once only; never at a meeting before the one that raised it.
    const again = await call('POST', `/v1/meetings/${m4.id}/action-items/${a}/close`, 'secretariat');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('第13回');
    const early = await call('POST', `/v1/meetings/${m1.id}/action-items/${c}/close`, 'secretariat');
    expect(early.status).toBe(409);
    // Members see their own body's items only; observers none at all.
    const siaView = await view(m3.id, 'sia');
    expect(ids(siaView.carriedActionItems)).toEqual([a, c].sort());
    const hotlineView = await view(m2.id, 'hotline');
    expect(ids(hotlineView.carriedActionItems)).toEqual([b]);
    expect(hotlineView.actionItems).toEqual([]);
    const micView = await view(m2.id, 'mic');
    expect(micView.actionItems).toBeUndefined();
    expect(micView.carriedActionItems).toBeUndefined();
    expect(JSON.stringify(micView)).not.toContain(b);
  });

  it('keeps the minutes the secretariat’s until approved, then frozen and visible to every invited body', async () => {
    const m = await schedule({ number: 20, heldOn: '2028-06-10' });
    const text = '1. 上半期の相談状況について、事務局から報告があった。（案）';
    const saved = await call('PUT', `/v1/meetings/${m.id}/minutes`, 'secretariat', { text });
    expect(saved.status).toBe(200);
    expect(saved.body.draftMinutes.text).toBe(text);
    expect(saved.body.minutes).toBeNull();
    for (const who of ['mic', 'sia', 'hotline', 'centerCaseworker']) {
      const res = await call('GET', `/v1/meetings/${m.id}`, who);
      expect(res.status, who).toBe(200);
      expect(res.body.minutes, who).toBeNull();
      expect(res.body.draftMinutes, who).toBeUndefined();
      expect(JSON.stringify(res.body), who).not.toContain('事務局から報告');
    }
    const approved = await call('POST', `/v1/meetings/${m.id}/minutes/approve`, 'secretariat');
    expect(approved.status).toBe(200);
    expect(approved.body.draftMinutes).toBeNull();
    for (const who of ['mic', 'sia', 'secretariat']) {
      const res = await call('GET', `/v1/meetings/${m.id}`, who);
      expect(res.body.minutes.text, who).toBe(text);
      expect(res.body.minutesApproved, who).toBe(true);
    }
    const edit = await call('PUT', `/v1/meetings/${m.id}/minutes`, 'secretariat', { text: 'changed' });
    expect(edit.status).toBe(409);
    expect((await call('POST', `/v1/meetings/${m.id}/minutes/approve`, 'secretariat')).status).toBe(409);
    const empty = await schedule({ number: 21, heldOn: '2028-09-10' });
    const nothing = await call('POST', `/v1/meetings/${empty.id}/minutes/approve`, 'secretariat');
    expect(nothing.status).toBe(400);
    expect(problems(nothing)).toEqual(['minutes']);
  });

  it('lets only the secretariat create and edit meetings; others see only meetings their body is invited to', async () => {
    const body = { heldOn: '2028-12-10', place: '会議室', reviewFrom: '2028-09', reviewTo: '2028-11' };
    for (const who of ['centerCaseworker', 'sia', 'mic', 'admin', 'siaSecretariatRole']) {
      const res = await call('POST', '/v1/meetings', who, body);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const closed = await schedule({ number: 30, heldOn: '2028-12-10', invited: ['center', 'sia'] });
    for (const [method, path, payload] of [
      ['PATCH', `/v1/meetings/${closed.id}`, { place: '別室' }],
      ['POST', `/v1/meetings/${closed.id}/agenda-items`, { title: '議題', presenter: 'sia' }],
      ['PUT', `/v1/meetings/${closed.id}/attendance`, { attendance: [{ body: 'sia', status: 'present' }] }],
      ['PUT', `/v1/meetings/${closed.id}/minutes`, { text: '議事録' }],
      ['POST', `/v1/meetings/${closed.id}/minutes/approve`, undefined],
      ['POST', `/v1/meetings/${closed.id}/action-items`, { title: '対応', owner: 'sia', dueOn: '2029-01-31' }],
    ] as const) {
      expect((await call(method, path, 'sia', payload)).status, `${method} ${path}`).toBe(403);
    }
    // Not invited: the meeting does not exist for the body.
    expect((await call('GET', `/v1/meetings/${closed.id}`, 'mic')).status).toBe(404);
    expect((await call('GET', '/v1/meetings', 'mic')).body.items.map((m: { id: string }) => m.id)).not.toContain(closed.id);
    expect((await call('GET', '/v1/meetings', 'sia')).body.items.map((m: { id: string }) => m.id)).toContain(closed.id);
    expect((await call('GET', '/v1/meetings', 'admin')).status).toBe(403);
    // Invited later: now it does.
    const patched = await call('PATCH', `/v1/meetings/${closed.id}`, 'secretariat', { invited: ['center', 'sia', 'mic'] });
    expect(patched.status).toBe(200);
    expect((await call('GET', `/v1/meetings/${closed.id}`, 'mic')).status).toBe(200);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = (await database.pool.query('select count(*)::int as n from secretariat.meetings')).rows[0].n;
    const outboxBefore = (await database.pool.query('select count(*)::int as n from secretariat.outbox')).rows[0].n;
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['no date', { place: 'x', reviewFrom: '2026-04', reviewTo: '2026-05' }, ['heldOn']],
      ['bad date', { heldOn: '2026-02-30', place: 'x', reviewFrom: '2026-04', reviewTo: '2026-05' }, ['heldOn']],
      ['nowhere', { heldOn: '2026-06-10', reviewFrom: '2026-04', reviewTo: '2026-05' }, ['place']],
      [
        'http link',
        { heldOn: '2026-06-10', onlineLink: 'http://meet.example.jp/x', reviewFrom: '2026-04', reviewTo: '2026-05' },
        ['onlineLink'],
      ],
      ['period backwards', { heldOn: '2026-06-10', place: 'x', reviewFrom: '2026-05', reviewTo: '2026-04' }, ['reviewTo']],
      ['bad month', { heldOn: '2026-06-10', place: 'x', reviewFrom: '2026-13', reviewTo: '2026-05' }, ['reviewFrom']],
      ['bad time', { heldOn: '2026-06-10', place: 'x', startTime: '25:00', reviewFrom: '2026-04', reviewTo: '2026-05' }, ['startTime']],
      [
        'unknown body',
        { heldOn: '2026-06-10', place: 'x', reviewFrom: '2026-04', reviewTo: '2026-05', invited: ['center', 'nobody'] },
        ['invited.1'],
      ],
      ['unknown field', { heldOn: '2026-06-10', place: 'x', reviewFrom: '2026-04', reviewTo: '2026-05', minutes: 'x' }, ['minutes']],
      ['number taken', { number: 1, heldOn: '2026-06-10', place: 'x', reviewFrom: '2026-04', reviewTo: '2026-05' }, ['number']],
      ['NUL', { heldOn: '2026-06-10', place: 'a\u0000b', reviewFrom: '2026-04', reviewTo: '2026-05' }, ['place']],
    ];
    for (const [label, body, fields] of cases) {
      const res = await call('POST', '/v1/meetings', 'secretariat', body);
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION_FAILED');
      expect(problems(res), label).toEqual(fields);
    }
    const m = (await call('GET', '/v1/meetings', 'secretariat')).body.items[0];
    const more: [string, string, string, unknown, string[]][] = [
      ['agenda without presenter', 'POST', `/v1/meetings/${m.id}/agenda-items`, { title: '議題' }, ['presenter']],
      ['agenda unknown presenter', 'POST', `/v1/meetings/${m.id}/agenda-items`, { title: '議題', presenter: 'nobody' }, ['presenter']],
      ['agenda empty title', 'POST', `/v1/meetings/${m.id}/agenda-items`, { title: '  ', presenter: 'sia' }, ['title']],
      ['action bad due', 'POST', `/v1/meetings/${m.id}/action-items`, { title: '対応', owner: 'sia', dueOn: 'soon' }, ['dueOn']],
      [
        'action unknown owner',
        'POST',
        `/v1/meetings/${m.id}/action-items`,
        { title: '対応', owner: 'nobody', dueOn: '2029-01-31' },
        ['owner'],
      ],
      [
        'attendance bad status',
        'PUT',
        `/v1/meetings/${m.id}/attendance`,
        { attendance: [{ body: 'sia', status: 'late' }] },
        ['attendance.0.status'],
      ],
      [
        'attendance not invited',
        'PUT',
        `/v1/meetings/${m.id}/attendance`,
        {
          attendance: [
            { body: 'sia', status: 'present' },
            { body: 'nobody', status: 'present' },
          ],
        },
        ['attendance.1.body'],
      ],
      ['update nothing', 'PATCH', `/v1/meetings/${m.id}`, {}, ['(body)']],
      ['update removes the only place', 'PATCH', `/v1/meetings/${m.id}`, { place: null, onlineLink: null }, ['place']],
      ['bad id', 'GET', '/v1/meetings/not-a-uuid', undefined, ['param.id']],
    ];
    for (const [label, method, path, body, fields] of more) {
      const res = await call(method as 'POST', path, 'secretariat', body);
      expect(res.status, label).toBe(400);
      expect(problems(res), label).toEqual(fields);
    }
    expect((await database.pool.query('select count(*)::int as n from secretariat.meetings')).rows[0].n).toBe(before);
    expect((await database.pool.query('select count(*)::int as n from secretariat.outbox')).rows[0].n).toBe(outboxBefore);
  });

  it('shows the latest approved report version to every invited body, and the database keeps approved versions frozen', async () => {
    const m = await schedule({ number: 50, heldOn: '2029-12-10', reviewFrom: '2029-04', reviewTo: '2029-09' });
    const release = '5b1d2c3e-8f9a-4b7c-9d6e-1a2b3c4d5e6f';
    const insert = (id: string, version: number, status: 'draft' | 'approved') =>
      database.pool.query(
        `insert into secretariat.report_versions (id, meeting_id, version, period, release_ids, status, content, content_hash, approved_by, approved_at)
         values ($1, $2, $3, '2029Q1', array[$4]::uuid[], $5, '{"sections":[]}', $6, $7, $8)`,
        [
          id,
          m.id,
          version,
          release,
          status,
          status === 'approved' ? 'a'.repeat(64) : null,
          status === 'approved' ? 'center' : null,
          status === 'approved' ? new Date().toISOString() : null,
        ],
      );
    const v1 = '11111111-2222-4333-8444-555555555555';
    await insert(v1, 1, 'draft');
    expect((await call('GET', `/v1/meetings/${m.id}`, 'mic')).body.report).toBeNull();
    // A draft changes until approved; approving is the last change it takes.
    await database.pool.query(`update secretariat.report_versions set content = '{"sections":[1]}' where id = $1`, [v1]);
    await database.pool.query(
      `update secretariat.report_versions set status = 'approved', content_hash = $2, approved_by = 'center', approved_at = now() where id = $1`,
      [v1, 'b'.repeat(64)],
    );
    for (const who of ['mic', 'sia', 'secretariat']) {
      expect((await call('GET', `/v1/meetings/${m.id}`, who)).body.report, who).toMatchObject({
        reportId: v1,
        version: 1,
        releaseIds: [release],
      });
    }
    await expect(database.pool.query(`update secretariat.report_versions set content = '{}' where id = $1`, [v1])).rejects.toThrow(
      /frozen/,
    );
    await expect(database.pool.query('delete from secretariat.report_versions where id = $1', [v1])).rejects.toThrow(/frozen/);
    await expect(database.pool.query('truncate secretariat.report_versions')).rejects.toThrow(/truncated/);
    // An approved version needs its digest, approver and time.
    await expect(
      database.pool.query(
        `insert into secretariat.report_versions (id, meeting_id, version, period, release_ids, status, content) values (gen_random_uuid(), $1, 9, 'FY2029', '{}', 'approved', '{}')`,
        [m.id],
      ),
    ).rejects.toThrow(/report_versions_approved/);
    // A newer draft does not replace the approved reference; its approval does.
    const v2 = '11111111-2222-4333-8444-666666666666';
    await insert(v2, 2, 'draft');
    expect((await call('GET', `/v1/meetings/${m.id}`, 'mic')).body.report.version).toBe(1);
    await database.pool.query(
      `update secretariat.report_versions set status = 'approved', content_hash = $2, approved_by = 'center', approved_at = now() where id = $1`,
      [v2, 'c'.repeat(64)],
    );
    expect((await call('GET', `/v1/meetings/${m.id}`, 'mic')).body.report).toMatchObject({ reportId: v2, version: 2 });
  });

  it('publishes an event for each change on liaison.meetings, with ids and codes only (no titles, minutes or links)', async () => {
    const m = await schedule({ number: 40, heldOn: '2029-06-10', onlineLink: 'https://meet.example.jp/secret-room-40' });
    const steps: [string, string, unknown][] = [
      ['PATCH', `/v1/meetings/${m.id}`, { heldOn: '2029-06-11', startTime: '10:00' }],
      ['POST', `/v1/meetings/${m.id}/agenda-items`, { title: '秘密の議題名', presenter: 'hotline' }],
      [
        'PUT',
        `/v1/meetings/${m.id}/attendance`,
        {
          attendance: [
            { body: 'hotline', status: 'online' },
            { body: 'mic', status: 'absent' },
          ],
        },
      ],
      ['PUT', `/v1/meetings/${m.id}/minutes`, { text: '議事録の本文は外に出ない' }],
      ['POST', `/v1/meetings/${m.id}/minutes/approve`, undefined],
      ['POST', `/v1/meetings/${m.id}/action-items`, { title: '対応事項の本文', owner: 'tokyo', dueOn: '2029-09-30' }],
    ];
    let item = '';
    for (const [method, path, body] of steps) {
      const res = await call(method as 'POST', path, 'secretariat', body);
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      if (path.endsWith('/action-items')) item = res.body.id;
    }
    expect((await call('POST', `/v1/meetings/${m.id}/action-items/${item}/close`, 'secretariat')).status).toBe(200);
    const expected = [
      'jp.liaison.meeting.scheduled.v1',
      'jp.liaison.meeting.updated.v1',
      'jp.liaison.meeting.agenda_item_added.v1',
      'jp.liaison.meeting.attendance_recorded.v1',
      'jp.liaison.meeting.minutes_drafted.v1',
      'jp.liaison.meeting.minutes_approved.v1',
      'jp.liaison.meeting.action_item_added.v1',
      'jp.liaison.meeting.action_item_closed.v1',
    ];
    const mine = () => seen.filter((e) => e.subject === m.id);
    await waitFor('every change of the meeting on the bus', () => mine().length >= expected.length, 60_000, 100);
    // One partition per meeting (key = meeting id): the changes arrive in the order they were made.
    expect(mine().map((e) => e.type)).toEqual(expected);
    expect(mine().every((e) => e.source === '/agencies/center' && e.partitionkey === m.id)).toBe(true);
    expect(mine().find((e) => e.type === 'jp.liaison.meeting.updated.v1')!.data).toMatchObject({
      changed: ['heldOn', 'startTime'],
      heldOn: '2029-06-11',
    });
    expect(mine().find((e) => e.type === 'jp.liaison.meeting.action_item_closed.v1')!.data).toMatchObject({
      meetingId: m.id,
      actionItemId: item,
      raisedAt: m.id,
      owner: 'tokyo',
    });
    const text = JSON.stringify(mine());
    for (const secret of ['秘密の議題名', '議事録の本文', '対応事項の本文', 'secret-room-40', '総務省']) expect(text).not.toContain(secret);
    // Every change is in the audit log too, with codes only.
    const audit = await database.pool.query(`select action, details::text from audit.entries where subject_id = $1 order by id`, [m.id]);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'meeting.schedule',
      'meeting.update',
      'meeting.agenda.add',
      'meeting.attendance',
      'meeting.minutes.draft',
      'meeting.minutes.approve',
      'meeting.action.add',
      'meeting.action.close',
    ]);
    expect(audit.rows.map((r) => r.details).join()).not.toMatch(/議事録|対応事項|秘密/);
  });
});
