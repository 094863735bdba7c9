/**
 * The environment -> client options: the one place where `CONFLUENCE_*` variables become a client, shared by the
 * MCP servers and the sync worker. Settings of one app (the MCP servers' tool allow-list, read-only mode, call
 * deadline...) are not read here: each app reads its own.
 */
import { parseConnectionEnv } from '@confluence-mcp/schemas';
import type { ConfluenceConnectionConfig } from '@confluence-mcp/schemas';
import { ConfluenceAuth, ConfluenceClientOptions, Flavor } from './core/options';

/** What `clientOptionsFromEnv()` gives: options for `createConfluenceClient()`, and the secrets logs must hide. */
export interface ClientEnvironment {
  /** Connection, credentials, flavour and timeout; add `logger`, `userAgent` and the like before creating the client. */
  options: ConfluenceClientOptions;
  /**
   * Every credential string as it could appear in a log line: the tokens and passwords, and the Basic header
   * value built from them (base64 of `user:secret` leaks the secret as surely). Hand them to the logger's redaction.
   */
  secrets: string[];
}

/**
 * The environment named variables that are missing, malformed or contradict each other. `problems` has one
 * `VARIABLE: problem` line each; no line ever quotes a value, so a token pasted into the wrong variable cannot leak.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError' as const;
  /** One `VARIABLE: problem` line per problem, every problem at once. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/**
 * Client options from `CONFLUENCE_*` environment variables. Throws one `ConfigurationError` naming every bad or
 * missing variable.
 *
 * | Variables | Auth |
 * | --- | --- |
 * | `CONFLUENCE_USERNAME` (email) + `CONFLUENCE_API_TOKEN` | Cloud basic; a scoped token through the gateway with `CONFLUENCE_CLOUD_ID` |
 * | `CONFLUENCE_OAUTH_ACCESS_TOKEN` | Cloud OAuth 2.0 (3LO) through the gateway (the token is used as given, not refreshed) |
 * | `CONFLUENCE_PERSONAL_TOKEN` | Data Center personal access token (Bearer) |
 * | `CONFLUENCE_USERNAME` + `CONFLUENCE_API_TOKEN` (the password) with `CONFLUENCE_FLAVOR=dc` | Data Center basic |
 *
 * Also `CONFLUENCE_URL` (required), `CONFLUENCE_FLAVOR` (`cloud` or `dc`, detected when unset) and
 * `CONFLUENCE_TIMEOUT_MS` (per attempt, default 30000). Other variables are ignored.
 *
 * @example
 * const { options, secrets } = clientOptionsFromEnv();
 * const confluence = createConfluenceClient({ ...options, userAgent: 'my-app/1.0' });
 */
export function clientOptionsFromEnv(env: Record<string, string | undefined> = process.env): ClientEnvironment {
  const parsed = parseConnectionEnv(env);
  if (!parsed.ok) throw new ConfigurationError(parsed.errors);
  const config = parsed.config;
  const mapped = authOf(config);
  if ('problem' in mapped) throw new ConfigurationError([mapped.problem]);
  return {
    options: { baseUrl: config.url, auth: mapped.auth, flavor: mapped.flavor, timeoutMs: config.timeoutMs, ...(config.maxConcurrency ? { maxConcurrency: config.maxConcurrency } : {}) },
    secrets: secretsOf(config),
  };
}

/** The client's auth and flavour for the environment's credentials, or the one variable that contradicts them. */
function authOf(config: ConfluenceConnectionConfig): { auth: ConfluenceAuth; flavor: Flavor } | { problem: string } {
  const { auth, cloudId, flavor } = config;
  if (auth.kind === 'bearer') {
    if (flavor === 'cloud') return { problem: 'CONFLUENCE_PERSONAL_TOKEN: personal access tokens are for Data Center; Confluence Cloud uses CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN' };
    if (cloudId) return { problem: 'CONFLUENCE_CLOUD_ID: only used on Confluence Cloud (scoped API tokens, OAuth), not with CONFLUENCE_PERSONAL_TOKEN' };
    return { auth: { type: 'pat', token: auth.token }, flavor: 'dc' };
  }
  if (auth.kind === 'oauth') {
    if (flavor === 'dc') return { problem: 'CONFLUENCE_OAUTH_ACCESS_TOKEN: OAuth 2.0 access tokens are for Confluence Cloud; Data Center uses CONFLUENCE_PERSONAL_TOKEN' };
    const token = auth.accessToken;
    return { auth: { type: 'oauth', getAccessToken: async () => token, ...(cloudId ? { cloudId } : {}) }, flavor: 'cloud' };
  }
  if (flavor === 'dc') {
    if (cloudId) return { problem: 'CONFLUENCE_CLOUD_ID: only used on Confluence Cloud, not with CONFLUENCE_FLAVOR=dc' };
    // Data Center basic auth: the "API token" variable carries the user's password.
    return { auth: { type: 'dc-basic', username: auth.email, password: auth.apiToken }, flavor: 'dc' };
  }
  // An email + API token only exists on Cloud, so this is Cloud even on a custom domain without /wiki.
  const cloudAuth: ConfluenceAuth = cloudId
    ? { type: 'scoped', email: auth.email, apiToken: auth.apiToken, cloudId }
    : { type: 'basic', email: auth.email, apiToken: auth.apiToken };
  return { auth: cloudAuth, flavor: 'cloud' };
}

function secretsOf(config: ConfluenceConnectionConfig): string[] {
  const { auth } = config;
  if (auth.kind === 'bearer') return [auth.token];
  if (auth.kind === 'oauth') return [auth.accessToken];
  // The Basic header value is base64 of `user:secret`: a log line holding it would leak the secret as surely.
  return [auth.apiToken, Buffer.from(`${auth.email}:${auth.apiToken}`).toString('base64')];
}
