// The logger writes standard output in blocks (fewer writes under load), yet a quiet process's line
// is not held back, and what was logged before an exit is all there.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('logs on standard output', () => {
  it('shows a lone line at once, and every line of a burst logged just before the process exits', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/log-child.ts', import.meta.url))], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      let text = '';
      let onText = () => {};
      child.stdout.on('data', (d) => {
        text += String(d);
        onText();
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Whole lines only (a chunk may end inside one).
      const lines = () =>
        text
          .split('\n')
          .slice(0, -1)
          .map((l) => JSON.parse(l) as { msg: string; n: number; service: string });
      // The first line arrives while the process keeps running (it waits on stdin): a quiet
      // process's log is not kept in the buffer until more comes.
      await new Promise<void>((resolve, reject) => {
        onText = () => lines().length > 0 && resolve();
        void exited.then(() => reject(new Error('the child exited before logging')));
      });
      expect(child.exitCode).toBeNull();
      expect(lines()[0]).toMatchObject({ msg: 'first', n: 0, service: 'log-child' });

      child.stdin.write('3000\n');
      expect(await exited).toBe(0);
      await new Promise<void>((resolve) => (child.stdout.readableEnded ? resolve() : child.stdout.once('end', () => resolve())));
      const burst = lines().filter((l) => l.msg === 'burst');
      expect(burst.map((l) => l.n)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
