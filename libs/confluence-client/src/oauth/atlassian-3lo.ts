/**
 * A small, typed client of Atlassian's OAuth 2.0 (3LO) authorization server: the consent URL, the code exchange,
 * the refresh (Atlassian rotates refresh tokens), and the sites a token can reach. Token requests are never
 * retried: a refresh the server carried out but whose answer was lost cannot be repeated safely (the old refresh
 * token is then rotated, and reusing it revokes the whole grant).
 */
import ky from 'ky';
import { z } from 'zod';
import { AtlassianOAuthError, OAuthClientError, OAuthGrantError, OAuthTokenRejectedError, OAuthUnavailableError } from './errors';

/** Options of `createAtlassianOAuthClient`. */
export interface AtlassianOAuthOptions {
  /** The app's client id (developer.atlassian.com, "Settings"). */
  clientId: string;
  /** The app's secret: sent only in the body of token requests, never logged or put in an error. */
  clientSecret: string;
  /** Origin of the authorization server. @default 'https://auth.atlassian.com' */
  authUrl?: string;
  /** Origin of the API gateway (accessible-resources, `/ex/confluence/{cloudId}`). @default 'https://api.atlassian.com' */
  apiUrl?: string;
  /** Longest one request may take, body included. @default 30_000 */
  timeoutMs?: number;
  /** Injectable fetch (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Clock for `expiresAt`. @default Date.now */
  now?: () => number;
}

/** Tokens of one grant, as Atlassian issued them. */
export interface AtlassianTokens {
  accessToken: string;
  /** Absent when `offline_access` was not granted; replaced by a new one on every refresh (rotation). */
  refreshToken?: string;
  /** When the access token expires, in epoch milliseconds. */
  expiresAt: number;
  /** The granted scopes. */
  scopes: string[];
}

/** One site a token can reach (`GET /oauth/token/accessible-resources`). */
export interface AccessibleResource {
  /** The id to put in `https://api.atlassian.com/ex/confluence/{cloudId}`. */
  cloudId: string;
  /** The site, e.g. `https://acme.atlassian.net`. */
  url: string;
  name: string;
  scopes: string[];
}

/** What every network call accepts. */
export interface OAuthCallOptions {
  signal?: AbortSignal;
}

/** The Atlassian OAuth 2.0 (3LO) client. */
export interface AtlassianOAuthClient {
  /**
   * The consent screen to send the user to: `audience=api.atlassian.com`, `prompt=consent`, `response_type=code`,
   * and `offline_access` added to `scopes` when missing (without it there is no refresh token).
   */
  authorizationUrl(request: { redirectUri: string; state: string; scopes: readonly string[] }): string;
  /** Trades the code Atlassian sent to `redirectUri` for tokens. `OAuthGrantError` when the code is refused. */
  exchangeCode(request: { code: string; redirectUri: string }, options?: OAuthCallOptions): Promise<AtlassianTokens>;
  /**
   * New tokens for a refresh token. The answer carries a NEW refresh token: store it (atomically) before using the
   * new access token, and never present the old one again. `OAuthGrantError` when the grant is dead.
   */
  refresh(refreshToken: string, options?: OAuthCallOptions): Promise<AtlassianTokens>;
  /** The sites (cloudIds) this access token may reach. `OAuthTokenRejectedError` when the token is refused. */
  accessibleResources(accessToken: string, options?: OAuthCallOptions): Promise<AccessibleResource[]>;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});

const Resources = z.array(z.object({ id: z.string().min(1), url: z.string().min(1), name: z.string(), scopes: z.array(z.string()).default([]) }));

const TOKEN_PATH = '/oauth/token';
const RESOURCES_PATH = '/oauth/token/accessible-resources';

/**
 * A client of Atlassian's OAuth 2.0 (3LO) server.
 *
 * @example
 * const oauth = createAtlassianOAuthClient({ clientId: env.CONFLUENCE_CLIENT_ID, clientSecret: env.CONFLUENCE_CLIENT_SECRET });
 * res.redirect(oauth.authorizationUrl({ redirectUri, state, scopes: ['read:confluence-content.all'] }));
 * // ...in the callback:
 * const tokens = await oauth.exchangeCode({ code, redirectUri });
 * const [site] = await oauth.accessibleResources(tokens.accessToken);
 */
