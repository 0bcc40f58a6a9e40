import type { Platform } from '../src/platform.ts';

/** A tiny client for the platform app, in-process (no port): REST and GraphQL as a given body. */
export function client(platform: Platform) {
  const tokenOf = (agency: string, role = 'caseworker') => {
    const t = platform.demoTokens.find((d) => d.agency === agency && d.role === role);
    if (!t) throw new Error(`no demo token for ${agency}/${role}`);
    return t.token;
  };
  return {
    tokenOf,
    async post(path: string, body: unknown, token?: string) {
      const res = await platform.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    },
    async get(path: string, token?: string) {
      const res = await platform.app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    },
    async graphql(query: string, token?: string, variables?: Record<string, unknown>) {
      const res = await platform.app.request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };
    },
  };
}

/** Counts rows of a table (schema-qualified name from a fixed list in the test). */
export async function countRows(platform: Platform, table: string): Promise<number> {
  const { rows } = await platform.database.pool.query(`select count(*)::int as n from ${table}`);
  return rows[0].n as number;
}

/**
 * Opens a GraphQL subscription over SSE on the platform (in-process) and collects the `next`
 * payloads; `errors` collects what the server refused with.
 */
export async function subscribe(platform: Platform, query: string, token?: string) {
  const res = await platform.app.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const events: Record<string, any>[] = [];
  const errors: { message: string; extensions?: { code?: string } }[] = [];
  // Refused before any GraphQL work (no token: 401): a plain JSON answer, not a stream.
  if (!res.headers.get('content-type')?.includes('text/event-stream')) {
    const body = (await res.json()) as { errors?: typeof errors };
    errors.push(...(body.errors ?? []));
    return { status: res.status, events, errors, close: async () => {} };
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let open = true;
  const done = (async () => {
    try {
      while (open) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += decoder.decode(value, { stream: true });
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const chunk = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = chunk
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('');
          if (!data) continue;
          const payload = JSON.parse(data) as { data?: Record<string, any>; errors?: typeof errors };
          if (payload.errors) errors.push(...payload.errors);
          if (payload.data) events.push(payload.data);
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    status: res.status,
    events,
    errors,
    async close() {
      open = false;
      await reader.cancel().catch(() => {});
      await done;
    },
  };
}

/** A browser in miniature: keeps cookies per host, sends them back, reads forms' CSRF tokens. */
export function browser(platform: Platform, origin = 'http://127.0.0.1:3000') {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (/max-age=0/i.test(line) || value === '') jar.delete(name!.trim());
      else jar.set(name!.trim(), value!.trim());
    }
    return res;
  };
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return {
    jar,
    async get(path: string, headers: Record<string, string> = {}) {
      return keep(await platform.app.request(`${origin}${path}`, { headers: { cookie: cookieHeader(), ...headers } }));
    },
    async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
      return keep(
        await platform.app.request(`${origin}${path}`, {
          method: 'POST',
          headers: {
            cookie: cookieHeader(),
            'content-type': 'application/x-www-form-urlencoded',
            origin,
            'sec-fetch-site': 'same-origin',
            ...headers,
          },
          body: new URLSearchParams(form).toString(),
        }),
      );
    },
    async signIn(token: string, next = '') {
      const page = await (await this.get('/signin')).text();
      return this.post('/signin', { _csrf: csrfOf(page), token, next });
    },
    csrfOf,
  };
}
