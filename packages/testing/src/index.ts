import './provided.ts';
export { groupCoordinatorPartition, type KafkaCluster, kafkaPortOffsets, resolveKafka, startKafka, uniqueName } from './kafka.ts';
export { createTestDatabase, type PostgresServer, resolvePostgresServer, startEmbeddedForTests, type TestDatabase } from './postgres.ts';
export { startWsBridge, type WsBridge } from './ws-bridge.ts';
export { waitFor } from './wait.ts';
export { freePort, freePorts, isPortFree, isPortInUse, PortInUseError, retryOnPortInUse, testPortRange } from './ports.ts';
export { caller, type RequestTarget } from './caller.ts';
