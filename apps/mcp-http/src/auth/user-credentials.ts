/**
 * Mode 2, for trusted internal networks: each request brings its user's own Confluence credentials
 * (`Authorization: Basic email:api-token` on Cloud, `Bearer <personal access token>` or `Basic user:password` on
 * Data Center) and names its site in `X-Confluence-Url`, which must be on the `MCP_CONFLUENCE_URLS` allow-list, so
 * the server can never be pointed at an arbitrary host. Each request gets a client of its own: nothing is cached
 * or shared across users.
 */
import { UnauthorizedError, createConfluenceClient } from '@confluence-mcp/confluence-client';
import type { ConfluenceAuth, Logger } from '@confluence-mcp/confluence-client';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ConfluenceSite } from '../config';
import { normalizeSiteUrl } from '../http/addresses';
import { AuthOutcome, Authenticator, Credentials, Refusal, bearerChallenge, credentialsOf } from './authenticator';

export interface UserCredentialsOptions {
  sites: readonly ConfluenceSite[];
  /** Per Confluence request. */
  timeoutMs: number;
  userAgent: string;
  /** The client's request summaries (never headers). */
  logger?: Logger;
}

/** The header naming the Confluence site of a request. */
export const SITE_HEADER = 'x-confluence-url';

/**
 * The per-user mode.
 *
 * @example
 * const auth = userCredentialsAuthenticator({ sites: config.auth.sites, timeoutMs: 30_000, userAgent: 'confluence-mcp/0.1.0' });
 */
export function userCredentialsAuthenticator(options: UserCredentialsOptions): Authenticator {
  const sites = new Map(options.sites.map((site) => [site.url, site]));
  return {
    mode: 'user-credentials',
    async authenticate(req: IncomingMessage): Promise<AuthOutcome> {
      const site = siteOf(req.headers[SITE_HEADER], sites);
      if ('status' in site) return { ok: false, ...site };
      const credentials = credentialsOf(req.headers.authorization);
      const auth = authOf(credentials, site.flavor);
      if ('status' in auth) return { ok: false, ...auth };
      const client = createConfluenceClient({ baseUrl: site.url, flavor: site.flavor, auth: auth.auth, timeoutMs: options.timeoutMs, userAgent: options.userAgent, logger: options.logger });
      const host = new URL(site.url).host;
      // The bucket and session owner come from the whole credential: a wrong password under alice's name must
      // neither spend alice's requests nor reach her session.
      const rateKey = `user:${sha256(`${site.url}\n${req.headers.authorization ?? ''}`).slice(0, 32)}`;
      return { ok: true, caller: { identity: auth.identity, site: host, rateKey, client, shared: false } };
    },
    async verifyOnInitialize(caller, signal): Promise<Refusal | undefined> {
      try {
        await caller.client.users.current({ signal });
        return undefined;
      } catch (error) {
        // Anything else (Confluence down, slow, rate limiting) is for the tool calls to report as they happen.
        if (error instanceof UnauthorizedError) return { status: 401, message: `Unauthorized: Confluence at ${caller.site} refused these credentials`, error: 'invalid_token' };
        return undefined;
      }
    },
    challenge: (refusal) => bearerChallenge(refusal),
  };
}

function siteOf(header: string | string[] | undefined, sites: Map<string, ConfluenceSite>): ConfluenceSite | Refusal {
  if (header === undefined) {
    // One site needs no header; with several, guessing would send a user's credentials to the wrong one.
    if (sites.size === 1) return [...sites.values()][0];
    return { status: 400, message: `Bad Request: send X-Confluence-Url with the URL of your Confluence site (this server serves ${sites.size} sites)`, error: 'invalid_request' };
  }
  const url = typeof header === 'string' ? normalizeSiteUrl(header.trim()) : undefined;
  if (!url) return { status: 400, message: 'Bad Request: X-Confluence-Url must be one http(s) site URL', error: 'invalid_request' };
  return sites.get(url) ?? { status: 403, message: 'Forbidden: X-Confluence-Url is not a Confluence site this server may connect to (see MCP_CONFLUENCE_URLS)' };
}

/** The client's auth for these credentials on a site of this flavour, or why they cannot be used. */
function authOf(credentials: Credentials | undefined, flavor: ConfluenceSite['flavor']): { auth: ConfluenceAuth; identity: string } | Refusal {
  const expected = flavor === 'cloud' ? 'Authorization: Basic base64(email:API token)' : 'Authorization: Bearer <personal access token> (or Basic base64(user:password))';
  if (!credentials) return { status: 401, message: `Unauthorized: send your Confluence credentials as ${expected}` };
  if (credentials.scheme === 'malformed') return { status: 401, message: `Unauthorized: the Authorization header is malformed; send ${expected}`, error: 'invalid_request' };
  if (credentials.scheme === 'bearer') {
    // On Cloud a bearer token would be an Atlassian OAuth token handed through, which the MCP spec forbids.
    if (flavor === 'cloud') return { status: 401, message: `Unauthorized: Confluence Cloud takes ${expected} here; bearer tokens are not passed through`, error: 'invalid_token' };
    return { auth: { type: 'pat', token: credentials.token }, identity: `pat:${sha256(credentials.token).slice(0, 8)}` };
  }
  if (flavor === 'cloud') {
    if (!credentials.user.includes('@')) return { status: 401, message: `Unauthorized: Confluence Cloud signs in with the account email: send ${expected}`, error: 'invalid_request' };
    return { auth: { type: 'basic', email: credentials.user, apiToken: credentials.secret }, identity: credentials.user };
  }
  return { auth: { type: 'dc-basic', username: credentials.user, password: credentials.secret }, identity: credentials.user };
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
