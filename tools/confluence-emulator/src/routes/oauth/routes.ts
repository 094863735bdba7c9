/** Routes of the OAuth server, `/_edge/tenant_info`, and the attachment media redirect target. */
import type { FastifyInstance } from 'fastify';
import { RouteDeps } from '../../http/context';
import { OAuthError, OAuthServer } from './oauth-server';

const PUBLIC = { config: { auth: false } };

export function registerOAuthRoutes(app: FastifyInstance, deps: RouteDeps, oauth: OAuthServer): void {
  const origin = (host: string | undefined) => `http://${host ?? 'localhost'}`;

  app.get('/authorize', PUBLIC, async (request, reply) => {
    try {
      return reply.redirect(oauth.authorize(request.query as Record<string, string>), 302);
    } catch (error) {
      return oauthError(reply, error);
    }
  });

  app.post('/oauth/token', PUBLIC, async (request, reply) => {
    try {
      return oauth.exchange((request.body ?? {}) as Record<string, unknown>);
    } catch (error) {
      return oauthError(reply, error);
    }
  });

  app.get('/oauth/token/accessible-resources', PUBLIC, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const resources = header.toLowerCase().startsWith('bearer ') ? oauth.accessibleResources(header.slice(7).trim(), `${origin(request.headers.host)}`) : undefined;
    if (!resources) return reply.code(401).send({ code: 401, message: 'Unauthorized' });
    return resources;
  });

  if (deps.options.flavor === 'cloud') {
    app.get('/_edge/tenant_info', PUBLIC, async () => ({ cloudId: deps.store.world.cloudId }));
  }
}

function oauthError(reply: import('fastify').FastifyReply, error: unknown) {
  if (error instanceof OAuthError) return reply.code(error.status).send({ error: error.error, error_description: error.description });
  throw error;
}
