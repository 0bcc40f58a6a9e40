import { describe, expect, it } from 'vitest';
import { startProgress } from '../src/progress.ts';

/** An Io whose stderr is not a terminal (a pipe, a CI log), recording what was written. */
function piped() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), tty: undefined }, out, err };
}

describe('progress on stderr when it is not a terminal', () => {
  it('prints one plain line per tenth of the work, never on stdout, and where it stopped when that was between tenths', () => {
    const { io, out, err } = piped();
    const progress = startProgress(io, '統計データ生成 seeding', 'consultations');
    for (let done = 0; done <= 1000; done += 7) progress.update(done, 1000);
    progress.update(1000, 1000);
    progress.stop();
    progress.stop();
    expect(out).toEqual([]);
    expect(err[0]).toBe('統計データ生成 seeding: 0% (0/1000 consultations)');
    expect(err.at(-1)).toBe('統計データ生成 seeding: 100% (1000/1000 consultations)');
    expect(err.map((l) => Number(/: (\d+)%/.exec(l)?.[1]))).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);

    const early = piped();
    const cut = startProgress(early.io, 'releasing', 'releases');
    cut.update(1, 3);
    cut.update(2, 3);
    cut.stop();
    cut.update(3, 3);
    // Stopped right after a printed line: nothing repeated, and nothing after stop.
    expect(early.err).toEqual(['releasing: 33% (1/3 releases)', 'releasing: 66% (2/3 releases)']);

    // Stopped between tenths: the state it stopped at is the last line.
    const between = piped();
    const part = startProgress(between.io, 'seeding', 'consultations');
    part.update(0, 1000);
    part.update(55, 1000);
    part.stop();
    expect(between.err).toEqual(['seeding: 0% (0/1000 consultations)', 'seeding: 5% (55/1000 consultations)']);
  });
});
