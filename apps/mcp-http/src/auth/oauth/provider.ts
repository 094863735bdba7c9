/**
 * The authorization server behind the SDK's `mcpAuthRouter`: registered clients, `/authorize` (remembers the
 * request under a random single-use state and sends the user to Atlassian), our codes (60 s, single use, burned by
 * any attempt; PKCE S256 checked here after the code is burned, not by the SDK before; a replayed code revokes what
 * it issued), our tokens (a short-lived JWT bound to this resource, and a rotating refresh token whose reuse revokes
 * its family), and `/revoke` (RFC 7009).
 */
import type { AtlassianOAuthClient } from '@confluence-mcp/confluence-client';
import { InvalidGrantError, InvalidTargetError, InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthorizationParams, OAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthClientInformationFull, OAuthTokenRevocationRequest, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { Response } from 'express';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AccessTokens } from './access-tokens';
import { verifiesS256 } from './pkce';
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
  /** We check PKCE ourselves, after the code is burned: the SDK's check comes first and leaves a code guessable. */
  readonly skipLocalPkceValidation = true;

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

  async exchangeAuthorizationCode(client: OAuthClientInformationFull, code: string, verifier?: string, redirectUri?: string, resource?: URL): Promise<OAuthTokens> {
    this.checkResource(resource);
    const refreshToken = randomToken();
    const outcome = this.deps.store.redeemCode(
      code,
      (stored) => stored.clientId === client.client_id && (redirectUri === undefined || redirectUri === stored.redirectUri) && verifiesS256(verifier, stored.codeChallenge),
      (issued) => {
        const family = randomUUID();
        this.deps.store.saveRefreshToken(refreshToken, { family, clientId: client.client_id, grantId: issued.grantId, scopes: issued.scopes }, REFRESH_TTL_MS);
        return family;
      },
    );
    // One message whatever failed (wrong verifier, client or redirect URI): the code is gone either way.
    if (!outcome.ok) throw new InvalidGrantError(outcome.reason === 'reused' ? 'The authorization code was already used; the tokens it issued are revoked' : 'The authorization code is invalid, expired or already used, or the code_verifier or redirect_uri does not match');
    return this.tokens(this.grantOf(outcome.issued.grantId), client.client_id, outcome.issued.scopes, refreshToken, outcome.family);
  }

  async exchangeRefreshToken(client: OAuthClientInformationFull, refreshToken: string, _scopes?: string[], resource?: URL): Promise<OAuthTokens> {
    this.checkResource(resource);
    const next = randomToken();
    const outcome = this.deps.store.rotateRefreshToken(refreshToken, client.client_id, (found) =>
      this.deps.store.saveRefreshToken(next, { family: found.family, clientId: client.client_id, grantId: found.grantId, scopes: found.scopes }, REFRESH_TTL_MS),
    );
    if (!outcome.ok) throw new InvalidGrantError(outcome.reason === 'reused' ? 'The refresh token was already used; every token of this sign-in is revoked' : 'The refresh token is invalid or expired');
    return this.tokens(this.grantOf(outcome.grantId), client.client_id, outcome.scopes, next, outcome.family);
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const claims = await this.deps.accessTokens.verify(token);
    if (!claims) throw new InvalidTokenError('The access token is not valid here');
    return { token, clientId: claims.clientId, scopes: claims.scopes, expiresAt: claims.exp, resource: new URL(this.deps.resource), extra: { accountId: claims.sub } };
  }

  /**
   * RFC 7009. A refresh token of ours revokes its whole family (and the sign-in's Atlassian grant); an access token
   * of ours revokes the family it was issued with, so no new access token can be minted from that sign-in. The
   * access token itself stays valid until it expires (15 min by default): it is checked without a database read,
   * and a deny-list would put a read (or a cache kept in step across instances) on every request. A token that is
   * unknown, expired, or another client's is left alone and the answer is 200 all the same, as RFC 7009 §2.2 says.
   */
  async revokeToken(client: OAuthClientInformationFull, request: OAuthTokenRevocationRequest): Promise<void> {
    // The hint is only a hint (§2.1): an access token of ours is a JWT that verifies, anything else may be a refresh token.
    const claims = await this.deps.accessTokens.verify(request.token);
    if (claims) {
      if (claims.family && claims.clientId === client.client_id) this.deps.store.revokeFamily(claims.family, client.client_id);
      return;
    }
    this.deps.store.revokeRefreshToken(request.token, client.client_id);
  }

  private async tokens(grant: Grant, clientId: string, scopes: string[], refreshToken: string, family: string): Promise<OAuthTokens> {
    const access = await this.deps.accessTokens.issue({ sub: grant.accountId, grantId: grant.id, cloudId: grant.cloudId, siteUrl: grant.siteUrl, clientId, scopes, family });
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
