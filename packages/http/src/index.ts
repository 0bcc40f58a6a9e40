export { type AuthVariables, authenticate, bearerToken, jsonAnswer, readAnswer, vouchFor } from './auth.ts';
// The domain's errors and permission checks, for the HTTP layer's own refusals (edge guards, auth).
export { DomainError, errors, type FieldProblem, requireMemberBody, requireRole } from '@liaison/domain';
export { errorResponse, notFound, onError, type RequestIdVariables, requestId, statusOfKind, zodProblems } from './errors.ts';
export {
  apiHeaders,
  limitBody,
  once,
  pastTimestamp,
  REST_BODY_LIMIT,
  storableInput,
  TIMESTAMP_BOUNDS,
  unstorable,
  unstorableFields,
} from './guards.ts';
export { createApiApp } from './api-app.ts';
export { edge, type EdgeOptions } from './edge.ts';
export { IDEMPOTENCY_TTL_MS, idempotency, idempotencyMigrations } from './idempotency.ts';
export { AuthThrottle, type AuthThrottleOptions, clientAddress, throttleAuth } from './throttle.ts';
