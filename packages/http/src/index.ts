export { type AuthVariables, authenticate, bearerToken, requireMemberBody, requireRole } from './auth.ts';
export { AppError, errors, type FieldProblem, notFound, onError, type RequestIdVariables, requestId, zodProblems } from './errors.ts';
export { createApiApp } from './api-app.ts';
