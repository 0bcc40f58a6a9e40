import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';
import {
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** What one GraphQL request may ask for; every refusal is a 400 with its code, before execution. */
export interface GraphqlLimits {
  /** Request body bytes (checked before the body is read whole). */
  bodyBytes: number;
  /** Lexical tokens of the document (checked while parsing: a huge document stops early). */
  tokens: number;
  depth: number;
  aliases: number;
  directives: number;
  /** Fields weighted by list sizes: a field with a `limit` argument multiplies what it selects. */
  cost: number;
  /** The list size assumed when `limit` is a variable (validation runs before variables are known). */
  variableListSize: number;
}

export const defaultGraphqlLimits: GraphqlLimits = {
  bodyBytes: 100 * 1024,
  tokens: 2000,
  depth: 10,
  aliases: 15,
  directives: 10,
  cost: 20_000,
  variableListSize: 500,
};

/** A refusal with a stable code and HTTP 400. */
export function limitError(code: string, message: string): GraphQLError {
  // `spec: false`: yoga answers spec validation errors 200 to application/json clients; ours are 400 for every client.
  return new GraphQLError(message, { extensions: { code, http: { status: 400, spec: false } } });
}

/**
 * Cost with list sizes: each field costs 1 plus what it selects; a list field with a `limit` (or
 * `first`) argument multiplies what it selects by that size — the literal, the argument's default
 * when absent, {@link GraphqlLimits.variableListSize} for a variable. So 500 aliased
 * `referralInbox(limit: 500)` cost 500 × 500 × fields, not 500.
 */
export function listCostRule(limits: Pick<GraphqlLimits, 'cost' | 'variableListSize'>): ValidationRule {
  return (context: ValidationContext) => {
    const schema = context.getSchema();
    const listSize = (
      field: GraphQLField<unknown, unknown>,
      args: readonly { name: { value: string }; value: { kind: string; value?: unknown } }[],
    ) => {
      for (const name of ['limit', 'first']) {
        const given = args.find((a) => a.name.value === name);
        if (given?.value.kind === Kind.INT) return Math.max(0, Number(given.value.value));
        if (given?.value.kind === Kind.VARIABLE) return limits.variableListSize;
        const declared = field.args.find((a) => a.name === name);
        if (declared && typeof declared.defaultValue === 'number') return declared.defaultValue;
      }
      return 1;
    };
    const cost = (set: SelectionSetNode, parent: GraphQLCompositeType, seen: Set<string>): number => {
      let total = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) {
            total += 1;
            continue;
          }
          const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
          if (!field) continue; // unknown fields are reported by the standard rules
          const named = getNamedType(field.type);
          const inner = selection.selectionSet && isCompositeType(named) ? cost(selection.selectionSet, named, seen) : 1;
          const size = isListType(getNullableType(field.type)) ? listSize(field, selection.arguments ?? []) : 1;
          total += 1 + size * inner;
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
          if (type && isCompositeType(type)) total += cost(selection.selectionSet, type, seen);
        } else {
          const name = selection.name.value;
          if (seen.has(name)) continue; // cycles are reported by the standard rules
          const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
          const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
          if (fragment && type && isCompositeType(type)) total += cost(fragment.selectionSet, type, new Set([...seen, name]));
        }
      }
      return total;
    };
    return {
      OperationDefinition(node) {
        const root =
          node.operation === 'query'
            ? schema.getQueryType()
            : node.operation === 'mutation'
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        if (!root) return;
        const total = cost(node.selectionSet, root, new Set());
        if (total > limits.cost) {
          context.reportError(
            limitError(
              'QUERY_TOO_COSTLY',
              `query cost ${total} exceeds the limit of ${limits.cost} (a list's limit argument multiplies what it selects)`,
            ),
          );
        }
      },
    };
  };
}

/** Whether `query` has more than `max` lexical tokens; stops counting at `max + 1` (or at a syntax error, which the parser reports). */
export function tooManyTokens(query: string, max: number): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    for (let n = 0; n <= max; n++) if (lexer.advance().kind === TokenKind.EOF) return false;
    return true;
  } catch {
    return false;
  }
}

/** Refuses `__schema` and `__type` (introspection is off in production unless switched on). */
const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(limitError('INTROSPECTION_DISABLED', 'introspection is disabled on this server'));
    }
  },
});

/**
 * The yoga plugins that refuse abusive documents before any resolver runs: graphql-armor (tokens
 * while parsing, depth, aliases, directives; field suggestions hidden), the list-size cost rule,
 * and — unless allowed — introspection.
 */
export function limitPlugins(limits: GraphqlLimits, options: { introspection: boolean }): Plugin[] {
  const coded = (code: string) => (ctx: ValidationContext | null, error: GraphQLError) => {
    const refusal = limitError(code, error.message.replace(/^Syntax Error: /, ''));
    // While parsing (no validation context) the only way to stop is to throw.
    if (!ctx) throw refusal;
    ctx.reportError(refusal);
  };
  const armor = EnvelopArmorPlugin({
    // Counted before parsing instead (below): armor's token limit throws from inside the parser,
    // which yoga answers with 200 to application/json clients.
    maxTokens: { enabled: false },
    maxDepth: { n: limits.depth, propagateOnRejection: false, onReject: [coded('QUERY_TOO_DEEP')] },
    maxAliases: { n: limits.aliases, propagateOnRejection: false, onReject: [coded('TOO_MANY_ALIASES')] },
    maxDirectives: { n: limits.directives, propagateOnRejection: false, onReject: [coded('TOO_MANY_DIRECTIVES')] },
    // Replaced by the list-size rule below (armor's cost does not read list sizes from arguments).
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const rules: Plugin = {
    onParams({ params, setResult }) {
      if (typeof params.query === 'string' && tooManyTokens(params.query, limits.tokens)) {
        setResult({ errors: [limitError('QUERY_TOO_LONG', `the document has more than ${limits.tokens} tokens`)] });
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(listCostRule(limits));
      if (!options.introspection) addValidationRule(noIntrospectionRule);
    },
  };
  return [armor as Plugin, rules];
}
