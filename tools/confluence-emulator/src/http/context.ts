/** What every route handler gets: the store, options and the caller, typed once. */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { ResolvedOptions } from '../options';
import { Store } from '../store/store';
import { Caller } from './auth';
import { ApiGeneration } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    generation?: ApiGeneration;
    /** Routes of the OAuth server and tenant info are public. @default true */
    auth?: boolean;
  }
}

export interface RouteDeps {
  store: Store;
  options: ResolvedOptions;
}

export type Query = Record<string, string | string[] | undefined>;
export type Params = Record<string, string>;

export interface Handled {
  request: FastifyRequest;
  reply: FastifyReply;
  caller: Caller;
  query: Query;
  params: Params;
  body: unknown;
  /** Site base for `_links.base`, e.g. `http://127.0.0.1:8090/wiki` (Cloud) or `http://127.0.0.1:8090` (DC). */
  base: string;
}

/**
 * Register `method path` under each prefix, for one API generation. Handlers return the JSON body (or set the
 * reply themselves and return `undefined`).
 */
export function route(
  app: FastifyInstance,
  prefixes: string[],
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  generation: ApiGeneration,
  handler: (ctx: Handled) => unknown | Promise<unknown>,
  extra: RouteShorthandOptions = {},
): void {
  for (const prefix of prefixes) {
    app.route({
      ...extra,
      method,
      url: prefix + path,
      config: { generation, auth: true },
      handler: async (request, reply) => {
        const result = await handler({
          request,
          reply,
          caller: request.caller as Caller,
          query: request.query as Query,
          params: request.params as Params,
          body: request.body,
          base: siteBase(request),
        });
        return result;
      },
    });
  }
}

export function siteBase(request: FastifyRequest): string {
  const origin = `http://${request.headers.host ?? 'localhost'}`;
  return request.url.includes('/wiki/') || request.url.startsWith('/wiki') ? `${origin}/wiki` : origin;
}

/** First value of a query parameter that may be repeated. */
export function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** All values of a repeated or comma-separated parameter (`id=1&id=2` or `keys=A,B`). */
export function many(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
