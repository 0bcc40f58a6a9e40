/**
 * A description of an error that is safe to log: its class, and its SQLSTATE or system code — never
 * its message when the error came from the database. Postgres and drizzle put the statement's
 * parameters (token hashes, ciphertext, free text) and the offending values into their messages
 * (`Failed query: … params: …`, `invalid byte sequence … 0x00`, `Key (id)=(…) already exists`), so
 * those messages must not reach a log. Other errors keep a message cut to one short line.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err === 'string' ? 'non-Error thrown' : `non-Error thrown (${typeof err})`;
  const chain: Error[] = [];
  for (let e: unknown = err; e instanceof Error && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  const fromDatabase = chain.some(isDatabaseError);
  const code = chain.map((e) => (e as { code?: unknown }).code).find((c): c is string => typeof c === 'string');
  const name = chain.map((e) => e.name).join(' ← ');
  if (fromDatabase) return `${name}${code ? ` [${code}]` : ''}`;
  const message = err.message.split('\n')[0]!.slice(0, 200);
  return `${name}${code ? ` [${code}]` : ''}: ${message}`;
}

/** Errors raised by the database or the query builder: their messages may quote parameters. */
function isDatabaseError(e: Error): boolean {
  const x = e as { query?: unknown; params?: unknown; severity?: unknown; code?: unknown; routine?: unknown };
  if (x.query !== undefined || x.params !== undefined) return true; // drizzle's DrizzleQueryError
  if (typeof x.severity === 'string' && typeof x.routine === 'string') return true; // pg's DatabaseError
  if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) return true; // any SQLSTATE
  return /DrizzleQueryError|DatabaseError|NeonDbError/.test(e.name) || /^Failed query:/.test(e.message);
}
