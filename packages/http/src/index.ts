export { type AuthVariables, authenticate, bearerToken, requireMemberBody, requireRole, vouchFor } from './auth.ts';
export { AppError, errorResponse, errors, type FieldProblem, notFound, onError, type RequestIdVariables, requestId, zodProblems } from './errors.ts';
export { apiHeaders, limitBody, once, pastTimestamp, REST_BODY_LIMIT, storableInput, TIMESTAMP_BOUNDS, unstorable, unstorableFields } from './guards.ts';
export { createApiApp } from './api-app.ts';
export { edge, type EdgeOptions } from './edge.ts';
export { IDEMPOTENCY_TTL_MS, idempotency, idempotencyMigrations } from './idempotency.ts';
export { AuthThrottle, type AuthThrottleOptions, clientAddress, throttleAuth } from './throttle.ts';
