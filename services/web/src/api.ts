/** Calls the platform's services (in-process: their apps' `fetch`; distributed: an HTTP client). */
export type ServiceFetch = (request: Request) => Promise<Response>;

/** A service answered with an error: its status and code, for the page to explain. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The services as the signed-in person: every call carries their own API token, so each service
 * authorizes it exactly as it would a client of the API (the pages get no wider access than the
 * token has). The base URL only gives the requests a well-formed address.
 */
export function apiAs(api: ServiceFetch, token: string) {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await api(
      new Request(`http://liaison.internal${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    );
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(res.status, error?.code ?? 'ERROR', error?.message ?? `HTTP ${res.status}`);
    }
    return json as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}

export type Api = ReturnType<typeof apiAs>;
