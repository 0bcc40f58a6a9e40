// The platform as a library: the composition root and the operator commands the `liaison` CLI runs.
export { CommandError, commandDatabase, demoToken, platformMigrations, runAuditVerify, runMigrations } from './commands.ts';
export type { DemoToken } from './demo.ts';
export { env } from './env.ts';
export { localSecret, type Platform, type PlatformOptions, startPlatform } from './platform.ts';
