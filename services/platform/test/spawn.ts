import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@liaison/testing';

const platformDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A platform entry point running as its own process, with what it printed. */
export interface Started {
  child: ChildProcess;
  output: { text: string };
  exited: Promise<number | null>;
  /** Waits until the output contains `text`; fails at once, with the output, if the process exits. */
  printed(text: string): Promise<boolean>;
}

/**
 * Starts `script` (relative to services/platform) with `tsx`, as an operator would, and adds it to
 * `children` so that the test's `afterAll` can kill whatever is left even when a start failed half-way.
 */
export function startProcess(children: ChildProcess[], script: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: platformDir,
    env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output = { text: '' };
  child.stdout!.on('data', (d) => (output.text += d));
  child.stderr!.on('data', (d) => (output.text += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const printed = (text: string) =>
    waitFor(
      `"${text}" from ${script} (${env.LIAISON_SERVICE ?? 'platform'})`,
      () => {
        if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output.text}`);
        return output.text.includes(text);
      },
      150_000,
    );
  return { child, output, exited, printed };
}

/** Kills every process still running (afterAll). */
export function killAll(children: ChildProcess[]): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** GET /readyz: status and JSON body, or undefined while nothing listens. */
export async function readyz(
  port: number,
): Promise<
  { status: number; body: { status: string; failed: string[]; checks: Record<string, { ok: boolean; detail?: string }> } } | undefined
> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    return { status: res.status, body: (await res.json()) as never };
  } catch {
    return undefined;
  }
}
