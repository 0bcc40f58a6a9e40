import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeError, isTransientError } from '../src/index.ts';

/** An error as node-postgres raises it for a server error: SQLSTATE in `code`. */
function databaseError(code: string, message: string): Error {
  return Object.assign(new pg.DatabaseError(message, message.length, 'error'), { code });
}

/** drizzle's wrapper (named "Error", like the real one): its message quotes the query and its parameters. */
class DrizzleQueryError extends Error {
  constructor(query: string, params: unknown[], cause: unknown) {
    super(`Failed query: ${query}\nparams: ${params.join(',')}`, { cause });
  }
}

describe('handler errors', () => {
  it('treats an unreachable database, a lost race or a shutdown as transient, even behind a wrapper', () => {
    for (const code of ['08006', '08001', '40001', '40P01', '53300', '57P01', '57P03', '58000']) {
      expect(isTransientError(new DrizzleQueryError('insert …', ['x'], databaseError(code, 'x'))), code).toBe(true);
    }
    expect(isTransientError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isTransientError(Object.assign(new Error('broker moved'), { retriable: true }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('partner API down'), { transient: true }))).toBe(true);
  });

  it('counts a bad event, a constraint, a bug as not transient', () => {
    for (const code of ['23505', '23503', '22P02', '42P01']) {
      expect(isTransientError(new DrizzleQueryError('insert …', ['x'], databaseError(code, 'x'))), code).toBe(false);
    }
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'recipient')"))).toBe(false);
    expect(isTransientError(new Error('Connection terminated'.padStart(30, 'x')))).toBe(false);
    expect(isTransientError(undefined)).toBe(false);
    expect(isTransientError('a string')).toBe(false);
  });

  it('names an error by class and code only — never its message, which may quote personal data', () => {
    const err = new DrizzleQueryError(
      'insert into intake.cases (name) values ($1)',
      ['山田花子'],
      databaseError('23505', 'duplicate key (name)=(山田花子)'),
    );
    expect(describeError(err)).toBe('DrizzleQueryError ← DatabaseError 23505');
    expect(describeError(new TypeError('山田花子'))).toBe('TypeError');
    expect(describeError(Object.assign(new Error('x'), { code: 'has spaces and 山田' }))).toBe('Error');
    expect(describeError(Object.assign(new Error('x'), { name: '山田花子 さん' }))).toBe('Error');
    expect(describeError('山田花子')).toBe('thrown string');
    expect(describeError(undefined)).toBe('');
  });
});
