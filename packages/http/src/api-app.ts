import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { errors } from '@liaison/domain';
import { notFound, onError, requestId, zodProblems } from './errors.ts';
import { apiHeaders, limitBody, once, REST_BODY_LIMIT, storableInput } from './guards.ts';
import type { LogSink } from '@liaison/observe';

/**
 * The common frame of every REST app: validation failures as one 400 naming the fields, the one
 * error shape, request ids, security headers and `Cache-Control: no-store` on every answer, a body
 * limit (413 before the body is read whole), input Postgres cannot store refused with a 400, the
 * bearer security scheme, and the OpenAPI document at `docPath`.
 */
export function createApiApp<E extends Env>(options: {
  docPath: string;
  title: string;
  description?: string;
  log?: LogSink | undefined;
  /** Largest request body accepted (bytes); default {@link REST_BODY_LIMIT}. */
  bodyLimit?: number;
}): OpenAPIHono<E> {
  const app = new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) throw errors.validation(zodProblems(result.error, result.target === 'json' ? '' : result.target));
    },
  });
  app.onError(onError(options.log));
  app.notFound(notFound);
  app.use('*', requestId);
  // Scoped to /v1/* (every REST route), so that, mounted beside the gateway and the pages, the REST
  // frame does not apply to them; `once` keeps four mounted REST apps from running it four times.
  app.use('/v1/*', once('rest-frame', [...apiHeaders(), limitBody(options.bodyLimit ?? REST_BODY_LIMIT), storableInput]));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'Liaison API token (lia_…)',
  });
  app.doc31(options.docPath, {
    openapi: '3.1.0',
    info: { title: options.title, version: '1.0.0', ...(options.description ? { description: options.description } : {}) },
  });
  return app;
}
