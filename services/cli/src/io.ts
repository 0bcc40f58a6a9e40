/** Where a command writes: stdout for results, stderr for messages (so `--json` output stays clean). */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The terminal a progress bar may draw on: stderr when it is a TTY, else undefined (progress is then plain lines). */
  tty?: NodeJS.WriteStream | undefined;
}

export const defaultIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  tty: process.stderr.isTTY ? process.stderr : undefined,
};

/**
 * Resolves once everything written to `stream` so far has been handed to the OS. The process exits
 * on its own after `main` (never `process.exit`), but a pipe's reader only sees what was flushed.
 */
export function flushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}
