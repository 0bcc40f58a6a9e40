import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testEnv } from './env.ts';

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
}

/**
 * Starts a real Kafka (KRaft, loopback) from infra/kafka: jars from Maven Central on first use.
 * Each cluster gets its own folder, so a test may stop and restart its own broker.
 */
export async function startKafka(options: { nodes?: 1 | 3; port: number; dir?: string; version?: string; heap?: string }): Promise<KafkaCluster> {
  const dir = options.dir ?? resolve(kafkaHome, '.run', `test-${options.port}-${randomBytes(3).toString('hex')}`);
  const env = {
    ...process.env,
    ...(options.version ?? testEnv.kafkaVersion ? { KAFKA_VERSION: options.version ?? testEnv.kafkaVersion } : {}),
    ...(options.heap ? { KAFKA_HEAP_OPTS: options.heap } : {}),
  };
  const args = ['--nodes', String(options.nodes ?? 1), '--dir', dir, '--port', String(options.port)];
  const start = async () => {
    const { stdout } = await run('bash', [resolve(kafkaHome, 'bin/start.sh'), ...args], { env, maxBuffer: 1 << 20 });
    const line = stdout.split('\n').find((l) => l.startsWith('KAFKA_BROKERS='));
    if (!line) throw new Error(`Kafka did not report its brokers:\n${stdout}`);
    return line.slice('KAFKA_BROKERS='.length).trim().split(',');
  };
  const brokers = await start();
  return {
    brokers,
    stop: async () => void (await run('bash', [resolve(kafkaHome, 'bin/stop.sh'), '--dir', dir], { env })),
    start: async () => void (await start()),
    destroy: async () => void (await run('bash', [resolve(kafkaHome, 'bin/reset.sh'), '--dir', dir], { env })),
  };
}

/** The Kafka the tests use: `KAFKA_BROKERS` if set, else one node started from infra/kafka for this run. */
export async function resolveKafka(): Promise<{ brokers: string[]; stop(): Promise<void> }> {
  if (testEnv.kafkaBrokers) return { brokers: testEnv.kafkaBrokers.split(',').map((b) => b.trim()), stop: async () => {} };
  const cluster = await startKafka({ port: 39092 + Math.floor(Math.random() * 500) * 3 });
  return { brokers: cluster.brokers, stop: cluster.destroy };
}

/** A name no other test uses, for topics and consumer groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}`;
}
