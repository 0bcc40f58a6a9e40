/** The only place the test fixtures read the environment. */
export const testEnv = {
  /** A Postgres server to create test databases on (any database of it; we connect as its user). */
  databaseUrl: process.env['DATABASE_URL'] || undefined,
  /** An already running Kafka; when unset the fixtures start one from infra/kafka. */
  kafkaBrokers: process.env['KAFKA_BROKERS'] || undefined,
  /** Kafka line to start (default 3.9.2); the README records the run against 4.x. */
  kafkaVersion: process.env['KAFKA_VERSION'] || undefined,
};
