/** Anything that answers requests in-process: a Hono app. */
export interface RequestTarget {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/**
 * A JSON caller for an app in-process (no port): `call(method, path, as, body)` sends
 * `Authorization: Bearer lia_<as>` — the tests' own token names — and returns status and JSON body.
 */
export function caller(target: () => RequestTarget) {
  return async (method: 'GET' | 'POST', path: string, as: string, body?: unknown) => {
    const res = await target().request(path, {
      method,
      headers: { authorization: `Bearer lia_${as}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
    return { status: res.status, body: (await res.json()) as any };
  };
}
