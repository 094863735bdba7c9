/**
 * Which authentication mode the environment chooses, and what that mode needs: exactly one of API keys (with the
 * service's own Confluence credentials), per-user Confluence credentials (with an allow-list of sites), MCP OAuth
 * (`config/oauth-env.ts`), or — only on a loopback address, and only when asked for by name — none. Problems are `VARIABLE: problem` lines that
 * never quote a value.
 */
import { ConfigurationError, clientOptionsFromEnv } from '@confluence-mcp/confluence-client';
import type { ClientEnvironment, Flavor } from '@confluence-mcp/confluence-client';
import { createHash } from 'node:crypto';
import { isLoopback, normalizeSiteUrl } from '../http/addresses';
import { OAuthModeConfig, parseOAuthEnv } from './oauth-env';

export type { OAuthModeConfig } from './oauth-env';

/** One accepted API key: the SHA-256 of the key, and its first 8 hex digits to name it in logs. */
export interface ApiKeyHash {
  id: string;
  sha256: Buffer;
}

/** A Confluence site users may point the server at with `X-Confluence-Url`. */
export interface ConfluenceSite {
  /** Normalised (lower-case host, no default port, no trailing slash): what the header is compared with. */
  url: string;
  flavor: Flavor;
}

/** The authentication mode and what it needs. */
export type AuthConfig =
  | { mode: 'api-keys'; keys: ApiKeyHash[]; service: ClientEnvironment }
  | { mode: 'user-credentials'; sites: ConfluenceSite[]; timeoutMs: number }
  | { mode: 'oauth'; oauth: OAuthModeConfig }
  | { mode: 'none'; service: ClientEnvironment };

/** How the configuration reads `MCP_API_KEYS_FILE` (injectable for tests). */
export type ReadTextFile = (path: string) => string;

/** The service credentials' variables: used by the API-key mode, refused with per-user credentials. */
const SERVICE_VARIABLES = ['CONFLUENCE_URL', 'CONFLUENCE_USERNAME', 'CONFLUENCE_API_TOKEN', 'CONFLUENCE_PERSONAL_TOKEN', 'CONFLUENCE_OAUTH_ACCESS_TOKEN', 'CONFLUENCE_CLOUD_ID', 'CONFLUENCE_FLAVOR'];

const MIN_KEY_LENGTH = 16;
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** Keys of `MCP_API_KEYS` and their hashes; the keys themselves are returned so the logger can redact them. */
function keysFromList(value: string, errors: string[]): { hashes: ApiKeyHash[]; secrets: string[] } {
  const keys = value.split(',').map((k) => k.trim()).filter(Boolean);
  if (keys.length === 0) errors.push('MCP_API_KEYS: must list at least one key');
  keys.forEach((key, i) => {
    if (key.length < MIN_KEY_LENGTH || /\s/.test(key)) errors.push(`MCP_API_KEYS: key ${i + 1} must be at least ${MIN_KEY_LENGTH} characters without spaces (try: openssl rand -hex 32)`);
  });
  return { hashes: keys.map((key) => hashOf(createHash('sha256').update(key, 'utf8').digest())), secrets: keys };
}

/** One SHA-256 hex digest per line; blank lines and `#` comments are skipped. */
function keysFromFile(path: string, readFile: ReadTextFile, errors: string[]): ApiKeyHash[] {
  let content: string;
  try {
    content = readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    errors.push(`MCP_API_KEYS_FILE: cannot be read${typeof code === 'string' ? ` (${code})` : ''}`);
    return [];
  }
  const hashes: ApiKeyHash[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    if (SHA256_HEX.test(line)) hashes.push(hashOf(Buffer.from(line, 'hex')));
    else errors.push(`MCP_API_KEYS_FILE: line ${i + 1} is not a SHA-256 hash (64 hex digits, e.g. from: printf %s "$KEY" | sha256sum)`);
  });
  if (hashes.length === 0 && !errors.some((e) => e.startsWith('MCP_API_KEYS_FILE'))) errors.push('MCP_API_KEYS_FILE: holds no key hash');
  return hashes;
}

function hashOf(sha256: Buffer): ApiKeyHash {
  return { id: sha256.toString('hex').slice(0, 8), sha256 };
}

