/**
 * The Confluence connection of the token's user, by OAuth 2.0 (3LO): `connect` gives the consent URL with a state
 * bound to the user; Atlassian sends the browser to `callback` (no bearer token there: the single-use state names
 * the user), which exchanges the code, finds the site (cloudId) and stores the tokens encrypted.
 */
import { OAuthClientError, OAuthGrantError, OAuthTokenRejectedError } from '@confluence-mcp/confluence-client';
import type { ConnectionRecord } from '@confluence-mcp/sync-engine';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiDeps, OAUTH_CONNECTION_NAME, OAUTH_STATE_TTL_MS } from '../context';
import { ApiError, ErrorBody } from '../errors';
import { sendCallbackPage, wantsHtml } from '../callback-page';
import { CallbackQuery, ConnectBody, ConnectionStatus } from '../schemas';
import { BEARER, authenticator, userOf } from './auth';

/** The path Atlassian redirects to; register `${PUBLIC_URL}${CALLBACK_PATH}` as the app's callback URL. */
export const CALLBACK_PATH = '/api/confluence/callback';

/** The user's OAuth connection, if any. */
export async function oauthConnectionOf(deps: ApiDeps, userId: string): Promise<ConnectionRecord | undefined> {
  return (await deps.store.listConnections(userId)).find((connection) => connection.authKind === 'oauth');
}

