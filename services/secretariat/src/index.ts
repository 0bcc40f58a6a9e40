import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError, type MigrationSet } from '@liaison/db';
import { type EventBus, OutboxRelay } from '@liaison/events';
import { createSecretariatApp, type SecretariatAppDeps } from './app.ts';
import { outbox } from './db/schema.ts';

export { createSecretariatApp, type SecretariatAppDeps } from './app.ts';
export { isSecretariat, type SecretariatContext, type Viewer, viewerOf } from './domain/context.ts';
export {
  addActionItem,
  addAgendaItem,
  type ActionItemView,
  approveMinutes,
  closeActionItem,
  getMeeting,
  listMeetings,
  type MeetingSummary,
  type MeetingView,
  meetingTitle,
  recordAttendance,
  saveMinutes,
  scheduleMeeting,
  updateMeeting,
} from './domain/meetings.ts';

export const secretariatMigrations: MigrationSet = {
  schema: 'secretariat',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

export interface SecretariatServiceDeps extends SecretariatAppDeps {
  bus: EventBus;
  /** Run the outbox relay (meeting events) in this process (default true). */
  relay?: boolean;
}

/**
 * The secretariat service: its REST app (council meetings) and the outbox relay of its events, from
 * injected dependencies, so it runs alone (distributed) or beside the others (embedded).
 */
export function createSecretariatService(deps: SecretariatServiceDeps) {
  const app = createSecretariatApp(deps);
  const relay = new OutboxRelay({
    pool: deps.database.pool,
    outbox,
    bus: deps.bus,
    onError: (err) => deps.log?.(`secretariat relay: ${describeError(err)}`),
  });
  return {
    app,
    relay,
    migrations: secretariatMigrations,
    async start() {
      if (deps.relay !== false) await relay.start();
    },
    async stop() {
      await relay.stop();
    },
  };
}

export type SecretariatService = ReturnType<typeof createSecretariatService>;
