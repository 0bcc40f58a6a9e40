import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import {
  createLiaisonClient,
  LiaisonApiError,
  type LiaisonClient,
  type LiaisonEvent,
  openPackage,
  PackageOpenError,
  readKeyRing,
  verifyWebhook,
  WebhookVerificationError,
} from '@liaison/partner';
import type { ReceiverConfig } from './config.ts';

/** The largest webhook body accepted: events carry ids and codes only. */
const MAX_BODY = 64 * 1024;

/**
 * A member body's receiver: Liaison calls its webhook for each referral addressed to the body; it
 * verifies the signature, fetches the referral, marks it `received`, downloads the sealed package,
 * opens it with the body's private key into the inbox folder, and marks it `accepted`. Each step
 * looks at the referral's status first, so a redelivered webhook (or a crash half-way) finishes the
 * work without doing any of it twice. It answers 2xx only when the work is done: otherwise Liaison
 * retries. It logs ids, never personal data.
 */
export function createReceiver(config: ReceiverConfig, log: (line: string) => void = (l) => console.log(l)) {
  const liaison: LiaisonClient = createLiaisonClient({ baseUrl: config.liaisonUrl, token: config.token });
  mkdirSync(config.inboxDir, { recursive: true, mode: 0o700 });

  async function take(event: LiaisonEvent<'jp.liaison.referral.created.v1'>): Promise<string> {
    let referral = await liaison.getReferral(event.data.referralId);
    if (referral.recipient !== config.body) return 'not ours';
    if (referral.status === 'requested')
      referral = await liaison.changeStatus(referral.id, { status: 'received', expectedVersion: referral.version });
    if (referral.status !== 'received') return referral.status; // accepted, rejected, … already
    if (referral.packageId) {
      // Keys are read at each referral: a rotated key dropped into the folder counts at once.
      const pkg = await liaison.fetchPackage(referral.packageId);
      const opened = await openPackage(pkg, readKeyRing([config.keysDir]), { recipient: config.body, packageId: referral.packageId });
      // Your case system takes it from here; this example keeps it in a file only its owner reads.
      writeFileSync(
        join(config.inboxDir, `${referral.id}.json`),
        JSON.stringify(
          { referralId: referral.id, from: referral.sender, packageId: pkg.id, keyId: opened.keyId, content: opened.content },
          null,
          2,
        ),
        { mode: 0o600 },
      );
      log(`referral ${referral.id}: package ${pkg.id} opened with key ${opened.keyId}`);
    }
    referral = await liaison.changeStatus(referral.id, { status: 'accepted', expectedVersion: referral.version });
    return referral.status;
  }

  async function handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    if (req.method !== 'POST' || req.url !== '/webhooks/liaison') return { status: 404, body: { error: 'not found' } };
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return { status: 413, body: { error: 'too large' } };
      chunks.push(chunk as Buffer);
    }
    let event: LiaisonEvent;
    try {
      event = verifyWebhook({ secret: config.webhookSecret, body: Buffer.concat(chunks), headers: req.headers }).event;
    } catch (err) {
      if (err instanceof WebhookVerificationError) {
        log(`webhook refused: ${err.code}`);
        return { status: err.code === 'BAD_SIGNATURE' ? 401 : 400, body: { error: err.code } };
      }
      throw err;
    }
    if (event.type !== 'jp.liaison.referral.created.v1') return { status: 204, body: null };
    try {
      const outcome = await take(event);
      log(`referral ${event.data.referralId}: ${outcome}`);
      return { status: 200, body: { referralId: event.data.referralId, status: outcome } };
    } catch (err) {
      // Liaison retries a 5xx; the next delivery picks up where this one stopped.
      const why = err instanceof LiaisonApiError ? `${err.status} ${err.code}` : err instanceof PackageOpenError ? err.code : 'error';
      log(`referral ${event.data.referralId}: not done (${why}); Liaison will retry`);
      if (err instanceof PackageOpenError) log(`  ${err.message}`);
      return { status: 503, body: { error: why } };
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req)
      .catch(() => ({ status: 500, body: { error: 'internal' } }))
      .then(({ status, body }) => {
        res.writeHead(status, body === null ? {} : { 'content-type': 'application/json' });
        res.end(body === null ? undefined : JSON.stringify(body));
      });
  });
  return { server, handle };
}