export function registerConfluenceRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const authenticate = authenticator(deps);
  const redirectUri = () => `${deps.publicUrl()}${CALLBACK_PATH}`;
  const oauthApp = () => {
    if (!deps.oauth) throw new ApiError(503, 'oauth_not_configured', 'Confluence OAuth is not configured on this server (CONFLUENCE_CLIENT_ID and CONFLUENCE_CLIENT_SECRET)');
    return deps.oauth;
  };

  app.get(
    '/api/confluence/connect',
    {
      preHandler: authenticate,
      schema: {
        tags: ['confluence'],
        summary: 'Start connecting Confluence',
        description: "The Atlassian consent URL to send the user's browser to. Its `state` is random, bound to this user, single-use and valid 10 minutes.",
        security: BEARER,
        response: { 200: ConnectBody, 401: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const oauth = oauthApp();
      const state = await deps.store.createOAuthState({ userId: userOf(request), ttlMs: OAUTH_STATE_TTL_MS });
      return { authorization_url: oauth.client.authorizationUrl({ redirectUri: redirectUri(), state, scopes: oauth.scopes }) };
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      schema: {
        tags: ['confluence'],
        summary: 'OAuth callback (Atlassian redirects the browser here)',
        description:
          'Exchanges the code, reads the site (cloudId) from accessible-resources and stores the tokens encrypted. 400 for an unknown, used or expired state, or a refused code. A browser (Accept: text/html) gets the same outcome as a short HTML page instead of JSON.',
        querystring: CallbackQuery,
        response: { 200: ConnectionStatus, 400: ErrorBody, 422: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      try {
        const status = await callback(request.query, request);
        if (!wantsHtml(request)) return status;
        return sendCallbackPage(reply, 200, { ok: true, heading: 'Confluence connected', message: `This account now syncs from ${status.site_url ?? 'Confluence'}. You can close this tab.` });
      } catch (error) {
        if (!(error instanceof ApiError) || !wantsHtml(request)) throw error;
        return sendCallbackPage(reply, error.status, { ok: false, heading: 'Confluence was not connected', message: `${error.message}.` });
      }
    },
  );

  /** The callback's work: consume the state, exchange the code, store the connection; throws `ApiError`. */
  async function callback(query: z.infer<typeof CallbackQuery>, request: FastifyRequest) {
      const oauth = oauthApp();
      const { code, state, error } = query;
      // Consumed first, whatever follows: a state is good for one attempt only.
      const userId = await deps.store.consumeOAuthState(state);
      if (!userId) throw new ApiError(400, 'invalid_state', 'the state is unknown, already used or expired: start again with GET /api/confluence/connect');
      request.logger = request.logger.child({ user_id: userId });
      if (error !== undefined || !code) throw new ApiError(400, 'access_denied', 'Confluence access was not granted');
      const tokens = await atlassian(() => oauth.client.exchangeCode({ code, redirectUri: redirectUri() }));
      const sites = await atlassian(() => oauth.client.accessibleResources(tokens.accessToken));
      const site = sites[0];
      if (!site) throw new ApiError(400, 'no_site', 'the grant reaches no Confluence site');
      for (const existing of await deps.store.listConnections(userId)) await deps.store.deleteConnection(existing.id);
      const connection = await deps.store.createConnection({
        userId,
        name: OAUTH_CONNECTION_NAME,
        siteUrl: site.url.replace(/\/+$/, ''),
        flavor: 'cloud',
        authKind: 'oauth',
        credentials: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? '', expiresAt: String(tokens.expiresAt), cloudId: site.cloudId, scopes: tokens.scopes.join(' ') },
        tokenExpiresAt: tokens.expiresAt,
      });
      // Indexes made with an earlier connection follow the new one.
      for (const index of await deps.store.listIndexes({ ownerId: userId })) {
        if (index.connectionId !== connection.id && index.siteUrl === connection.siteUrl) await deps.store.updateIndex(index.id, { connectionId: connection.id });
      }
      request.logger.info('confluence connected', { site_url: connection.siteUrl });
      return statusOf(connection, { cloudId: site.cloudId, scopes: tokens.scopes.join(' ') }, deps);
  }

  app.get(
    '/api/confluence/status',
    {
      preHandler: authenticate,
      schema: { tags: ['confluence'], summary: 'The Confluence connection', security: BEARER, response: { 200: ConnectionStatus, 401: ErrorBody } },
    },
    async (request) => {
      const connection = await oauthConnectionOf(deps, userOf(request));
      if (!connection) return statusOf(undefined, undefined, deps);
      return statusOf(connection, await deps.store.connectionCredentials(connection.id), deps);
    },
  );

  app.delete(
    '/api/confluence/disconnect',
    {
      preHandler: authenticate,
      schema: {
        tags: ['confluence'],
        summary: 'Forget the Confluence connection',
        description: 'Deletes the stored tokens. Indexes stay; their syncs fail until Confluence is connected again (or use the server-wide credentials, when it has some).',
        security: BEARER,
        response: { 204: z.null().describe('Disconnected (also when there was no connection)'), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      for (const connection of await deps.store.listConnections(userOf(request))) await deps.store.deleteConnection(connection.id);
      request.logger.info('confluence disconnected', {});
      return reply.status(204).send(null);
    },
  );
}

function statusOf(connection: ConnectionRecord | undefined, credentials: Record<string, string> | undefined, deps: ApiDeps): z.infer<typeof ConnectionStatus> {
  if (!connection) {
    const environment = deps.environmentSiteUrl;
    return { connected: false, source: environment ? 'environment' : null, site_url: environment ?? null, cloud_id: null, scopes: [], expires_at: null, connected_at: null };
  }
  return {
    connected: true,
    source: 'oauth',
    site_url: connection.siteUrl,
    cloud_id: credentials?.['cloudId'] || null,
    scopes: (credentials?.['scopes'] ?? '').split(/\s+/).filter(Boolean),
    expires_at: connection.tokenExpiresAt === null ? null : new Date(connection.tokenExpiresAt).toISOString(),
    connected_at: new Date(connection.createdAt).toISOString(),
  };
}

/** Atlassian's refusals as 400 (the user's grant) or 502 (Atlassian or this app's registration). */
async function atlassian<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof OAuthGrantError || error instanceof OAuthTokenRejectedError) throw new ApiError(400, 'invalid_grant', 'Atlassian refused the authorization code: start again with GET /api/confluence/connect');
    if (error instanceof OAuthClientError) throw new ApiError(502, 'oauth_misconfigured', "Atlassian refused this server's client id or secret");
    throw new ApiError(502, 'atlassian_unavailable', 'Atlassian could not be reached; try again');
  }
}
