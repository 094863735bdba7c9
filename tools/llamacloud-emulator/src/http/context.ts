/** What every route handler gets, typed once, and the one way routes are registered. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Store } from '../store/store';

export type Query = Record<string, string | string[] | undefined>;

export interface RouteDeps {
  store: Store;
}

export interface Handled {
  request: FastifyRequest;
  reply: FastifyReply;
  query: Query;
  params: Record<string, string>;
  body: unknown;
}

/**
 * Register `method url` (fastify syntax, `:pipeline_id`). The handler returns the JSON body; a route that answers
 * 204 sets the status itself and returns `undefined`.
 */
export function route(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  handler: (ctx: Handled) => unknown,
): void {
  app.route({
    method,
    url,
    handler: async (request, reply) => {
      const result = handler({ request, reply, query: request.query as Query, params: request.params as Record<string, string>, body: request.body });
      if (result === undefined) return reply.send();
      return reply.type('application/json').send(JSON.stringify(result));
    },
  });
}