/** `https://x.atlassian.net/wiki`, or with a `dc:` / `cloud:` prefix when the host does not tell the flavour. */
function parseSites(value: string, errors: string[]): ConfluenceSite[] {
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) errors.push('MCP_CONFLUENCE_URLS: must list at least one site URL');
  const sites: ConfluenceSite[] = [];
  entries.forEach((entry, i) => {
    const prefix = /^(dc|cloud):(?=https?:)/i.exec(entry)?.[1]?.toLowerCase() as Flavor | undefined;
    const url = normalizeSiteUrl(prefix ? entry.slice(prefix.length + 1) : entry);
    if (!url) errors.push(`MCP_CONFLUENCE_URLS: entry ${i + 1} is not an http(s) site URL without credentials, query or fragment (optionally prefixed dc: or cloud:)`);
    else if (!sites.some((s) => s.url === url)) sites.push({ url, flavor: prefix ?? detectFlavor(new URL(url)) });
  });
  return sites;
}

/** As the client decides: `*.atlassian.net` or a `/wiki` path is Cloud, anything else Data Center. */
function detectFlavor(url: URL): Flavor {
  return url.hostname.endsWith('.atlassian.net') || /\/wiki$/.test(url.pathname) ? 'cloud' : 'dc';
}

function serviceOf(env: Record<string, string | undefined>, errors: string[]): ClientEnvironment | undefined {
  try {
    return clientOptionsFromEnv(env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    errors.push(...error.problems);
    return undefined;
  }
}

function timeoutOf(value: string | undefined, errors: string[]): number {
  if (!value?.trim()) return 30_000;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (Number.isSafeInteger(n) && n > 0) return n;
  errors.push('CONFLUENCE_TIMEOUT_MS: must be a positive whole number of milliseconds');
  return 30_000;
}

const set = (value: string | undefined): value is string => Boolean(value?.trim());

/**
 * The authentication mode of the environment, with the secrets the log must hide (the API keys, the service
 * credentials), or problems added to `errors`.
 */
export function parseAuthEnv(env: Record<string, string | undefined>, host: string, errors: string[], readFile: ReadTextFile): { auth: AuthConfig; secrets: string[] } | undefined {
  const noneAsked = env['MCP_AUTH']?.trim().toLowerCase();
  if (noneAsked !== undefined && noneAsked !== '' && noneAsked !== 'none') errors.push('MCP_AUTH: must be none (or unset); the other modes are chosen by their own variables');
  const modes = [set(env['MCP_API_KEYS']) || set(env['MCP_API_KEYS_FILE']), set(env['MCP_CONFLUENCE_URLS']), set(env['MCP_OAUTH']), noneAsked === 'none'];
  const chosen = modes.filter(Boolean).length;
  if (chosen === 0) {
    errors.push('MCP_AUTH: no authentication mode is set: set MCP_API_KEYS or MCP_API_KEYS_FILE (API keys), MCP_CONFLUENCE_URLS (per-user Confluence credentials), MCP_OAUTH=atlassian (MCP OAuth), or MCP_AUTH=none (only with a loopback HOST)');
    return undefined;
  }
  if (chosen > 1) {
    errors.push('MCP_AUTH: choose one authentication mode: MCP_API_KEYS/MCP_API_KEYS_FILE, MCP_CONFLUENCE_URLS, MCP_OAUTH or MCP_AUTH=none, not several');
    return undefined;
  }
  if (set(env['MCP_OAUTH'])) {
    const parsed = parseOAuthEnv(env, errors);
    return parsed && { auth: { mode: 'oauth', oauth: parsed.config }, secrets: parsed.secrets };
  }
  if (noneAsked === 'none') {
    if (!isLoopback(host)) {
      errors.push(`MCP_AUTH: none is only allowed when HOST is a loopback address (127.0.0.1, ::1 or localhost), not ${host}: anyone who can reach the server would use Confluence with its credentials`);
    }
    const service = serviceOf(env, errors);
    return service && { auth: { mode: 'none', service }, secrets: service.secrets };
  }
  if (set(env['MCP_CONFLUENCE_URLS'])) {
    for (const name of SERVICE_VARIABLES) {
      if (set(env[name])) errors.push(`${name}: not used with MCP_CONFLUENCE_URLS (each user sends their own credentials and X-Confluence-Url); unset it`);
    }
    const sites = parseSites(env['MCP_CONFLUENCE_URLS'], errors);
    return { auth: { mode: 'user-credentials', sites, timeoutMs: timeoutOf(env['CONFLUENCE_TIMEOUT_MS'], errors) }, secrets: [] };
  }
  const fromList = set(env['MCP_API_KEYS']) ? keysFromList(env['MCP_API_KEYS'], errors) : { hashes: [], secrets: [] };
  const fromFile = set(env['MCP_API_KEYS_FILE']) ? keysFromFile(env['MCP_API_KEYS_FILE'].trim(), readFile, errors) : [];
  const service = serviceOf(env, errors);
  if (!service) return undefined;
  return { auth: { mode: 'api-keys', keys: [...fromList.hashes, ...fromFile], service }, secrets: [...service.secrets, ...fromList.secrets] };
}
