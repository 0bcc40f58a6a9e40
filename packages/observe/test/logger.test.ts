import { describe, expect, it } from 'vitest';
import { createLogger, errorCode, loggerFor } from '../src/index.ts';

describe('the logger', () => {
  it('writes JSON lines with the service, redacting secrets and persons whatever a log site passes', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'referrals', destination: (l) => lines.push(l) });
    logger.info(
      {
        token: 'lia_secret',
        headers: { authorization: 'Bearer x' },
        person: { name: '佐藤' },
        input: { url: 'https://a.example/p', summary: 'free text' },
        referralId: 'r-1',
      },
      'request',
    );
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      service: 'referrals',
      msg: 'request',
      referralId: 'r-1',
      token: '[redacted]',
      headers: '[redacted]',
      person: '[redacted]',
    });
    expect(line.input).toEqual({ url: '[redacted]', summary: '[redacted]' });
    expect(lines[0]).not.toMatch(/lia_secret|Bearer x|佐藤|a\.example|free text/);
  });

  it('writes an error as its class and code, never its message (a database error quotes its parameters)', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'intake', destination: (l) => lines.push(l) });
    const cause = Object.assign(new Error('duplicate key value violates unique constraint; Key (name)=(佐藤) already exists'), {
      code: '23505',
    });
    logger.error({ err: new Error('Failed query: insert … params: 佐藤', { cause }) }, 'failed');
    expect(JSON.parse(lines[0]!).err).toBe('Error ← Error 23505');
    expect(lines[0]).not.toContain('佐藤');
    expect(errorCode(new TypeError('x'))).toBe('TypeError');
  });

  it('names each component once: a child of the process logger carries its own service', () => {
    const lines: string[] = [];
    const root = createLogger({ service: 'platform', destination: (l) => lines.push(l) });
    loggerFor(root, 'notifier').warn('x');
    expect(lines[0]!.match(/"service"/g)).toHaveLength(1);
    expect(JSON.parse(lines[0]!).service).toBe('notifier');
    expect(loggerFor(undefined, 'x').isLevelEnabled('error')).toBe(false);
  });
});
