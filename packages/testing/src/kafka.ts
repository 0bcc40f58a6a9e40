import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testEnv } from './env.ts';
import { freePorts, PortInUseError, retryOnPortInUse } from './ports.ts';

const run = promisify(execFile);
const kafkaHome = resolve(dirname(fileURLToPath(import.meta.url)), '../../../infra/kafka');

export interface KafkaCluster {
  brokers: string[];
  /** Stops the nodes (SIGTERM; data kept). */
  stop(): Promise<void>;
  /** Starts the stopped nodes again on the same ports and data. */
  start(): Promise<void>;
  /** Stops and deletes the data. */
  destroy(): Promise<void>;
  /**
   * Sends `signal` to node `node` (1-based; broker `brokers[node - 1]`, node id `node`) and resolves
   * once its process has exited. SIGKILL is a crash: no controlled shutdown, leadership not handed over.
   */
  signal(node: number, signal: NodeJS.Signals): Promise<void>;
}

/** The ports of a cluster relative to its base port (bin/start.sh): brokers at +0…, controllers at +100…. */
export function kafkaPortOffsets(nodes: 1 | 3): number[] {
  return Array.from({ length: nodes }, (_, i) => [i, 100 + i]).flat();
}

/**
 * Starts a real Kafka (KRaft, loopback) from infra/kafka: jars from Maven Central on first use.
 * Each cluster gets its own folder, so a test may stop and restart its own broker.
 *
 * Without `port`, the base port is chosen below the ephemeral range with every port of the cluster
 * free ({@link kafkaPortOffsets}; `choosePort` replaces that choice), and when a node still finds its
 * port taken the cluster is started again elsewhere, from an empty folder. With `port`, that one is
 * used or the start fails with {@link PortInUseError}. Either way a failed start leaves no node
 * running: bin/start.sh stops the nodes it started, and we stop the folder's nodes once more.
 */
export async function startKafka(options: {
  nodes?: 1 | 3;
  port?: number;
  dir?: string;
  version?: string;
  heap?: string;
  choosePort?: () => Promise<number>;
  attempts?: number;
}): Promise<KafkaCluster> {
  const nodes = options.nodes ?? 1;
  const dir = options.dir ?? resolve(kafkaHome, '.run', `test-${randomBytes(4).toString('hex')}`);
  const env = {
    ...process.env,
    ...((options.version ?? testEnv.kafkaVersion) ? { KAFKA_VERSION: options.version ?? testEnv.kafkaVersion } : {}),
    ...(options.heap ? { KAFKA_HEAP_OPTS: options.heap } : {}),
  };
  const script = (name: string) => resolve(kafkaHome, 'bin', name);
  const startAt = async (port: number): Promise<string[]> => {
    try {
      const { stdout } = await run('bash', [script('start.sh'), '--nodes', String(nodes), '--dir', dir, '--port', String(port)], {
        env,
        maxBuffer: 1 << 20,
      });
      const line = stdout.split('\n').find((l) => l.startsWith('KAFKA_BROKERS='));
      if (!line) throw new Error(`Kafka did not report its brokers:\n${stdout}`);
      return line.slice('KAFKA_BROKERS='.length).trim().split(',');
    } catch (err) {
      // start.sh stops what it started; this also covers start.sh itself being killed half-way.
      await run('bash', [script('stop.sh'), '--dir', dir], { env }).catch(() => {});
      const { code, stderr } = err as { code?: unknown; stderr?: string };
      const said = (stderr ?? '').trim().split('\n').slice(-30).join('\n');
      if (code === 75)
        throw new PortInUseError(port, `Kafka (${nodes} node${nodes > 1 ? 's' : ''}, base port ${port}) could not start: ${said}`);
      throw new Error(`Kafka (${nodes} node${nodes > 1 ? 's' : ''}, base port ${port}) did not start: ${said || (err as Error).message}`, {
        cause: err,
      });
    }
  };
  let port = options.port;
  let brokers: string[];
  if (port !== undefined) {
    brokers = await startAt(port);
  } else {
    brokers = await retryOnPortInUse(
      async (base) => {
        try {
          const started = await startAt(base);
          port = base;
          return started;
        } catch (err) {
          // Formatted for the ports that failed: the next try starts from an empty folder.
          await run('bash', [script('reset.sh'), '--dir', dir], { env }).catch(() => {});
          throw err;
        }
      },
      { choose: options.choosePort ?? (() => freePorts(kafkaPortOffsets(nodes))), attempts: options.attempts ?? 5 },
    );
  }
  return {
    brokers,
    signal: async (node, signal) => {
      const pid = Number(readFileSync(resolve(dir, `node${node}`, 'pid'), 'utf8'));
      process.kill(pid, signal);
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        if (Date.now() > deadline) throw new Error(`Kafka node ${node} (pid ${pid}) did not exit within 60 s of ${signal}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: async () => void (await run('bash', [script('stop.sh'), '--dir', dir], { env })),
    start: async () => void (await startAt(port!)),
    destroy: async () => void (await run('bash', [script('reset.sh'), '--dir', dir], { env })),
  };
}

/** The Kafka the tests use: `KAFKA_BROKERS` if set, else one node started from infra/kafka for this run. */
export async function resolveKafka(): Promise<{ brokers: string[]; stop(): Promise<void> }> {
  if (testEnv.kafkaBrokers) return { brokers: testEnv.kafkaBrokers.split(',').map((b) => b.trim()), stop: async () => {} };
  const cluster = await startKafka({});
  return { brokers: cluster.brokers, stop: cluster.destroy };
}

/**
 * The partition of `__consumer_offsets` that holds consumer group `group` (Java's `String.hashCode`
 * of the group id, made positive, modulo the topic's partition count, as every broker computes it).
 * Its leader is the group's coordinator.
 */
export function groupCoordinatorPartition(group: string, offsetsPartitions: number): number {
  let hash = 0;
  for (let i = 0; i < group.length; i++) hash = (Math.imul(31, hash) + group.charCodeAt(i)) | 0;
  return (hash & 0x7fffffff) % offsetsPartitions;
}

/** A name no other test uses, for topics and consumer groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}`;
}
