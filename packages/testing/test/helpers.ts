import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

/** Holds a port the way any other program would: a listener on 127.0.0.1. `close` lets it go. */
export async function hold(port: number): Promise<{ close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(port, '127.0.0.1', () => res());
  });
  return { close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Ids of the processes whose command line mentions `text` (a server started from a folder names it there). */
export function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}
