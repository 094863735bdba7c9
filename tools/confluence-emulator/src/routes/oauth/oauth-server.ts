/**
 * A fake Atlassian OAuth 2.0 (3LO) authorization server. Refresh tokens rotate: each refresh returns a new one,
 * and presenting an already-rotated token revokes the whole family (every token descended from the same
 * consent), as Atlassian does, so clients that do not store the new refresh token atomically are caught.
 */
import { randomBytes } from 'node:crypto';
import { User } from '../../model';
import { ResolvedOptions } from '../../options';
import { Store } from '../../store/store';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

interface Grant {
  family: string;
  accountId: string;
  clientId: string;
  scope: string;
}

interface AccessToken extends Grant {
  expiresAt: number;
}

export class OAuthError extends Error {
  constructor(readonly status: number, readonly error: string, readonly description: string) {
    super(description);
  }
}

export class OAuthServer {
  readonly clients = new Map<string, OAuthClient>();
  private readonly codes = new Map<string, Grant & { redirectUri: string; expiresAt: number }>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, Grant & { rotated: boolean }>();
  private readonly revokedFamilies = new Set<string>();
  approveAccountId: string;

  constructor(private readonly store: Store, private readonly options: ResolvedOptions) {
    this.clients.set('emulator-client', { clientId: 'emulator-client', clientSecret: 'emulator-secret', redirectUris: [] });
    this.approveAccountId = options.oauthApproveAccountId ?? [...store.world.users.keys()][0];
  }

  /** The consent screen, approved at once for the configured user. Returns the redirect location. */
  authorize(query: Record<string, string | undefined>): string {
    const client = this.clients.get(query.client_id ?? '');
    if (query.audience !== 'api.atlassian.com') throw new OAuthError(400, 'invalid_request', "Parameter 'audience' must be api.atlassian.com");
    if (!client) throw new OAuthError(400, 'invalid_client', "Unknown 'client_id'");
    if (query.response_type !== 'code') throw new OAuthError(400, 'unsupported_response_type', "Parameter 'response_type' must be code");
    const redirectUri = query.redirect_uri ?? '';
    if (!/^https?:\/\//.test(redirectUri) || (client.redirectUris.length > 0 && !client.redirectUris.includes(redirectUri))) {
      throw new OAuthError(400, 'invalid_request', "Parameter 'redirect_uri' is not registered for this client");
    }
    const code = token('code');
    this.codes.set(code, {
      family: token('fam'),
      accountId: this.approveAccountId,
      clientId: client.clientId,
      scope: query.scope ?? '',
      redirectUri,
      expiresAt: this.now() + 10 * 60_000,
    });
    const location = new URL(redirectUri);
    location.searchParams.set('code', code);
    if (query.state !== undefined) location.searchParams.set('state', query.state);
    return location.toString();
  }

  /** `POST /oauth/token`. */
  exchange(body: Record<string, unknown>) {
    const client = this.clients.get(String(body.client_id ?? ''));
    if (!client || client.clientSecret !== body.client_secret) throw new OAuthError(401, 'access_denied', 'Unauthorized');
    if (body.grant_type === 'authorization_code') {
      const code = this.codes.get(String(body.code ?? ''));
      this.codes.delete(String(body.code ?? ''));
      if (!code || code.clientId !== client.clientId || code.expiresAt < this.now()) throw new OAuthError(403, 'invalid_grant', 'Invalid authorization code');
      if (code.redirectUri !== body.redirect_uri) throw new OAuthError(403, 'invalid_grant', "'redirect_uri' does not match the authorization request");
      return this.issue(code);
    }
    if (body.grant_type === 'refresh_token') {
      const presented = String(body.refresh_token ?? '');
      const grant = this.refreshTokens.get(presented);
      if (!grant || grant.clientId !== client.clientId || this.revokedFamilies.has(grant.family)) {
        throw new OAuthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
      }
      if (grant.rotated) {
        this.revokeFamily(grant.family);
        throw new OAuthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
      }
      grant.rotated = true;
      return this.issue(grant);
    }
    throw new OAuthError(400, 'unsupported_grant_type', "Parameter 'grant_type' must be authorization_code or refresh_token");
  }

  userForAccessToken(value: string): User | undefined {
    const access = this.accessTokens.get(value);
    if (!access || access.expiresAt < this.now() || this.revokedFamilies.has(access.family)) return undefined;
    return this.store.user(access.accountId);
  }

  accessibleResources(value: string, siteUrl: string) {
    const access = this.accessTokens.get(value);
    if (!access || !this.userForAccessToken(value)) return undefined;
    return [
      {
        id: this.store.world.cloudId,
        url: siteUrl,
        name: this.store.world.siteName,
        scopes: access.scope.split(/\s+/).filter((s) => s && s !== 'offline_access'),
        avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png',
      },
    ];
  }

  /** Make every access token of a family expire now (tests use this to force a refresh). */
  expireAccessTokens(): void {
    for (const access of this.accessTokens.values()) access.expiresAt = 0;
  }

  isFamilyRevoked(refreshToken: string): boolean {
    const grant = this.refreshTokens.get(refreshToken);
    return grant ? this.revokedFamilies.has(grant.family) : false;
  }

  private revokeFamily(family: string): void {
    this.revokedFamilies.add(family);
  }

  private issue(grant: Grant) {
    const ttl = this.options.oauthAccessTokenTtlSeconds;
    const access = token('at');
    this.accessTokens.set(access, { ...grant, expiresAt: this.now() + ttl * 1000 });
    const result: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: ttl, scope: grant.scope };
    if (grant.scope.split(/\s+/).includes('offline_access')) {
      const refresh = token('rt');
      this.refreshTokens.set(refresh, { family: grant.family, accountId: grant.accountId, clientId: grant.clientId, scope: grant.scope, rotated: false });
      result.refresh_token = refresh;
    }
    return result;
  }

  private now(): number {
    return this.options.now().getTime();
  }
}

function token(kind: string): string {
  return `${kind}-${randomBytes(24).toString('base64url')}`;
}
