/**
 * Mode 3, MCP OAuth (`MCP_OAUTH=atlassian`): this server is an OAuth 2.1 authorization and resource server whose
 * users sign in with Atlassian 3LO. The Atlassian app's variables are the sync service's (`CONFLUENCE_CLIENT_ID`,
 * `CONFLUENCE_CLIENT_SECRET`, `ATLASSIAN_AUTH_URL`, `ATLASSIAN_API_URL`, `CONFLUENCE_SCOPES`). Problems are
 * `VARIABLE: problem` lines that never quote a value.
 */
import { MIN_SECRET_KEY_LENGTH } from '@confluence-mcp/confluence-client';
import { normalizeSiteUrl } from '../http/addresses';

/** Everything the OAuth mode needs. */
export interface OAuthModeConfig {
  /** `MCP_PUBLIC_URL` without a trailing slash: the issuer; the resource is `${publicUrl}/mcp`. */
  publicUrl: string;
  clientId: string;
  clientSecret: string;
  /** `SECRET_KEY`: encrypts the stored Atlassian tokens and signs our access tokens (keys derived apart). */
  secretKey: string;
  /** @default 'https://auth.atlassian.com' */
  authUrl: string;
  /** @default 'https://api.atlassian.com' */
  apiUrl: string;
  /** `CONFLUENCE_URL`: the site to pick when a user's grant reaches several (otherwise the first). */
  siteUrl?: string;
  /** `MCP_OAUTH_DATABASE`. @default 'data/mcp-oauth.db' */
  databasePath: string;
  /** Asked of Atlassian (`offline_access` is added). */
  scopes: string[];
  /** Lifetime of our access tokens (`MCP_OAUTH_TOKEN_TTL_SECONDS`). @default 900 */
  accessTokenTtlSeconds: number;
  /** Per Confluence request (`CONFLUENCE_TIMEOUT_MS`). @default 30_000 */
  timeoutMs: number;
}

/**
 * Classic scopes covering every tool (read and write pages, comments, attachments, labels, search, the user), plus
 * the granular ones v2 endpoints check. `CONFLUENCE_SCOPES` replaces them (the app must have them enabled).
 */
export const DEFAULT_MCP_SCOPES = [
  'read:confluence-content.all',
  'read:confluence-content.summary',
  'write:confluence-content',
  'read:confluence-space.summary',
  'search:confluence',
  'read:confluence-user',
  'write:confluence-file',
  'read:page:confluence',
  'write:page:confluence',
  'read:space:confluence',
  'read:comment:confluence',
  'write:comment:confluence',
  'read:attachment:confluence',
  'read:label:confluence',
  'read:user:confluence',
];

const set = (value: string | undefined): value is string => Boolean(value?.trim());

/** An absolute http(s) URL without credentials, query or fragment, trailing slashes removed; undefined if not. */
function baseUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) return undefined;
    return url.toString().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

function urlVar(env: Record<string, string | undefined>, name: string, fallback: string, errors: string[]): string {
  if (!set(env[name])) return fallback;
  const url = baseUrl(env[name]);
  if (!url) errors.push(`${name}: must be an absolute http(s) URL without credentials, query or fragment`);
  return url ?? fallback;
}

/** The OAuth mode's configuration, with the secrets the log must hide, or problems added to `errors`. */
export function parseOAuthEnv(env: Record<string, string | undefined>, errors: string[]): { config: OAuthModeConfig; secrets: string[] } | undefined {
  const before = errors.length;
  if (env['MCP_OAUTH']?.trim().toLowerCase() !== 'atlassian') errors.push('MCP_OAUTH: must be atlassian (sign-in delegated to Atlassian OAuth 2.0 3LO)');
  let publicUrl = '';
  if (!set(env['MCP_PUBLIC_URL'])) errors.push('MCP_PUBLIC_URL: required with MCP_OAUTH: the URL clients reach this server at (the OAuth issuer), e.g. https://mcp.example.com');
  else {
    const url = baseUrl(env['MCP_PUBLIC_URL']);
    if (!url) errors.push('MCP_PUBLIC_URL: must be an absolute http(s) URL without credentials, query or fragment');
    else if (new URL(url).pathname !== '/') errors.push('MCP_PUBLIC_URL: must be an origin without a path (e.g. https://mcp.example.com): the OAuth endpoints live at its root')
    else if (!url.startsWith('https:') && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(url)) errors.push('MCP_PUBLIC_URL: must use https (http only for localhost or 127.0.0.1)');
    else publicUrl = url;
  }
  for (const name of ['CONFLUENCE_CLIENT_ID', 'CONFLUENCE_CLIENT_SECRET']) {
    if (!set(env[name])) errors.push(`${name}: required with MCP_OAUTH (from your app at developer.atlassian.com)`);
  }
  const secretKey = env['SECRET_KEY'] ?? '';
  if (secretKey.length < MIN_SECRET_KEY_LENGTH) errors.push(`SECRET_KEY: required with MCP_OAUTH, at least ${MIN_SECRET_KEY_LENGTH} characters (e.g. openssl rand -base64 48)`);
  const authUrl = urlVar(env, 'ATLASSIAN_AUTH_URL', 'https://auth.atlassian.com', errors);
  const apiUrl = urlVar(env, 'ATLASSIAN_API_URL', 'https://api.atlassian.com', errors);
  let siteUrl: string | undefined;
  if (set(env['CONFLUENCE_URL'])) {
    siteUrl = normalizeSiteUrl(env['CONFLUENCE_URL'].trim());
    if (!siteUrl) errors.push('CONFLUENCE_URL: must be an http(s) site URL without credentials, query or fragment');
  }
  for (const name of ['CONFLUENCE_USERNAME', 'CONFLUENCE_API_TOKEN', 'CONFLUENCE_PERSONAL_TOKEN', 'CONFLUENCE_OAUTH_ACCESS_TOKEN']) {
    if (set(env[name])) errors.push(`${name}: not used with MCP_OAUTH (each user signs in with Atlassian); unset it`);
  }
  const scopes = set(env['CONFLUENCE_SCOPES']) ? env['CONFLUENCE_SCOPES'].split(/[\s,]+/).filter(Boolean) : DEFAULT_MCP_SCOPES;
  const ttl = whole(env, 'MCP_OAUTH_TOKEN_TTL_SECONDS', 900, 60, 86_400, errors);
  const timeoutMs = whole(env, 'CONFLUENCE_TIMEOUT_MS', 30_000, 1, Number.MAX_SAFE_INTEGER, errors);
  if (errors.length > before) return undefined;
  const clientId = (env['CONFLUENCE_CLIENT_ID'] as string).trim();
  const clientSecret = (env['CONFLUENCE_CLIENT_SECRET'] as string).trim();
  return {
    config: { publicUrl, clientId, clientSecret, secretKey, authUrl, apiUrl, siteUrl, databasePath: env['MCP_OAUTH_DATABASE']?.trim() || 'data/mcp-oauth.db', scopes, accessTokenTtlSeconds: ttl, timeoutMs },
    secrets: [clientSecret, secretKey],
  };
}

function whole(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number, errors: string[]): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  errors.push(`${name}: must be a whole number from ${min} to ${max}`);
  return fallback;
}