export function createAtlassianOAuthClient(options: AtlassianOAuthOptions): AtlassianOAuthClient {
  if (!options.clientId) throw new TypeError('clientId: must be set');
  if (!options.clientSecret) throw new TypeError('clientSecret: must be set');
  const authUrl = origin(options.authUrl ?? 'https://auth.atlassian.com', 'authUrl');
  const apiUrl = origin(options.apiUrl ?? 'https://api.atlassian.com', 'apiUrl');
  const now = options.now ?? Date.now;
  const http = ky.create({ timeout: options.timeoutMs ?? 30_000, throwHttpErrors: false, retry: 0, ...(options.fetch ? { fetch: options.fetch } : {}) });

  async function token(body: Record<string, string>, refusedAs: string, call: OAuthCallOptions | undefined): Promise<AtlassianTokens> {
    const context = { method: 'POST', path: TOKEN_PATH };
    const response = await send(() => http.post(`${authUrl}${TOKEN_PATH}`, { json: { client_id: options.clientId, client_secret: options.clientSecret, ...body }, signal: call?.signal }), context);
    const payload = await jsonOf(response);
    if (!response.ok) throw refusal(response.status, payload, refusedAs, context);
    const parsed = TokenResponse.safeParse(payload);
    if (!parsed.success) throw new OAuthUnavailableError('Atlassian answered the token request in an unexpected shape', context, { status: response.status });
    const { access_token, expires_in, scope, refresh_token } = parsed.data;
    return { accessToken: access_token, ...(refresh_token ? { refreshToken: refresh_token } : {}), expiresAt: now() + expires_in * 1000, scopes: scope?.split(/\s+/).filter(Boolean) ?? [] };
  }

  return {
    authorizationUrl({ redirectUri, state, scopes }) {
      const all = scopes.includes('offline_access') ? [...scopes] : [...scopes, 'offline_access'];
      const params = new URLSearchParams({ audience: 'api.atlassian.com', client_id: options.clientId, scope: all.join(' '), redirect_uri: redirectUri, state, response_type: 'code', prompt: 'consent' });
      return `${authUrl}/authorize?${params}`;
    },
    exchangeCode: ({ code, redirectUri }, call) => token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, 'Atlassian refused the authorization code', call),
    refresh: (refreshToken, call) => token({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'Atlassian refused the refresh token (the user must connect again)', call),
    async accessibleResources(accessToken, call) {
      const context = { method: 'GET', path: RESOURCES_PATH };
      const response = await send(
        () => http.get(`${apiUrl}${RESOURCES_PATH}`, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' }, signal: call?.signal, retry: { limit: 2, methods: ['get'], statusCodes: [408, 429, 500, 502, 503, 504] } }),
        context,
      );
      const payload = await jsonOf(response);
      if (response.status === 401) throw new OAuthTokenRejectedError('Atlassian refused the access token', context, { status: 401 });
      if (!response.ok) throw refusal(response.status, payload, 'Atlassian refused to list the sites of the token', context);
      const parsed = Resources.safeParse(payload);
      if (!parsed.success) throw new OAuthUnavailableError('Atlassian listed the sites in an unexpected shape', context, { status: response.status });
      return parsed.data.map((r) => ({ cloudId: r.id, url: r.url, name: r.name, scopes: r.scopes }));
    },
  };
}

/** Runs a request, turning transport failures into `OAuthUnavailableError` (or rethrowing the caller's abort). */
async function send(run: () => Promise<Response>, context: { method: string; path: string }): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name === 'AbortError') throw new OAuthUnavailableError('The request to Atlassian was aborted', context, { cause: error });
    if (name === 'TimeoutError') throw new OAuthUnavailableError('Atlassian did not answer in time', context, { cause: error });
    throw new OAuthUnavailableError('Could not reach Atlassian', context, { cause: error });
  }
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** The error class for a refused token or resources request (the server's description is never quoted). */
function refusal(status: number, payload: unknown, message: string, context: { method: string; path: string }): AtlassianOAuthError {
  const code = typeof (payload as { error?: unknown })?.error === 'string' ? (payload as { error: string }).error : undefined;
  const details = { status, code };
  if (status === 429 || status >= 500) return new OAuthUnavailableError(`Atlassian is unavailable (HTTP ${status})`, context, details);
  if (code === 'invalid_grant') return new OAuthGrantError(message, context, details);
  if (status === 401 || code === 'invalid_client' || code === 'unauthorized_client') return new OAuthClientError('Atlassian refused the app’s client id or secret', context, details);
  return new AtlassianOAuthError(`${message} (HTTP ${status})`, context, details);
}

function origin(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name}: must be an absolute http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`${name}: must be an absolute http(s) URL`);
  return value.replace(/\/+$/, '');
}
