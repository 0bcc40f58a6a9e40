import type { Actor } from '@liaison/auth';
import { describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../src/routes/mine.tsx';
import { fiscalPeriods } from '../src/routes/secretariat.tsx';
import { areasFor, isLoopback, localPath } from '../src/security.ts';

const actor = (role: Actor['role'], agencyRoles: string[]): Actor => ({ agency: 'x', role, tokenId: 't', agencyRoles });

describe('who sees which pages', () => {
  it('gives observers the releases and meetings only, member caseworkers their own body too, the secretariat the release job', () => {
    expect(areasFor(actor('observer', ['observer']))).toEqual(['releases', 'meetings']);
    expect(areasFor(actor('caseworker', ['member']))).toEqual(['releases', 'mine', 'meetings']);
    expect(areasFor(actor('supervisor', ['member', 'secretariat']))).toEqual(['releases', 'mine', 'meetings']);
    expect(areasFor(actor('secretariat', ['member', 'secretariat']))).toEqual(['releases', 'secretariat', 'meetings']);
    // The secretariat role in a body that is not the secretariat runs no release job (it reads meetings as a member does).
    expect(areasFor(actor('secretariat', ['member']))).toEqual(['releases', 'meetings']);
    expect(areasFor(actor('admin', ['member', 'secretariat']))).toEqual([]);
  });
});

describe('cookies and redirects', () => {
  it('sends the session cookie without Secure on loopback only', () => {
    for (const h of ['127.0.0.1', '127.8.9.10', 'localhost', 'app.localhost', '[::1]']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['liaison.example.jp', '10.0.0.1', '192.168.1.5', '127.0.0.1.example.com', 'localhost.evil.jp'])
      expect(isLoopback(h), h).toBe(false);
  });

  it('goes back after a form only to a path of this platform', () => {
    expect(localPath('/stats?x=1')).toBe('/stats?x=1');
    for (const bad of [
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/a\r\nSet-Cookie: x',
      42,
      undefined,
    ])
      expect(localPath(bad)).toBe('/');
  });
});

describe('fiscal years (April–March, Japan time)', () => {
  it('puts the first of April in the new fiscal year, the last of March in the old one', () => {
    expect(fiscalYearOf(new Date('2026-03-31T14:59:59Z'))).toBe(2025);
    expect(fiscalYearOf(new Date('2026-03-31T15:00:00Z'))).toBe(2026);
  });

  it('lists a fiscal year’s months 4月…3月, its quarters and the year, each closing at the next month’s JST midnight', () => {
    const periods = fiscalPeriods(2025);
    expect(periods.map((p) => p.id).slice(0, 12)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(periods.slice(12).map((p) => p.id)).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4', 'FY2025']);
    expect(periods.find((p) => p.id === '2025-12')!.end.toISOString()).toBe('2025-12-31T15:00:00.000Z');
    expect(periods.find((p) => p.id === 'FY2025')!.end.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(periods.find((p) => p.id === '2025Q1')!.end.toISOString()).toBe('2025-06-30T15:00:00.000Z');
  });
});
