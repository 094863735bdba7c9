/**
 * The authorization server behind the SDK's `mcpAuthRouter`: registered clients, `/authorize` (remembers the
 * request under a random single-use state and sends the user to Atlassian), our codes (60 s, single use, PKCE
 * S256 checked by the SDK's token handler against `challengeForAuthorizationCode`), and our tokens (a short-lived
 * JWT bound to this resource, and a rotating refresh token whose reuse revokes its family).
 */
import type { AtlassianOAuthClient } from '@confluence-mcp/confluence-client';
import { InvalidGrantError, InvalidTargetError, InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthorizationParams, OAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthClientInformationFull, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { Response } from 'express';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AccessTokens } from './access-tokens';
import type { Grant, OAuthStore } from './store';

/** How long the user may take at Atlassian's consent screen. */
export const PENDING_TTL_MS = 10 * 60_000;
/** Our authorization codes live 60 s. */
export const CODE_TTL_MS = 60_000;
/** Our refresh tokens live 30 days (each refresh starts a new 30 days). */
export const REFRESH_TTL_MS = 30 * 24 * 3600_000;

/** A random 256-bit token (states, codes, refresh tokens). */
export const randomToken = (): string => randomBytes(32).toString('base64url');

export interface ProviderDeps {
  store: OAuthStore;
  accessTokens: AccessTokens;
  atlassian: AtlassianOAuthClient;
  /** `${MCP_PUBLIC_URL}/mcp` */
  resource: string;
  /** `${MCP_PUBLIC_URL}/oauth/callback`, registered with the Atlassian app. */
  callbackUrl: string;
  /** Asked of Atlassian. */
  scopes: string[];
}

export class AtlassianDelegatingProvider implements OAuthServerProvider {
  readonly clientsStore: OAuthRegisteredClientsStore;

  constructor(private readonly deps: ProviderDeps) {
    this.clientsStore = {
      getClient: async (clientId) => deps.store.client(clientId),
      registerClient: async (client) => {
        deps.store.saveClient(client as OAuthClientInformationFull);
        return client as OAuthClientInformationFull;
      },
    };
  }

  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    this.checkResource(params.resource);
    const state = randomToken();
    this.deps.store.savePending(state, { clientId: client.client_id, redirectUri: params.redirectUri, codeChallenge: params.codeChallenge, state: params.state, scopes: params.scopes ?? [] }, PENDING_TTL_MS);
    res.redirect(302, this.deps.atlassian.authorizationUrl({ redirectUri: this.deps.callbackUrl, state, scopes: this.deps.scopes }));
  }

  async challengeForAuthorizationCode(client: OAuthClientInformationFull, code: string): Promise<string> {
    const challenge = this.deps.store.codeChallenge(code, client.client_id);
    if (!challenge) throw new InvalidGrantError('The authorization code is invalid, expired or already used');
    return challenge;
  }

  async exchangeAuthorizationCode(client: OAuthClientInformationFull, code: string, _verifier?: string, redirectUri?: string, resource?: URL): Promise<OAuthTokens> {
    this.checkResource(resource);
    const issued = this.deps.store.takeCode(code);
    if (!issued || issued.clientId !== client.client_id || issued.expiresAt < Date.now()) throw new InvalidGrantError('The authorization code is invalid, expired or already used');
    if (redirectUri !== undefined && redirectUri !== issued.redirectUri) throw new InvalidGrantError('redirect_uri does not match the authorization request');
    const grant = this.grantOf(issued.grantId);
    const refreshToken = randomToken();
    this.deps.store.saveRefreshToken(refreshToken, { family: randomUUID(), clientId: client.client_id, grantId: grant.id, scopes: issued.scopes }, REFRESH_TTL_MS);
    return this.tokens(grant, client.client_id, issued.scopes, refreshToken);
  }

  async exchangeRefreshToken(client: OAuthClientInformationFull, refreshToken: string, _scopes?: string[], resource?: URL): Promise<OAuthTokens> {
    this.checkResource(resource);
    const next = randomToken();
    const outcome = this.deps.store.rotateRefreshToken(refreshToken, client.client_id, (found) =>
      this.deps.store.saveRefreshToken(next, { family: found.family, clientId: client.client_id, grantId: found.grantId, scopes: found.scopes }, REFRESH_TTL_MS),
    );
    if (!outcome.ok) throw new InvalidGrantError(outcome.reason === 'reused' ? 'The refresh token was already used; every token of this sign-in is revoked' : 'The refresh token is invalid or expired');
    return this.tokens(this.grantOf(outcome.grantId), client.client_id, outcome.scopes, next);
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const claims = await this.deps.accessTokens.verify(token);
    if (!claims) throw new InvalidTokenError('The access token is not valid here');
    return { token, clientId: claims.clientId, scopes: claims.scopes, expiresAt: claims.exp, resource: new URL(this.deps.resource), extra: { accountId: claims.sub } };
  }

  private async tokens(grant: Grant, clientId: string, scopes: string[], refreshToken: string): Promise<OAuthTokens> {
    const access = await this.deps.accessTokens.issue({ sub: grant.accountId, grantId: grant.id, cloudId: grant.cloudId, siteUrl: grant.siteUrl, clientId, scopes });
    return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, refresh_token: refreshToken, ...(scopes.length ? { scope: scopes.join(' ') } : {}) };
  }

  private grantOf(id: string): Grant {
    const grant = this.deps.store.grant(id);
    if (!grant) throw new InvalidGrantError('The sign-in behind this grant no longer exists; sign in again');
    return grant;
  }

  /** RFC 8707: a token may only be asked for this server's resource. */
  private checkResource(resource: URL | undefined): void {
    if (resource && resource.href !== new URL(this.deps.resource).href) throw new InvalidTargetError(`This server issues tokens only for ${this.deps.resource}`);
  }
}
