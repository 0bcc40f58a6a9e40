export type { Database, DatabaseOptions, Db, Driver, Pool, Tx } from './client.ts';
export type { MigrationSet } from './migrate.ts';
export { type InsertShape, multiInsert } from './sql.ts';
export { Periodic } from './periodic.ts';
export { Batcher } from './batch.ts';
export { describeError } from './errors.ts';
