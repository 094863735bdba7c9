/**
 * Which failures are worth a retry: the ones that may not happen again (the service was unreachable, slow, busy or
 * rate-limiting). A refused credential, a missing space or a bad destination fails the same way every time, so its
 * job ends at once and history says why.
 */

/**
 * Error names that mean "try again later": `@confluence-mcp/confluence-client`'s, the OAuth token source's, the
 * LlamaCloud SDK's connection errors, and a connection lock (`store.exclusive`) held too long by another worker.
 */
const TRANSIENT_NAMES = new Set(['RateLimitedError', 'ServerError', 'TimeoutError', 'ConnectionError', 'OAuthUnavailableError', 'APIConnectionError', 'APIConnectionTimeoutError', 'LockTimeoutError']);

/** PostgreSQL SQLSTATE classes that pass: connection exceptions, serialization failures and deadlocks, insufficient resources, an operator shutting the server down. */
const TRANSIENT_SQLSTATE = /^(08|40|53|57P)/;

/** Low-level network failures (Node's and undici's codes). */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Whether `error`, or an error in its `cause` chain, is transient: 429, 5xx, a timeout or a broken connection. */
export function isTransient(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { name, status, code, cause, message } = current as { name?: unknown; status?: unknown; code?: unknown; cause?: unknown; message?: unknown };
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
    if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || TRANSIENT_NAMES.has(code) || (code.length === 5 && TRANSIENT_SQLSTATE.test(code)))) return true;
    // node-postgres reports a connection the server dropped without a code.
    if (typeof message === 'string' && /^Connection terminated/.test(message)) return true;
    current = cause;
  }
  return false;
}
