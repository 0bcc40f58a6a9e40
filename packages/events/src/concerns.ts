import type { CloudEvent } from './envelope.ts';

/** Which bodies an event concerns: who is told of it by webhook and live subscription. */
export function concernedBodies(event: CloudEvent): string[] {
  const d = event.data as unknown as Record<string, unknown>;
  switch (event.type) {
    // A draft stays with its sender. Drafts are no longer announced at all; these two cases keep
    // events written before that (still on topics) from reaching the recipient when replayed.
    case 'jp.liaison.referral.created.v1':
      return d.status === 'draft' ? [] : [d.recipient as string];
    case 'jp.liaison.referral.status_changed.v1':
      if (d.from === 'draft' && d.to !== 'requested') return [];
      return [d.sender as string, d.recipient as string].filter((b) => b !== d.changedBy);
    case 'jp.liaison.deadline.approaching.v1':
      return [d.recipient as string, d.sender as string];
    case 'jp.liaison.deadline.missed.v1':
      return [...new Set([d.recipient as string, d.sender as string, d.escalatedTo as string].filter(Boolean))];
    case 'jp.liaison.consent.revoked.v1':
      return d.recipients as string[];
    case 'jp.liaison.webhook.dead_lettered.v1':
      return [...new Set([d.owner as string, d.secretariat as string].filter(Boolean))];
    default:
      return [];
  }
}
