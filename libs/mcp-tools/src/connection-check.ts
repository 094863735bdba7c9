/**
 * The start-up check both MCP apps run: who the configured credentials are on the configured Confluence, or
 * exactly what is wrong (the URL, the credentials, the network), in words a user can act on.
 */
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import { ConfluenceError, ConnectionError, ForbiddenError, NotFoundError, RateLimitedError, TimeoutError, UnauthorizedError } from '@confluence-mcp/confluence-client';

export type ConnectionCheck = { ok: true; siteUrl: string; user: string } | { ok: false; siteUrl: string; problem: string };

/** @default 10 s: long enough for a slow site, short enough that a broken configuration shows at once. */
export const CONNECTION_CHECK_TIMEOUT_MS = 10_000;

/**
 * Ask Confluence for the current user once.
 *
 * @example
 * const check = await checkConnection(client);
 * log.info(check.ok ? `connected to ${check.siteUrl} as ${check.user}` : `cannot use Confluence: ${check.problem}`);
 */
export async function checkConnection(client: ConfluenceClient, timeoutMs = CONNECTION_CHECK_TIMEOUT_MS): Promise<ConnectionCheck> {
  const siteUrl = client.siteUrl;
  try {
    const user = await client.users.current({ signal: AbortSignal.timeout(timeoutMs), timeoutMs });
    return { ok: true, siteUrl, user: user.displayName || user.username || user.id };
  } catch (error) {
    return { ok: false, siteUrl, problem: describeProblem(error, siteUrl, timeoutMs) };
  }
}

function describeProblem(error: unknown, siteUrl: string, timeoutMs: number): string {
  if (error instanceof UnauthorizedError) {
    return `Confluence at ${siteUrl} refused the credentials (HTTP 401): check CONFLUENCE_USERNAME and CONFLUENCE_API_TOKEN, or CONFLUENCE_PERSONAL_TOKEN`;
  }
  if (error instanceof ForbiddenError) return `Confluence at ${siteUrl} denied access to the current user (HTTP 403): the token may lack the read:confluence-user scope`;
  if (error instanceof NotFoundError) {
    return `${siteUrl} has no Confluence REST API (HTTP 404 for the current user): check CONFLUENCE_URL (Cloud: https://your-site.atlassian.net/wiki)`;
  }
  if (error instanceof RateLimitedError) return `Confluence at ${siteUrl} is rate limiting this client (HTTP ${error.status ?? 429}); the server will retry on use`;
  if (error instanceof TimeoutError || (error instanceof ConfluenceError && error.name === 'AbortError')) {
    return `Confluence at ${siteUrl} did not answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  if (error instanceof ConnectionError) {
    const code = String(error.toJSON()['cause'] ?? '');
    if (code === 'ECONNREFUSED') return `nothing answers at ${siteUrl} (connection refused): is CONFLUENCE_URL right, and is Confluence running?`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host of ${siteUrl} does not resolve (${code}): check CONFLUENCE_URL`;
    return `could not connect to ${siteUrl}${code ? ` (${code})` : ''}`;
  }
  if (error instanceof ConfluenceError) return `Confluence at ${siteUrl} answered unexpectedly${error.status ? ` (HTTP ${error.status})` : ''}`;
  return `checking ${siteUrl} failed (${error instanceof Error ? error.name : 'unknown error'})`;
}
