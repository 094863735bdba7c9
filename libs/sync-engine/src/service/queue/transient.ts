/**
 * Which failures are worth a retry: the ones that may not happen again (the service was unreachable, slow, busy or
 * rate-limiting). A refused credential, a missing space or a bad destination fails the same way every time, so its
 * job ends at once and history says why.
 */

/** Error names of `@confluence-mcp/confluence-client` and of the OAuth token source that mean "try again later". */
const TRANSIENT_NAMES = new Set(['RateLimitedError', 'ServerError', 'TimeoutError', 'ConnectionError', 'OAuthUnavailableError']);

/** Low-level network failures (Node's and undici's codes). */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Whether `error`, or an error in its `cause` chain, is transient: 429, 5xx, a timeout or a broken connection. */
export function isTransient(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { name, status, code, cause } = current as { name?: unknown; status?: unknown; code?: unknown; cause?: unknown };
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
    if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    current = cause;
  }
  return false;
}
