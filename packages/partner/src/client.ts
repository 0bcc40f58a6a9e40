import createClient, { type Client } from 'openapi-fetch';
import type { paths as IntakePaths } from './generated/openapi/intake.ts';
import type { paths as KeyPaths } from './generated/openapi/keys.ts';
import type { paths as ReferralPaths } from './generated/openapi/referrals.ts';
import type { paths as TokenPaths } from './generated/openapi/tokens.ts';
import type { paths as WebhookPaths } from './generated/openapi/webhooks.ts';
import type { SealedPackage } from './package.ts';

export type { IntakePaths, KeyPaths, ReferralPaths, TokenPaths, WebhookPaths };

/** An answer of the platform that is not a success: status, stable `code`, message, request id. */
export class LiaisonApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LiaisonApiError';
  }
}

export interface LiaisonClientOptions {
  /** Where the platform answers, e.g. `https://liaison.example.jp`. */
  baseUrl: string;
  /** Your API token (`lia_…`), issued by your body's administrator. */
  token: string;
  /** Another fetch (tests, proxies). */
  fetch?: (input: Request) => Promise<Response>;
}

/**
 * Typed clients for the five REST documents (types generated from schemas/openapi with
 * openapi-typescript; requests made by openapi-fetch), plus the calls a body's system makes most.
 * Every POST carries a fresh `Idempotency-Key` unless you set one, so a retried request is
 * answered once.
 */
export function createLiaisonClient(options: LiaisonClientOptions) {
  const init = {
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    headers: { authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const idempotency = {
    onRequest({ request }: { request: Request }) {
      if (request.method === 'POST' && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', crypto.randomUUID());
      return request;
    },
  };
  const make = <P extends {}>(): Client<P> => {
    const c = createClient<P>(init);
    c.use(idempotency);
    return c;
  };
  const referrals = make<ReferralPaths>();
  const intake = make<IntakePaths>();
  const webhooks = make<WebhookPaths>();
  const tokens = make<TokenPaths>();
  const keys = make<KeyPaths>();
  return {
    referrals,
    intake,
    webhooks,
    tokens,
    keys,
    /** A referral your body sent or received. */
    getReferral: async (id: string) => unwrap(await referrals.GET('/v1/referrals/{id}', { params: { path: { id } } })),
    /** Moves a referral (e.g. `received`, then `accepted`); `expectedVersion` guards against a concurrent change. */
    changeStatus: async (
      id: string,
      body: ReferralPaths['/v1/referrals/{id}/status']['post']['requestBody']['content']['application/json'],
    ) => unwrap(await referrals.POST('/v1/referrals/{id}/status', { params: { path: { id } }, body })),
    /** Downloads a package sealed to your body (ciphertext; open it with `openPackage`). */
    fetchPackage: async (id: string): Promise<SealedPackage> => unwrap(await intake.GET('/v1/packages/{id}', { params: { path: { id } } })),
    /** Publishes a public key of your body (administrators). */
    publishKey: async (body: KeyPaths['/v1/keys']['post']['requestBody']['content']['application/json']) =>
      unwrap(await keys.POST('/v1/keys', { body })),
    /** Your body's keys, latest first (administrators). */
    listKeys: async () => unwrap(await keys.GET('/v1/keys')).items,
    /** Revokes a key of your body at once (administrators). */
    revokeKey: async (keyId: string) => unwrap(await keys.POST('/v1/keys/{keyId}/revoke', { params: { path: { keyId } } })),
    /** Registers a webhook endpoint of your body; the answer carries its signing secret, once. */
    registerWebhook: async (body: WebhookPaths['/v1/webhooks']['post']['requestBody']['content']['application/json']) =>
      unwrap(await webhooks.POST('/v1/webhooks', { body })),
  };
}

export type LiaisonClient = ReturnType<typeof createLiaisonClient>;

/** The data of a successful answer, or a {@link LiaisonApiError} carrying the platform's error. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined && result.response.ok) return result.data;
  const e = (result.error as { error?: { code?: string; message?: string; requestId?: string | null; details?: unknown } } | undefined)
    ?.error;
  throw new LiaisonApiError(
    result.response.status,
    e?.code ?? `HTTP_${result.response.status}`,
    e?.message ?? result.response.statusText,
    e?.requestId ?? null,
    e?.details,
  );
}
