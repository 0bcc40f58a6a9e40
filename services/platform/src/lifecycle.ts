// A process's life: liveness (/healthz), readiness (/readyz) and the graceful drain on SIGTERM.
// Used by both entry points (main.ts: the embedded platform; service.ts: one service per process),
// so every process answers the same probes and drains the same way.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { describeError } from '@liaison/db';
import { Hono } from 'hono';

/** One readiness check's state: `ok`, or why not. */
export interface CheckState {
  ok: boolean;
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  /** Names of the checks that failed, in the order they were declared. */
  failed: string[];
  checks: Record<string, CheckState>;
}

export interface LifecycleOptions {
  /** From SIGTERM to a forced exit (ms): the drain must be done by then (exit 0), or the process exits 1. */
  graceMs: number;
  /**
   * From readiness failing to the listener closing (ms): time for a load balancer or Kubernetes
   * to take the process out of rotation while it still serves. Counted within the grace period.
   */
  delayMs?: number;
  log?: (message: string) => void;
}

/** Thrown by {@link Lifecycle.retry} when the drain began while a start-up step was still being tried. */
export class Stopping extends Error {
  constructor() {
    super('stopping: start-up abandoned');
    this.name = 'Stopping';
  }
}

/**
 * Readiness, liveness and the drain of one process.
 *
 * Readiness is a list of checks: conditions met once during start-up (`expect` … `met`: migrations
 * applied, bus connected, consumers joined) and probes asked at every request (`probe`: the
 * database answers). A draining process is never ready again.
 *
 * The drain (SIGTERM, SIGINT): readiness fails at once; after `delayMs` the listener closes (new
 * connections are refused) while requests in flight finish — their responses, and any response
 * after the listener closed, carry `Connection: close`, so clients do not reuse the connection; idle
 * keep-alive connections end at the server's keep-alive timeout, as clients expect. Then the stop
 * steps run in the order they were registered (consumers finish their batch and commit, relays
 * flush, pools close), and the process exits 0 — or 1 if the grace period ran out first.
 */
export class Lifecycle {
  private readonly conditions = new Map<string, CheckState>();
  private readonly probes = new Map<string, () => Promise<void>>();
  private readonly steps: { label: string; run: () => Promise<unknown> }[] = [];
  private readonly servers: Server[] = [];
  private readonly open = new Set<ServerResponse>();
  private readonly log: (message: string) => void;
  private about: Record<string, unknown> = {};
  private draining: Promise<{ ms: number; steps: Record<string, number> }> | undefined;
  /** Set once the listeners are closed: from then on every response ends its connection. */
  private closed = false;
  private readonly wakers = new Set<() => void>();

  constructor(private readonly options: LifecycleOptions) {
    this.log = options.log ?? ((m) => console.log(m));
  }

  /** Whether the drain has begun. */
  get stopping(): boolean {
    return this.draining !== undefined;
  }

  /** Fields /healthz answers with beside its status (the mode: database, bus). */
  describe(about: Record<string, unknown>): void {
    this.about = { ...this.about, ...about };
  }

  /** Declares a start-up condition, failing (`detail`) until {@link met}. */
  expect(name: string, detail = 'not yet'): void {
    this.conditions.set(name, { ok: false, detail });
  }

  /** Marks a start-up condition met. */
  met(name: string): void {
    this.conditions.set(name, { ok: true });
  }

  /** Updates why a condition is not met yet (its last failure), without logging anything. */
  pending(name: string, detail: string): void {
    this.conditions.set(name, { ok: false, detail });
  }

  /** A check run at every readiness probe (bounded by 2 s): rejecting means not ready. */
  probe(name: string, check: () => Promise<void>): void {
    this.probes.set(name, check);
  }

  /** The checks now, in order: probes first, then start-up conditions, then whether the process is draining. */
  async readiness(): Promise<Readiness> {
    const checks: Record<string, CheckState> = {};
    await Promise.all(
      [...this.probes].map(async ([name, check]) => {
        checks[name] = await withTimeout(check(), 2000).then(
          () => ({ ok: true }),
          (err: unknown) => ({ ok: false, detail: describeError(err) }),
        );
      }),
    );
    const ordered: Record<string, CheckState> = {};
    for (const name of this.probes.keys()) ordered[name] = checks[name]!;
    for (const [name, state] of this.conditions) ordered[name] = state;
    ordered.accepting = this.stopping ? { ok: false, detail: 'draining: the process is shutting down' } : { ok: true };
    const failed = Object.entries(ordered)
      .filter(([, s]) => !s.ok)
      .map(([n]) => n);
    return { ready: failed.length === 0, failed, checks: ordered };
  }

