import cliProgress from 'cli-progress';
import type { Io } from './io.ts';

/** Progress of long work (seed, release, report): a bar on a terminal, plain lines otherwise, always on stderr. */
export interface Progress {
  /** `done` of `total` units are finished (`total` may change, e.g. once it is known). */
  update(done: number, total: number): void;
  /** Ends the bar (or prints the last line); safe to call twice. */
  stop(): void;
}

/**
 * Starts a progress report labelled `label` (Japanese first, English beside) counting `unit`s.
 * When stderr is a terminal it draws a bar there; otherwise (a pipe, a CI log) it prints a plain
 * line at each tenth of the work, so logs stay short and stdout stays the command's result.
 */
export function startProgress(io: Io, label: string, unit: string): Progress {
  if (io.tty) {
    const bar = new cliProgress.SingleBar(
      { stream: io.tty, format: `${label} |{bar}| {percentage}% {value}/{total} ${unit}`, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let stopped = false;
    return {
      update(done, total) {
        if (stopped) return;
        if (!started) {
          bar.start(total, done);
          started = true;
        }
        bar.setTotal(total);
        bar.update(done);
      },
      stop() {
        if (started && !stopped) bar.stop();
        stopped = true;
      },
    };
  }
  let shown = -1;
  let unprinted: { done: number; total: number } | undefined;
  let stopped = false;
  const line = (done: number, total: number) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    io.err(`${label}: ${pct}% (${done}/${total} ${unit})`);
  };
  return {
    update(done, total) {
      if (stopped) return;
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > shown) {
        shown = tenth;
        unprinted = undefined;
        line(done, total);
      } else {
        unprinted = { done, total };
      }
    },
    stop() {
      // Where the work stopped is always the last line (a failure half-way shows how far it got).
      if (!stopped && unprinted) line(unprinted.done, unprinted.total);
      stopped = true;
    },
  };
}
