import { getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext, ServiceCall } from './builder.ts';
import { askService } from './schema/errors.ts';

/**
 * Kept GraphQL answers for documents built only from immutable service answers (a statistics
 * release: every observer body reads the same published tables, again and again).
 *
 * A query's answer is a function of its document and variables, the caller's body (and the body's
 * council roles) and role (scope checks; `me`), and the service answers its resolvers used. When
 * every one of those service answers carried an ETag — the service's word that the answer at that
 * path never changes — the answer's text is kept, keyed by all of these but the service answers. The next such request is not executed:
 * each service answer is asked for again with If-None-Match, so the service authorizes the caller
 * and logs the read exactly as before, and only when every one is still current (304) is the kept
 * text sent. Anything else (another ETag, a refusal) is handed to the normal execution, which uses
 * that very answer rather than asking (and logging) twice. Answers with errors, mutations,
 * subscriptions and anything that used a service answer without an ETag are never kept.
 */
export function useImmutableAnswers(
  options: { maxEntries?: number; maxBytes?: number } = {},
): Plugin<Record<string, unknown>, { gatewayContext: GatewayContext }> {
  const maxEntries = options.maxEntries ?? 64;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  /** Insertion order is recency: a hit moves its entry to the end; the oldest go first. */
  const kept = new Map<string, { calls: ServiceCall[]; text: string }>();
  let bytes = 0;
  const forget = (key: string) => {
    const entry = kept.get(key);
    if (!entry) return;
    kept.delete(key);
    bytes -= entry.text.length * 2;
  };
  const keep = (key: string, calls: ServiceCall[], text: string) => {
    if (text.length * 2 > maxBytes / 4) return;
    forget(key);
    kept.set(key, { calls, text });
    bytes += text.length * 2;
    while (kept.size > maxEntries || bytes > maxBytes) forget(kept.keys().next().value!);
  };

  return {
    async onParams({ params, context, setResult }) {
      const g = context.gatewayContext;
      if (!g?.actor || !g.token || !g.answer) return;
      if (params.extensions && Object.keys(params.extensions).length > 0) return;
      const key = JSON.stringify([
        g.actor.agency,
        g.actor.role,
        g.actor.agencyRoles,
        params.operationName ?? null,
        params.query ?? '',
        params.variables ?? null,
      ]);
      g.answer.key = key;
      const hit = kept.get(key);
      if (!hit) return;
      const caller = { actor: g.actor, token: g.token };
      for (const call of hit.calls) {
        const res = await askService(call.fetcher, caller, call.path, call.etag!);
        if (res.status !== 304) {
          // Changed or refused: the execution takes this answer as the service's reply.
          g.answer.early.set(call.path, { etag: call.etag!, res });
          forget(key);
          return;
        }
        g.answer.early.set(call.path, { etag: call.etag!, res });
      }
      g.answer.early.clear();
      g.answer.key = undefined;
      keep(key, hit.calls, hit.text);
      setResult({ data: {}, stringify: () => hit.text } as never);
    },
    onExecute({ args }) {
      const record = (args.contextValue as unknown as GatewayContext).answer;
      if (!record) return;
      const operation = getOperationAST(args.document, args.operationName);
      record.keepable = operation?.operation === 'query' && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD);
    },
    onExecutionResult({ result, setResult, context }) {
      const record = context.gatewayContext?.answer;
      const key = record?.key;
      if (!record || !key || !record.keepable || !result || Symbol.asyncIterator in result) return;
      if (result.errors?.length || record.calls.length === 0 || record.calls.some((c) => c.etag === null)) return;
      const calls = [...record.calls];
      const stringify = result.stringify ?? JSON.stringify;
      setResult({
        ...result,
        stringify: (r: unknown) => {
          const text = stringify(r as never);
          keep(key, calls, text);
          return text;
        },
      });
    },
  };
}
