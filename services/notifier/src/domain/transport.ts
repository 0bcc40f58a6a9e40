import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type CheckedTarget, pinnedLookup } from './targets.ts';

/** One webhook POST: headers and body, sent to a checked target within `timeout` ms. */
export interface WebhookRequest {
  headers: Record<string, string>;
  body: string;
  timeout: number;
}

/** What the receiver answered. */
export interface WebhookAnswer {
  status: number;
  /** The `Retry-After` header, when the receiver sent one. */
  retryAfter?: string;
}

/** Thrown when the receiver did not answer; `reason` is a fixed code, never a DNS answer or an address. */
export class NoAnswer extends Error {
  constructor(
    readonly reason: 'timeout' | 'no-answer',
    readonly code?: string,
  ) {
    super(reason === 'timeout' ? 'timed out' : `no answer (${code ?? 'network error'})`);
    this.name = 'NoAnswer';
  }
}

/** Sends a webhook request; injectable so tests can observe where a delivery would connect. */
export type Transport = (target: CheckedTarget, request: WebhookRequest) => Promise<WebhookAnswer>;

/**
 * Posts to the address that was checked, never to a fresh DNS answer: the socket's lookup is pinned
 * to `target.address`, while the URL's host name stays the Host header and the TLS server name (so
 * the partner's certificate is still checked against its name). No redirects are followed, no
 * connection is pooled, and the response body is not read.
 */
export const pinnedTransport: Transport = (target, req) =>
  new Promise<WebhookAnswer>((resolve, reject) => {
    const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(target.url, {
      method: 'POST',
      headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
      lookup: pinnedLookup(target.address, target.family),
      agent: false,
    });
    const timer = setTimeout(() => outgoing.destroy(new NoAnswer('timeout')), req.timeout);
    outgoing.on('response', (res) => {
      clearTimeout(timer);
      const retryAfter = res.headers['retry-after'];
      resolve({ status: res.statusCode ?? 0, ...(typeof retryAfter === 'string' ? { retryAfter } : {}) });
      res.destroy();
    });
    outgoing.on('error', (err: Error & { code?: string }) => {
      clearTimeout(timer);
      // Node's messages name the address ("connect ECONNREFUSED 10.0.0.5:443"); only the code is kept.
      reject(err instanceof NoAnswer ? err : new NoAnswer('no-answer', /^[A-Z0-9_]+$/.test(err.code ?? '') ? err.code : undefined));
    });
    outgoing.end(req.body);
  });

/**
 * How long a `Retry-After` header asks to wait (ms), from delta-seconds or an HTTP date; undefined
 * when absent or unreadable.
 */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
