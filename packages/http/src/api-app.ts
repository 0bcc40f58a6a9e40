import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { errors, notFound, onError, requestId, zodProblems } from './errors.ts';

/**
 * The common frame of every REST app: validation failures as one 400 naming the fields, the one
 * error shape, request ids, the bearer security scheme, and the OpenAPI document at `docPath`.
 */
export function createApiApp<E extends Env>(options: {
  docPath: string;
  title: string;
  description?: string;
  log?: ((message: string) => void) | undefined;
}): OpenAPIHono<E> {
  const app = new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) throw errors.validation(zodProblems(result.error, result.target === 'json' ? '' : result.target));
    },
  });
  app.onError(onError(options.log));
  app.notFound(notFound);
  app.use('*', requestId);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'Liaison API token (lia_…)' });
  app.doc31(options.docPath, {
    openapi: '3.1.0',
    info: { title: options.title, version: '1.0.0', ...(options.description ? { description: options.description } : {}) },
  });
  return app;
}
