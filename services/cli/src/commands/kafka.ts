import { describeError } from '@liaison/db';
import type { EventBus, TopicSpec, TopicState } from '@liaison/events';
import type { Command } from 'commander';
import { CommandError } from '../errors.ts';
import type { Io } from '../io.ts';

/** One topic as `kafka topics` reports it. */
export interface TopicReport {
  name: string;
  /** ok: as configured; created: was missing, now made; missing: absent (check mode); wrong: differs from the configuration. */
  state: 'ok' | 'created' | 'missing' | 'wrong';
  partitions: number | null;
  replicationFactor: number | null;
  minInsyncReplicas: number | null;
  problems: string[];
}

/** What differs between a topic as it is and as the configuration wants it. */
export function topicProblems(spec: TopicSpec, state: TopicState): string[] {
  if (!state.exists) return ['missing'];
  const problems: string[] = [];
  if (state.partitions !== spec.partitions) {
    problems.push(
      `${state.partitions} partitions, configured ${spec.partitions} (a key's partition depends on the count: recreate the topic or set TOPIC_PARTITIONS=${state.partitions})`,
    );
  }
  if (spec.replicationFactor !== undefined && state.replicationFactor !== undefined && state.replicationFactor !== spec.replicationFactor) {
    problems.push(`replication factor ${state.replicationFactor}, configured ${spec.replicationFactor}`);
  }
  if (spec.minInsyncReplicas !== undefined && state.minInsyncReplicas !== spec.minInsyncReplicas) {
    problems.push(`min.insync.replicas ${state.minInsyncReplicas ?? 'unknown'}, configured ${spec.minInsyncReplicas}`);
  }
  if (state.underReplicated) problems.push(`${state.underReplicated} partitions under-replicated or without a leader`);
  return problems;
}

/** `liaison kafka topics [--check]`: creates (or only checks) every topic of the events catalog, through the bus port. */
export function registerKafka(cli: Command, io: Io): void {
  const kafka = cli.command('kafka').description('イベントバス (event bus): Kafka, or the Postgres log without KAFKA_BROKERS');
  kafka
    .command('topics')
    .summary('create (or --check) the topics of the events catalog')
    .description(
      'トピック (topics): create the missing topics of the events catalog and the dead-letter topic (KAFKA_TOPIC_PREFIX, TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR, ' +
        "KAFKA_MIN_INSYNC_REPLICAS) and list each topic's state; exit 1 when one is missing or differs. Without KAFKA_BROKERS, the Postgres log of the database",
    )
    .option('--check', 'only verify: create nothing, exit 1 when a topic is missing or differs from the configuration')
    .option('--json', 'print JSON')
    .action(async (o: { check?: boolean; json?: boolean }) => {
      // Loaded when the command runs (slow to load): --help answers at once.
      const [{ createEventBus }, { commandDatabase, env }] = await Promise.all([import('@liaison/events'), import('@liaison/platform')]);
      const config = env();
      const useKafka = (config.KAFKA_BROKERS?.length ?? 0) > 0;
      const database = useKafka ? undefined : commandDatabase(config);
      const bus: EventBus = useKafka
        ? createEventBus({
            kind: 'kafka',
            brokers: config.KAFKA_BROKERS!,
            clientId: config.KAFKA_CLIENT_ID,
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
            // kafkajs repeats itself while it retries; the failure, if any, ends the command with one line.
            log: () => {},
          })
        : createEventBus({ kind: 'pglog', pool: database!.pool, topicPrefix: config.KAFKA_TOPIC_PREFIX });
      try {
        const specs = bus.topicSpecs({
          partitions: config.TOPIC_PARTITIONS,
          ...(useKafka ? { replicationFactor: config.KAFKA_REPLICATION_FACTOR } : {}),
          ...(useKafka && config.KAFKA_MIN_INSYNC_REPLICAS ? { minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS } : {}),
        });
        const onKafka = async <T>(work: () => Promise<T>): Promise<T> => {
          try {
            return await work();
          } catch (err) {
            throw useKafka ? new CommandError(`cannot reach Kafka (KAFKA_BROKERS) or it refused: ${describeError(err)}`) : err;
          }
        };
        const before = await onKafka(() => bus.describeTopics());
        const absent = new Set(before.filter((s) => !s.exists).map((s) => s.name));
        let states = before;
        if (!o.check && absent.size > 0) {
          await onKafka(() => bus.adapter.ensureTopics(specs.filter((s) => absent.has(s.name))));
          states = await onKafka(() => bus.describeTopics());
        }
        const reports: TopicReport[] = specs.map((spec, i) => {
          const state = states[i]!;
          const problems = topicProblems(spec, state);
          return {
            name: spec.name,
            state: !state.exists ? 'missing' : problems.length > 0 ? 'wrong' : absent.has(spec.name) ? 'created' : 'ok',
            partitions: state.partitions ?? null,
            replicationFactor: state.replicationFactor ?? null,
            minInsyncReplicas: state.minInsyncReplicas ?? null,
            problems: problems.filter((p) => p !== 'missing'),
          };
        });
        const ok = reports.every((r) => r.state === 'ok' || r.state === 'created');
        if (o.json) {
          io.out(JSON.stringify({ bus: bus.kind, ok, topics: reports }));
        } else {
          const width = Math.max(...reports.map((r) => r.name.length));
          io.out(`${'topic'.padEnd(width)}  state    partitions  replicas  min.insync`);
          for (const r of reports) {
            const cols = [r.partitions ?? '-', r.replicationFactor ?? '-', r.minInsyncReplicas ?? '-'].map(String);
            io.out(
              `${r.name.padEnd(width)}  ${r.state.padEnd(7)}  ${cols[0]!.padStart(10)}  ${cols[1]!.padStart(8)}  ${cols[2]!.padStart(10)}${r.problems.length ? `  ${r.problems.join('; ')}` : ''}`,
            );
          }
          if (bus.kind === 'pglog') io.err('(the Postgres log: no replicas, so replication and min.insync do not apply)');
        }
        if (!ok) {
          const bad = reports.filter((r) => r.state === 'missing' || r.state === 'wrong');
          throw new CommandError(
            `${bad.length} of ${reports.length} topics ${o.check ? 'missing or wrong' : 'wrong'}: ${bad.map((r) => `${r.name} (${r.state})`).join(', ')}`,
          );
        }
      } finally {
        await bus.close();
        await database?.close();
      }
    });
}
