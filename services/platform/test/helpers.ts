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
