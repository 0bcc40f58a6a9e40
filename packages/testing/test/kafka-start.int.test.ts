import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { freePorts, isPortFree, kafkaPortOffsets, startKafka } from '../src/index.ts';
import { hold, processesMentioning } from './helpers.ts';

const stopScript = resolve(dirname(fileURLToPath(import.meta.url)), '../../../infra/kafka/bin/stop.sh');
const heap = '-Xms128m -Xmx320m';

describe('starting Kafka for tests', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  /** A fresh cluster folder, whose nodes are stopped and data deleted after the test whatever happens. */
  const clusterDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-kstart-'));
    cleanups.push(() => {
      execFileSync('bash', [stopScript, '--dir', dir]);
      rmSync(dir, { recursive: true, force: true });
    });
    return dir;
  };

  it('stops the nodes it started when one of three cannot listen, and says the port was taken', async () => {
    const dir = clusterDir();
    const base = await freePorts(kafkaPortOffsets(3));
    // Node 2's controller port is taken by someone else; nodes 1 and 3 start.
    const blocker = await hold(base + 101);
    cleanups.push(() => blocker.close());

    const failure = await startKafka({ nodes: 3, port: base, dir, heap }).then(
      () => undefined,
      (err: unknown) => err as Error & { code?: string },
    );
    expect(failure?.code, failure?.message).toBe('EADDRINUSE');
    expect(failure?.message).toMatch(new RegExp(`node 2 could not listen: port ${base + 1} or ${base + 101} is already in use`));
    // Nothing of the half-started cluster is left running, and its ports are free again.
    expect(processesMentioning(dir)).toEqual([]);
    for (const port of [base, base + 2, base + 100, base + 102]) expect(await isPortFree(port), `port ${port}`).toBe(true);
  }, 180_000);

  it('starts on other ports when the ones it chose turn out to be taken', async () => {
    const dir = clusterDir();
    const taken = await freePorts(kafkaPortOffsets(1));
    const blocker = await hold(taken);
    cleanups.push(() => blocker.close());
    // The first choice is free when chosen and taken when Kafka binds it (what a concurrent run does).
    const chosen: number[] = [];
    const choosePort = async () => {
      const port = chosen.length === 0 ? taken : await freePorts(kafkaPortOffsets(1));
      chosen.push(port);
      return port;
    };

    const cluster = await startKafka({ nodes: 1, dir, heap, choosePort });
    cleanups.push(() => cluster.destroy());
    expect(chosen).toHaveLength(2);
    expect(cluster.brokers).toEqual([`127.0.0.1:${chosen[1]}`]);
    const admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kstart-probe', numPartitions: 1, replicationFactor: 1 }] });
    expect(await admin.listTopics()).toContain('kstart-probe');
    await admin.disconnect();
  }, 180_000);
});
