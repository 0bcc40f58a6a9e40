import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';

/**
 * Ports the tests' own servers (Kafka, embedded Postgres, child processes) listen on. They lie below
 * the kernel's ephemeral range (32768–60999 by default, read from /proc where there is one): the
 * kernel gives those to outgoing connections, so a port chosen there may already be held by any
 * client on the machine — under load a Kafka controller port and an embedded Postgres port were.
 * Below the range only another listener can hold a port; we check before using one and retry on
 * another when a server still finds its port taken (another test chose it in between).
 */
export function testPortRange(): { low: number; high: number } {
  let ephemeralLow = 32768;
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && Number.isInteger(low)) ephemeralLow = low;
  } catch {
    // Not Linux: keep the IANA/Linux default.
  }
  const high = Math.min(32767, ephemeralLow - 1);
  // Never a privileged port, even where the ephemeral range starts very low.
  return { low: Math.max(1024, Math.min(20000, high - 2000)), high };
}

/** True when nothing listens on `port` of 127.0.0.1 (we could bind it just now). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A base port `p` such that `p + offset` is free for every offset (default: just `p`), chosen at
 * random in {@link testPortRange} so that concurrent test runs rarely pick the same one.
 */
export async function freePorts(offsets: number[] = [0], tries = 200): Promise<number> {
  const { low, high } = testPortRange();
  const span = Math.max(0, ...offsets);
  for (let i = 0; i < tries; i++) {
    const base = randomInt(low, high - span + 1);
    let free = true;
    for (const offset of offsets) {
      if (!(await isPortFree(base + offset))) {
        free = false;
        break;
      }
    }
    if (free) return base;
  }
  throw new Error(`no free ports (offsets ${offsets.join(', ')}) found in ${low}–${high} after ${tries} tries`);
}

/** One free port below the ephemeral range. */
export function freePort(): Promise<number> {
  return freePorts([0]);
}

/** A server could not listen because its port was taken; `code` is `EADDRINUSE`, as Node's own. */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(
    readonly port: number,
    message: string,
  ) {
    super(message);
    this.name = 'PortInUseError';
  }
}

/** True when `err` (or one of its causes) says a port was already taken. */
export function isPortInUse(err: unknown): boolean {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 6; depth++) {
    if ((e as { code?: unknown }).code === 'EADDRINUSE') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Starts something on a port chosen by `choose` (default {@link freePort}), and when it fails
 * because the port was taken meanwhile, on another one: at most `attempts` times. Any other failure
 * is thrown at once. `start` must leave nothing running when it fails.
 */
export async function retryOnPortInUse<T>(
  start: (port: number) => Promise<T>,
  options: { choose?: () => Promise<number>; attempts?: number } = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const choose = options.choose ?? freePort;
  for (let attempt = 1; ; attempt++) {
    const port = await choose();
    try {
      return await start(port);
    } catch (err) {
      if (!isPortInUse(err) || attempt >= attempts) throw err;
    }
  }
}
