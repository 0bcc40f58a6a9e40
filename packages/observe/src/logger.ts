import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino removes from every line, whatever a log site passes: credentials, keys, addresses and
 * anything that could be a person or free text. Log sites pass ids and codes only (see the README);
 * these paths are the net under that rule, tested by the PII scans over the logs.
 */
export const REDACT_PATHS = [
  'token',
  'tokens',
  'secret',
  'key',
  'password',
  'authorization',
  'cookie',
  'url',
  'urls',
  'email',
  'name',
  'person',
  'contact',
  'school',
  'summary',
  'body',
  'headers',
  'query',
  'params',
  '*.token',
  '*.secret',
  '*.key',
  '*.password',
  '*.authorization',
  '*.cookie',
  '*.url',
  '*.urls',
  '*.email',
  '*.name',
  '*.person',
  '*.contact',
  '*.school',
  '*.summary',
  '*.body',
  '*.headers',
  '*.query',
  '*.params',
];

/** The class and code of an error and its causes (`DrizzleQueryError ← DatabaseError 23505`): never its message. */
export function errorCode(err: unknown): string {
  const links: string[] = [];
  for (let e = err, depth = 0; e !== undefined && e !== null && depth < 6; depth++) {
    if (typeof e !== 'object') {
      links.push(`thrown ${typeof e}`);
      break;
    }
    const identifier = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z_$][\w$]{0,60}$/.test(v);
    const ctor: unknown = e.constructor?.name;
    const name = (e as { name?: unknown }).name;
    const label = identifier(ctor) && ctor !== 'Error' && ctor !== 'Object' ? ctor : identifier(name) ? name : 'Error';
    const raw = (e as { code?: unknown }).code;
    const code = typeof raw === 'number' ? String(raw) : typeof raw === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(raw) ? raw : undefined;
    links.push(code ? `${label} ${code}` : label);
    e = (e as { cause?: unknown }).cause;
  }
  return links.join(' ← ');
}

/** Where log lines go: a pino destination, or a function given each JSON line (tests, the PII scans). */
export type LogDestination = DestinationStream | ((line: string) => void);

export interface LoggerOptions {
  /** The `service` field of every line (`platform`, `referrals`, …); children name their own. */
  service: string;
  /** `trace` … `fatal`, or `silent`; default `info`. */
  level?: string;
  /** Human-readable lines (pino-pretty) instead of JSON: for a person at a terminal. */
  pretty?: boolean;
  destination?: LogDestination;
}

/**
 * The process's one logger: JSON lines with `service` on each, `err` written as its class and code
 * only (pino's default serializer would write the message and stack, which for a database error
 * quote the statement's parameters), and {@link REDACT_PATHS} removed.
 */
export function createLogger(options: LoggerOptions): Logger {
  const config = {
    level: options.level ?? 'info',
    base: {},
    messageKey: 'msg',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: (err: unknown) => (typeof err === 'string' ? err : errorCode(err)) },
  };
  const destination = options.destination;
  const root = options.pretty
    ? pino(
        config,
        pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }),
      )
    : pino(config, typeof destination === 'function' ? lineStream(destination) : (destination ?? stdoutDestination()));
  const logger = root.child({ service: options.service });
  roots.set(logger, root);
  return logger;
}

/**
 * Standard output, written in blocks: lines gather up to 4 KB (one request's line is ~400 bytes)
 * and go in one write, and what has gathered is written at least every 200 ms, so a quiet process's
 * lines are not held back. Under load that is a tenth of the writes (each a system call and, on a
 * pipe to a log collector, a wake-up of the reader). At exit, a crash included, pino writes what is
 * left synchronously; a SIGKILL loses at most the last 200 ms of lines.
 */
function stdoutDestination(): ReturnType<typeof pino.destination> {
  // One per process, however many loggers write to it (a test process starts many platforms).
  if (stdout) return stdout;
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => {
    try {
      destination.flush();
    } catch {
      // ended (the process is exiting)
    }
  }, 200).unref();
  stdout = destination;
  return destination;
}
let stdout: ReturnType<typeof pino.destination> | undefined;

/**
 * Resolves once every line logged so far is written to standard output: for what the process writes
 * elsewhere (a banner on stderr) to come after the log lines before it, as it did line by line.
 */
export function flushLogs(): Promise<void> {
  const destination = stdout;
  if (!destination) return Promise.resolve();
  return new Promise((resolve) => destination.flush(() => resolve()));
}

/** The root (no `service` binding) of each logger made here, so a component's child names its own service once. */
const roots = new WeakMap<Logger, Logger>();

/** A destination handing each JSON line, without its newline, to `write` (pino writes whole lines). */
function lineStream(write: (line: string) => void): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line !== '') write(line);
    },
  };
}

/** What a service or package accepts as its log: the process's logger, or (tests) a function given each JSON line. */
export type LogSink = Logger | ((line: string) => void);

const silent = pino({ level: 'silent' });

/**
 * The logger a component writes to: a child of the process's logger naming `service`, a logger
 * writing JSON lines to a function, or a silent one when none was given.
 */
export function loggerFor(sink: LogSink | undefined, service: string): Logger {
  if (sink === undefined) return silent;
  if (typeof sink === 'function') return createLogger({ service, destination: sink });
  if (sink.bindings().service === service) return sink;
  const root = roots.get(sink);
  const child = (root ?? sink).child({ service });
  if (root) roots.set(child, root);
  return child;
}
