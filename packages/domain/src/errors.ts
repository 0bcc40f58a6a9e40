/**
 * The errors domain functions throw. They say what went wrong in the domain's terms — a kind, a
 * stable code, a message for people and details for programs — and know nothing of HTTP: the HTTP
 * layer (`@liaison/http`) maps each kind to a status, the GraphQL gateway to an error code.
 */

/** What sort of failure this is; the HTTP layer maps each to one status. */
export type DomainErrorKind =
  | 'invalid' // the input is wrong (400)
  | 'unauthenticated' // no valid credentials (401)
  | 'forbidden' // the caller may not do this (403)
  | 'not_found' // no such thing, or not the caller's to see (404)
  | 'conflict' // the thing's state does not allow it now (409)
  | 'gone' // it existed and was removed on purpose (410)
  | 'too_large' // the input is larger than allowed (413)
  | 'unprocessable' // well-formed but cannot be carried out (422)
  | 'too_many' // the caller must slow down (429)
  | 'unavailable'; // a service this needs did not answer (503)

/** One field-level problem: which field (dotted path), and what was wrong. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The common errors, with their codes. Anything more particular is `new DomainError(code, kind, …)`. */
export const errors = {
  validation: (problems: FieldProblem[]) =>
    new DomainError('VALIDATION_FAILED', 'invalid', `invalid input: ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`, {
      problems,
    }),
  unauthenticated: () =>
    new DomainError('UNAUTHENTICATED', 'unauthenticated', 'a valid bearer token is required (Authorization: Bearer lia_…)'),
  forbidden: (why: string) => new DomainError('FORBIDDEN', 'forbidden', why),
  notFound: (what: string) => new DomainError('NOT_FOUND', 'not_found', `${what} not found`),
  conflict: (why: string, details?: unknown) => new DomainError('CONFLICT', 'conflict', why, details),
  tooLarge: (limit: number) =>
    new DomainError('PAYLOAD_TOO_LARGE', 'too_large', `request body larger than ${limit} bytes`, { limitBytes: limit }),
  unprocessable: (why: string) => new DomainError('UNPROCESSABLE', 'unprocessable', why),
  tooManyRequests: (retryAfterSeconds: number) =>
    new DomainError('TOO_MANY_REQUESTS', 'too_many', `too many failed authentications; retry after ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    }),
};

/** Who is acting, as far as the permission checks need to know. */
export interface ActingBody {
  role: string;
  agency: string;
  agencyRoles: readonly string[];
}

/** Refuses actors whose role is not among `allowed`. */
export function requireRole(actor: ActingBody, allowed: readonly string[], what: string): void {
  if (!allowed.includes(actor.role)) throw errors.forbidden(`role ${actor.role} may not ${what} (allowed: ${allowed.join(', ')})`);
}

/** Refuses actors whose body is not a council member (observers see statistics only). */
export function requireMemberBody(actor: ActingBody, what: string): void {
  if (!actor.agencyRoles.includes('member')) throw errors.forbidden(`body ${actor.agency} is not a council member and may not ${what}`);
}
