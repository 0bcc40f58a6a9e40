import { type AuditCheckpoint, type CheckpointSink, fileSink } from '@liaison/audit';
import { type EventBus, makeEvent } from '@liaison/events';
import type { Logger } from '@liaison/observe';

/**
 * Where this process writes the audit chain's signed checkpoints, outside Postgres: the log stream
 * (one line each, `msg` "audit checkpoint", the checkpoint in field `checkpoint`), the `liaison.audit` topic, and a file when one is configured (embedded mode keeps
 * one in its data folder). Any of them lets `pnpm audit:verify --checkpoint` find a chain whose tail
 * was deleted and whose head was moved back.
 */
export function checkpointSinks(options: { file?: string | undefined; logger: Logger; bus: EventBus; source: string }): CheckpointSink[] {
  return [
    (c: AuditCheckpoint) => options.logger.info({ checkpoint: c }, 'audit checkpoint'),
    async (c: AuditCheckpoint) => {
      await options.bus.publish([
        makeEvent({ type: 'jp.liaison.audit.checkpoint.v1', source: options.source, subject: `audit-chain-${c.chain}`, data: c }),
      ]);
    },
    ...(options.file ? [fileSink(options.file)] : []),
  ];
}
