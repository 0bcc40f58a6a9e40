import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Record<string, string | number>;

/** Sets one gauge's values at scrape time; several components may feed the same family (e.g. one per outbox). */
export type GaugeCollector = (set: (labels: Labels, value: number) => void) => Promise<void> | void;

/**
 * The metrics of one process, in a registry of its own (so that several platforms in one test
 * process do not share families). Families are created on first use, by name; counters are updated
 * where things happen, gauges are read at scrape time from their collectors (backlogs, lags, queue
 * sizes come from the database or the bus, so every process of a service reports the same truth).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  private readonly histograms = new Map<string, Histogram>();
  private readonly gauges = new Map<string, { gauge: Gauge; collectors: Set<GaugeCollector> }>();

  /** A counter family (created on first use). */
  counter(name: string, help: string, labelNames: string[] = []): Counter {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = new Counter({ name, help, labelNames, registers: [this.registry] });
      this.counters.set(name, counter);
    }
    return counter;
  }

  /** A histogram family in seconds (created on first use). */
  histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): Histogram {
    let histogram = this.histograms.get(name);
    if (!histogram) {
      histogram = new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) });
      this.histograms.set(name, histogram);
    }
    return histogram;
  }

  /**
   * A gauge family read at scrape time: `collect` is called on every scrape and sets the values it
   * knows. Returns a function that removes this collector (a component that stops).
   */
  gauge(name: string, help: string, labelNames: string[], collect: GaugeCollector): () => void {
    let entry = this.gauges.get(name);
    if (!entry) {
      const collectors = new Set<GaugeCollector>();
      const gauge = new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        async collect() {
          this.reset();
          // A collector that fails (database away) leaves its series out of this scrape; the
          // scrape itself still answers, and liaison_metrics_collect_errors_total says so.
          await Promise.all(
            [...collectors].map(async (c) => {
              try {
                await c((labels, value) => this.set(labels, value));
              } catch {
                collectErrors.inc({ family: name });
              }
            }),
          );
        },
      });
      entry = { gauge, collectors };
      this.gauges.set(name, entry);
    }
    const collectors = entry.collectors;
    const collectErrors = this.counter('liaison_metrics_collect_errors_total', 'Gauge collectors that failed during a scrape, by family.', [
      'family',
    ]);
    collectors.add(collect);
    return () => void collectors.delete(collect);
  }

  /**
   * A counter family whose values are read at scrape time from a source that only grows (a
   * component's own counters, rows marked once in the database). One collector per family.
   */
  counterFrom(name: string, help: string, labelNames: string[], collect: GaugeCollector): void {
    if (this.counters.has(name)) throw new Error(`metric ${name} is already registered`);
    const collectErrors = this.counter('liaison_metrics_collect_errors_total', 'Gauge collectors that failed during a scrape, by family.', [
      'family',
    ]);
    const counter = new Counter({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          await collect((labels, value) => this.inc(labels, value));
        } catch {
          collectErrors.inc({ family: name });
        }
      },
    });
    this.counters.set(name, counter);
  }

  /** The Prometheus text exposition of every family. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** A new metrics registry for this process, with Node's own process metrics (CPU, memory, event loop lag) in it. */
export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const metrics = new Metrics();
  // prom-client's default collectors: process_cpu_seconds_total, nodejs_eventloop_lag_seconds, …
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: metrics.registry });
  return metrics;
}
