/**
 * What a consumer may learn from a handler's error without reading its message. Messages are never
 * used: a driver's error can quote the failed query and its parameters, which may be personal data
 * (drizzle's `DrizzleQueryError` does), and dead letters and logs must carry none.
 */

/**
 * SQLSTATE classes that mean "try again later", not "this event is bad": connection exception (08),
 * transaction rollback — serialization failure, deadlock (40), insufficient resources (53), operator
 * intervention — admin shutdown, cannot connect now (57), system error (58).
 */
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);

/** Network errors of Node itself (sockets, DNS). */
const TRANSIENT_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** node-postgres reports a lost or unobtainable connection with these messages and no code. */
const TRANSIENT_PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error/,
  /^Query read timeout/,
];

/** The error and its causes, outermost first (bounded, in case of a cycle). */
function chain(err: unknown): unknown[] {
  const links: unknown[] = [];
  for (let e = err, depth = 0; e !== undefined && e !== null && depth < 6; depth++) {
    links.push(e);
    e = typeof e === 'object' ? (e as { cause?: unknown }).cause : undefined;
  }
  return links;
}

function codeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'number' && Number.isFinite(code)) return String(code);
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(code) ? code : undefined;
}

/**
 * True when a handler's failure says nothing about the event: the database or a network peer was
 * unreachable, a transaction lost a race, the server is shutting down. Such failures are retried
 * without limit — dead-lettering valid events because Postgres restarted would lose them. An error
 * (or any of its causes) may also say so itself with `transient: true` or `retriable: true`
 * (kafkajs' own flag).
 */
export function isTransientError(err: unknown): boolean {
  return chain(err).some((e) => {
    if (typeof e !== 'object' || e === null) return false;
    const flags = e as { transient?: unknown; retriable?: unknown; message?: unknown };
    if (flags.transient === true || flags.retriable === true) return true;
    const code = codeOf(e);
    if (code && /^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2))) return true;
    if (code && TRANSIENT_SYSTEM_CODES.has(code)) return true;
    return typeof flags.message === 'string' && code === undefined && TRANSIENT_PG_MESSAGES.some((re) => re.test(flags.message as string));
  });
}

/**
 * Names an error by class and code only, with its causes: `DrizzleQueryError ← DatabaseError 23505`.
 * Safe for dead-letter headers and logs (no message text, no data).
 */
export function describeError(err: unknown): string {
  return chain(err)
    .map((e) => {
      if (typeof e !== 'object' || e === null) return `thrown ${typeof e}`;
      // The class first (pg's DatabaseError is named "error", drizzle's DrizzleQueryError "Error"),
      // else the name a plain Error was given.
      const identifier = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z_$][\w$]{0,60}$/.test(v);
      const ctor: unknown = e.constructor?.name;
      const name = (e as { name?: unknown }).name;
      const label = identifier(ctor) && ctor !== 'Error' && ctor !== 'Object' ? ctor : identifier(name) ? name : 'Error';
      const code = codeOf(e);
      return code ? `${label} ${code}` : label;
    })
    .join(' ← ');
}