  /** `/healthz` (alive: the event loop answers) and `/readyz` (503 with the failed checks, JSON). */
  routes(): Hono {
    const app = new Hono();
    app.get('/healthz', (c) => c.json({ status: 'ok', ...this.about }));
    app.get('/readyz', async (c) => {
      const r = await this.readiness();
      return c.json({ status: r.ready ? 'ready' : 'unavailable', failed: r.failed, checks: r.checks }, r.ready ? 200 : 503);
    });
    return app;
  }

  /** Registers a step of the drain; steps run in registration order, each after the previous one finished. */
  onStop(label: string, run: () => Promise<unknown>): void {
    this.steps.push({ label, run });
  }

  /** Puts a listening server under the drain: keeps track of its responses so none is cut. */
  serve(server: Server): void {
    this.servers.push(server);
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      if (this.closed) res.shouldKeepAlive = false;
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
    });
  }

  /**
   * Retries a start-up step with backoff (0.5 s doubling to 5 s) until it succeeds, noting each
   * failure as the condition's detail (and in the log); throws {@link Stopping} once the drain began.
   */
  async retry<T>(condition: string, step: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures++) {
      if (this.stopping) throw new Stopping();
      try {
        return await step();
      } catch (err) {
        if (this.stopping) throw new Stopping();
        const detail = describeError(err);
        this.pending(condition, detail);
        this.log(`${condition}: not yet (${detail}); trying again`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.wakers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, Math.min(5000, 500 * 2 ** failures));
          this.wakers.add(wake);
        });
      }
    }
  }

  /** Drains (see the class comment); resolves with how long it took. Calling it again returns the same drain. */
  drain(): Promise<{ ms: number; steps: Record<string, number> }> {
    this.draining ??= (async () => {
      const began = Date.now();
      const steps: Record<string, number> = {};
      let at = began;
      const lap = (label: string) => {
        const now = Date.now();
        steps[label] = now - at;
        at = now;
      };
      for (const wake of [...this.wakers]) wake();
      this.log('draining: not ready; finishing requests in flight');
      if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
      lap('delay');
      await Promise.all(this.servers.map((s) => this.closeServer(s)));
      lap('http');
      for (const step of this.steps) {
        try {
          await step.run();
        } catch (err) {
          this.log(`draining: ${step.label}: ${describeError(err)}`);
        }
        lap(step.label);
      }
      return { ms: Date.now() - began, steps };
    })();
    return this.draining;
  }

  /**
   * Stops listening (new connections are refused) and waits for every connection to end: each
   * response from now on carries `Connection: close`, so a client comes back on a new connection —
   * and is refused. Connections are not told to close before the listener is: clients would then
   * reconnect all the time, and those whose handshake the kernel had completed but the process not
   * yet accepted when the listener closed would be reset, not refused.
   */
  private closeServer(server: Server): Promise<void> {
    return new Promise((resolve) => {
      // net.Server's close, not http.Server's: the latter also drops idle keep-alive connections at
      // once, and a client that just sent a request on one would see it reset instead of answered.
      NetServer.prototype.close.call(server, () => resolve());
      this.closed = true;
      for (const res of this.open) if (!res.headersSent) res.shouldKeepAlive = false;
      // Connections that stay open past the keep-alive timeout (a client holding one without a
      // request, a slow response) are closed then, so the drain ends within the grace period.
      const wait = Math.max(0, Math.min(server.keepAliveTimeout + 1000, this.options.graceMs / 2));
      setTimeout(() => server.closeAllConnections(), wait).unref();
    });
  }

  /** On SIGTERM or SIGINT: drains, logs how long it took, then exits 0; exits 1 if the grace period runs out first. */
  handleSignals(exit: (code: number) => never = process.exit): void {
    const onSignal = (signal: string) => {
      if (this.stopping) return;
      this.log(`${signal}: draining (grace period ${this.options.graceMs} ms)`);
      setTimeout(() => {
        this.log(`drain not finished within ${this.options.graceMs} ms; exiting`);
        exit(1);
      }, this.options.graceMs);
      this.drain().then(({ ms, steps }) => {
        this.log(
          `drained in ${ms} ms (${Object.entries(steps)
            .map(([label, t]) => `${label} ${t} ms`)
            .join(', ')})`,
        );
        exit(0);
      });
    };
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    process.on('SIGINT', () => onSignal('SIGINT'));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
