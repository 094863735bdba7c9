/**
 * Mode 3, MCP OAuth (MCP authorization spec 2025-06-18): this server is an OAuth 2.1 resource server and its own
 * authorization server, delegating the user's sign-in to Atlassian 3LO. The SDK's `mcpAuthRouter` (mounted on a
 * small express app, only for this mode's paths) serves RFC 8414 metadata, RFC 7591 registration, `/authorize`
 * (PKCE S256 only), `/token` and `/revoke` (RFC 7009); RFC 9728 metadata is served at
 * `/.well-known/oauth-protected-resource` and its `/mcp`-suffixed form. Each caller acts in Confluence as
 * themselves, through the gateway, with their own Atlassian tokens, which never leave the server (no token
 * passthrough). A sweep clears expired and abandoned rows from the store while the mode runs.
 */
import { createAtlassianOAuthClient, createConfluenceClient, createSecretBox } from '@confluence-mcp/confluence-client';
import type { Logger } from '@confluence-mcp/logging';
import { metadataHandler } from '@modelcontextprotocol/sdk/server/auth/handlers/metadata.js';
import { createOAuthMetadata, mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OAuthModeConfig } from '../../config';
import { AuthOutcome, Authenticator, bearerChallenge, credentialsOf } from '../authenticator';
import { AccessTokens } from './access-tokens';
import { callbackHandler } from './callback';
import { GrantTokens } from './grant-tokens';
import { AtlassianDelegatingProvider } from './provider';
import { OAuthStore } from './store';
import { startSweeper } from './sweeper';

export interface OAuthAuthenticatorDeps {
  userAgent: string;
  logger: Logger;
}

const PRM_PATH = '/.well-known/oauth-protected-resource';
const CALLBACK_PATH = '/oauth/callback';
/** The only paths handed to express: everything else stays on the plain node:http path. */
const OWN_PATHS = new Set([PRM_PATH, `${PRM_PATH}/mcp`, '/.well-known/oauth-authorization-server', '/authorize', '/token', '/register', '/revoke', CALLBACK_PATH]);

/**
 * The MCP OAuth mode.
 *
 * @example
 * const auth = oauthAuthenticator(config.auth.oauth, { userAgent: 'confluence-mcp/0.1.0', logger });
 */
export function oauthAuthenticator(config: OAuthModeConfig, deps: OAuthAuthenticatorDeps): Authenticator {
  const { publicUrl } = config;
  const resource = `${publicUrl}/mcp`;
  const callbackUrl = `${publicUrl}${CALLBACK_PATH}`;
  const store = new OAuthStore(config.databasePath, createSecretBox(config.secretKey));
  const atlassian = createAtlassianOAuthClient({ clientId: config.clientId, clientSecret: config.clientSecret, authUrl: config.authUrl, apiUrl: config.apiUrl, timeoutMs: config.timeoutMs });
  const accessTokens = new AccessTokens(config.secretKey, publicUrl, resource, config.accessTokenTtlSeconds);
  const provider = new AtlassianDelegatingProvider({ store, accessTokens, atlassian, resource, callbackUrl, scopes: config.scopes });
  const grants = new GrantTokens(store, atlassian);
  const stopSweeping = startSweeper(store, deps.logger);

  const app = express();
  app.disable('x-powered-by');
  // The SDK's per-IP limits would count every user as one behind a load balancer; /mcp has the per-identity limit.
  const noLimit = { rateLimit: false as const };
  const issuerUrl = new URL(publicUrl);
  const metadata = createOAuthMetadata({ provider, issuerUrl });
  app.use(PRM_PATH, metadataHandler({ resource, authorization_servers: [metadata.issuer], bearer_methods_supported: ['header'], resource_name: 'Confluence MCP' }));
  app.get(CALLBACK_PATH, callbackHandler({ store, atlassian, callbackUrl, apiUrl: config.apiUrl, siteUrl: config.siteUrl, timeoutMs: config.timeoutMs, userAgent: deps.userAgent, log: deps.logger }));
  app.use(mcpAuthRouter({ provider, issuerUrl, resourceServerUrl: new URL(resource), resourceName: 'Confluence MCP', authorizationOptions: noLimit, tokenOptions: noLimit, clientRegistrationOptions: noLimit, revocationOptions: noLimit }));

  const challengeParams = { resource_metadata: `${publicUrl}${PRM_PATH}` };
  return {
    mode: 'oauth',
    async authenticate(req: IncomingMessage): Promise<AuthOutcome> {
      const credentials = credentialsOf(req.headers.authorization);
      if (!credentials) return { ok: false, status: 401, message: 'Unauthorized: sign in with OAuth (this server’s metadata is in the WWW-Authenticate header)' };
      const token = credentials.scheme === 'bearer' ? credentials.token : undefined;
      const claims = token ? await accessTokens.verify(token) : undefined;
      if (!token || !claims) return { ok: false, status: 401, message: 'Unauthorized: the access token is not valid here (expired, or not issued by this server)', error: 'invalid_token' };
      const client = createConfluenceClient({
        baseUrl: `${claims.siteUrl}/wiki`,
        flavor: 'cloud',
        gatewayUrl: config.apiUrl,
        // The grant's token source is looked up on the first Confluence call, not here: checking a token reads nothing.
        auth: { type: 'oauth', cloudId: claims.cloudId, getAccessToken: (options) => grants.source(claims.grantId).getAccessToken(options) },
        timeoutMs: config.timeoutMs,
        userAgent: deps.userAgent,
        logger: deps.logger,
      });
      const identity = `oauth:${claims.sub}`;
      const authInfo = { token, clientId: claims.clientId, scopes: claims.scopes, expiresAt: claims.exp, resource: new URL(resource), extra: { accountId: claims.sub } };
      return { ok: true, caller: { identity, site: new URL(claims.siteUrl).host, rateKey: identity, client, shared: false, authInfo } };
    },
    challenge: (refusal) => bearerChallenge(refusal, challengeParams),
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const path = (req.url ?? '/').split('?')[0];
      if (!OWN_PATHS.has(path)) return false;
      await new Promise<void>((resolve) => {
        res.once('close', resolve);
        app(req as express.Request, res as express.Response, () => {
          // Reached only when no handler answered (a method the route does not take).
          if (!res.headersSent) res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'Not Found' }));
        });
      });
      return true;
    },
    async close() {
      stopSweeping();
      store.close();
    },
  };
}
