/**
 * Cloud sites where v1 content endpoints were removed answer them with 410 Gone (the v1 envelope, and the
 * deprecation `Warning` header Cloud sends on v1), pointing callers to REST v2. Search, attachments, labels,
 * users and spaces stay.
 */
import type { FastifyInstance } from 'fastify';
import { route } from '../../http/context';
import { HttpError } from '../../http/errors';

/** The message of the 410 answers. */
export const GONE_MESSAGE = 'This API has been removed. Use /wiki/api/v2 instead.';

const gone = (): never => {
  throw new HttpError(410, GONE_MESSAGE, 'GONE', { warning: '299 - "Deprecated API"' });
};

/** Register the removed v1 content routes (Cloud) as 410 Gone. */
export function registerGone(app: FastifyInstance, prefixes: string[]): void {
  route(app, prefixes, 'GET', '/content', 'v1-cloud', gone);
  route(app, prefixes, 'POST', '/content', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/content/:id', 'v1-cloud', gone);
  route(app, prefixes, 'PUT', '/content/:id', 'v1-cloud', gone);
  route(app, prefixes, 'DELETE', '/content/:id', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/content/:id/child', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/content/:id/child/:type', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/content/:id/descendant', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/content/:id/descendant/:type', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/content/:id/history', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/content/:id/version', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/content/:id/version/:number', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/space/:spaceKey/content', 'v1-cloud', gone);
  route(app, prefixes, 'GET', '/space/:spaceKey/content/:type', 'v1-cloud', gone);
}
