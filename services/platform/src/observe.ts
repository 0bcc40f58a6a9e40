import { serve } from '@hono/node-server';
import { createLogger, createMetrics, type Logger, type Metrics, metricsRoute } from '@liaison/observe';
import { startTracing } from '@liaison/observe/sdk';
import { Hono } from 'hono';
import type { env } from './env.ts';

type Config = ReturnType<typeof env>;

export interface Observability {
  logger: Logger;
  metrics: Metrics;
  /** Logs are human-readable (a person at a terminal). */
  pretty: boolean;
  /** Mounts `GET /metrics` on `app` unless METRICS_PORT serves it apart; in production only for an operator's token. */
  mountMetrics(app: Hono, isOperator: (token: string) => Promise<boolean>): void;
  stop(): Promise<void>;
}

/**
 * The process's logger, metrics and tracing, made once at start: JSON logs (pino-pretty when a
 * person runs it at a terminal), a metrics registry (served on METRICS_PORT when set), and the
 * OpenTelemetry SDK when the standard `OTEL_*` variables ask for it.
 */
export function startObservability(config: Config, service: string): Observability {
  const pretty = config.LOG_PRETTY ?? process.stdout.isTTY === true;
  const logger = createLogger({ service, level: config.LOG_LEVEL, pretty });
  const metrics = createMetrics();
  const stopTracing = startTracing(config, service);
  const production = config.NODE_ENV === 'production';
  let server: ReturnType<typeof serve> | undefined;
  if (config.METRICS_PORT !== undefined) {
    const app = new Hono().get('/metrics', metricsRoute(metrics));
    server = serve({ fetch: app.fetch, port: config.METRICS_PORT, hostname: config.METRICS_HOST });
  }
  return {
    logger,
    metrics,
    pretty,
    mountMetrics(app, isOperator) {
      if (server) return;
      app.get('/metrics', metricsRoute(metrics, production ? isOperator : undefined));
    },
    async stop() {
      server?.close();
      await stopTracing?.();
      logger.flush();
    },
  };
}
