/**
 * The sync service's HTTP API: Fastify with zod on every route (`fastify-type-provider-zod`), the OpenAPI document
 * generated from those schemas at `/openapi.json`, and a docs page at `/docs` (Scalar, served from the bundle: no
 * CDN). Logs go through the app's logger with a request id and, once known, the user id; never a header, query
 * string or body (they carry tokens, OAuth codes and passwords).
 */
import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import scalarApiReference from '@scalar/fastify-api-reference';
import type { Logger } from '@confluence-mcp/logging';
import Fastify, { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ApiDeps } from './context';
import { ApiError, errorReply } from './errors';
import { registerAuthRoutes } from './routes/auth';
import { registerConfluenceRoutes } from './routes/confluence';
import { registerHealthRoutes } from './routes/health';
import { registerIndexRoutes } from './routes/indexes';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's logger: every line carries `request_id` (and `user_id` once authenticated). */
    logger: Logger;
    /** The authenticated user (set by `authenticate`). */
    userId?: string;
  }
}

/** API version shown in the OpenAPI document. */
export const API_VERSION = '1.0.0';
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Builds the app (not listening yet). */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    forceCloseConnections: true,
    // A proxy's request id is kept when it looks like one; otherwise ours.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('logger', null as unknown as Logger);
  app.decorateRequest('userId', undefined);

  app.addHook('onRequest', async (request, reply) => {
    request.logger = deps.logger.child({ request_id: request.id });
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0];
    request.logger.info('request', { method: request.method, path, route: request.routeOptions.url, status: reply.statusCode, duration_ms: Math.round(reply.elapsedTime) });
  });
  app.setErrorHandler((error, request, reply) => errorReply(error instanceof Error ? error : new Error(String(error)), request, reply));
  app.setNotFoundHandler((request, reply) => errorReply(new ApiError(404, 'not_found', 'no such route'), request, reply));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Confluence sync service',
        version: API_VERSION,
        description:
          'Register, connect Confluence (OAuth 2.0 3LO), define indexes over spaces, sync them on demand or on a schedule, read the history of every run and search what was synced. Every resource belongs to the user of the bearer token.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      tags: [
        { name: 'auth', description: 'Accounts and access tokens' },
        { name: 'confluence', description: 'The Confluence connection (OAuth 2.0 3LO)' },
        { name: 'indexes', description: 'Indexes, syncs, history, search' },
        { name: 'service', description: 'Health' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(scalarApiReference, { routePrefix: '/docs', configuration: { url: '/openapi.json', title: 'Confluence sync service API' } });

  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerConfluenceRoutes(app, deps);
  registerIndexRoutes(app, deps);
  return app;
}
