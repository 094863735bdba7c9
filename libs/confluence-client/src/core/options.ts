/** Options of `createConfluenceClient()`, their defaults, and the auth modes. */
import { InvalidArgumentError } from './errors';

/**
 * How the client signs in.
 * - `basic`: Cloud email + API token on the site URL.
 * - `scoped`: Cloud scoped API token, sent through the `api.atlassian.com/ex/confluence/{cloudId}` gateway;
 *   the cloudId is looked up from `{site}/_edge/tenant_info` when not given.
 * - `oauth`: OAuth 2.0 (3LO) access token through the gateway. `getAccessToken` is called before requests and
 *   again with `forceRefresh: true` after a 401 (once); the cloudId comes from accessible-resources when not given.
 * - `pat`: Data Center personal access token (Bearer).
 * - `dc-basic`: Data Center username + password.
 */
export type ConfluenceAuth =
  | { type: 'basic'; email: string; apiToken: string }
  | { type: 'scoped'; email: string; apiToken: string; cloudId?: string }
  | { type: 'oauth'; getAccessToken: (options: { forceRefresh: boolean }) => Promise<string>; cloudId?: string }
  | { type: 'pat'; token: string }
  | { type: 'dc-basic'; username: string; password: string };

/** Confluence Cloud (REST v2 first) or Data Center / Server (REST v1). */
export type Flavor = 'cloud' | 'dc';

/**
 * Retries of the `retry` option. Only idempotent requests are retried (on 408, 429, 5xx, timeouts and connection
 * errors), with exponential backoff and full jitter; a write is retried only when the server said it did not
 * process it (429, 503).
 */
export interface RetryOptions {
  /** Retries after the first attempt. @default 4 */
  limit?: number;
  /** Longest wait honoured from a `Retry-After` header; a longer one fails at once with `RateLimitedError`. @default 60_000 */
  maxRetryAfterMs?: number;
  /** Upper bound of one exponential backoff delay. @default 10_000 */
  backoffLimitMs?: number;
}

/**
 * Where the client (and the MCP tools built on it) log: structured fields, never headers or bodies. One shape for
 * every library of this workspace, so an app builds one logger and hands it to all of them.
 */
export interface Logger {
  /** Request summaries (method, path, status, duration) and retries. */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Notable events of the app (the client itself does not log at this level). */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Failed requests (status, error name, `outcomeUnknown`). */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Failures the app cannot recover from (the client itself does not log at this level). */
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Time as the client sees it: when it is, and how to wait. Pacing (the requests-per-second limit, a server's
 * `Retry-After` pause) and the backoff between retries wait through it, so a test can inject a fake clock whose
 * `sleep` advances time at once instead of waiting. Per-attempt deadlines (`timeoutMs`) use real timers.
 */
export interface Clock {
  /** Milliseconds since the epoch. @default Date.now */
  now(): number;
  /**
   * Wait `ms`. Should reject with `signal.reason` as soon as `signal` aborts (the client also checks the signal
   * after each wait). @default a `setTimeout` that the signal cancels
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Options of `createConfluenceClient()`. Only `baseUrl` and `auth` are required; from the environment,
 * `clientOptionsFromEnv()` builds them.
 */
export interface ConfluenceClientOptions {
  /** Site URL: `https://x.atlassian.net` (with or without `/wiki`) or a Data Center base URL. */
  baseUrl: string;
  /** How requests sign in (see `ConfluenceAuth`). */
  auth: ConfluenceAuth;
  /** Detected from the host when not given: `*.atlassian.net` (or a `/wiki` path) is Cloud, anything else DC. */
  flavor?: Flavor;
  /**
   * Longest one attempt may take, from when it leaves the client's pacer (time queued or held by a 429 does not
   * count) until its body has been read; a download's until its stream ends. A call can set its own (see
   * `CallOptions`). @default 30_000
   */
  timeoutMs?: number;
  /** How idempotent requests are retried (see `RetryOptions`). */
  retry?: RetryOptions;
  /** Requests in flight at once, shared by every call of this client. @default 8 */
  maxConcurrency?: number;
  /** Optional cap on requests per second, shared by every call of this client. @default undefined */
  requestsPerSecond?: number;
  /** Injectable fetch (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Where request summaries go (never headers or bodies). @default silent */
  logger?: Logger;
  /** The `User-Agent` header. @default 'confluence-mcp-client' */
  userAgent?: string;
  /** Gateway origin for scoped tokens and OAuth. @default 'https://api.atlassian.com' */
  gatewayUrl?: string;
  /** Time and waiting, for tests (see `Clock`). @default the system clock */
  clock?: Clock;
}

export interface ResolvedClientOptions {
  siteUrl: string;
  auth: ConfluenceAuth;
  flavor: Flavor;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  maxConcurrency: number;
  requestsPerSecond?: number;
  fetch: typeof fetch;
  logger: Logger;
  userAgent: string;
  gatewayUrl: string;
  clock: Clock;
}

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Resolve defaults; throws an `InvalidArgumentError` naming the option when one is invalid. */
export function resolveClientOptions(options: ConfluenceClientOptions): ResolvedClientOptions {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new InvalidArgumentError('baseUrl: must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('baseUrl: must be an absolute http(s) URL');
  if (url.username || url.password) throw new InvalidArgumentError('baseUrl: must not contain credentials (use auth)');
  const path = url.pathname.replace(/\/+$/, '');
  const flavor = options.flavor ?? detectFlavor(url);
  if (flavor !== 'cloud' && flavor !== 'dc') throw new InvalidArgumentError("flavor: must be 'cloud' or 'dc'");
  const isCloudAuth = ['basic', 'scoped', 'oauth'].includes(options.auth?.type);
  if (!options.auth || !['basic', 'scoped', 'oauth', 'pat', 'dc-basic'].includes(options.auth.type)) throw new InvalidArgumentError('auth.type: must be basic, scoped, oauth, pat or dc-basic');
  if (flavor === 'dc' && isCloudAuth) throw new InvalidArgumentError(`auth.type: '${options.auth.type}' is for Confluence Cloud; Data Center uses 'pat' or 'dc-basic'`);
  if (flavor === 'cloud' && !isCloudAuth) throw new InvalidArgumentError(`auth.type: '${options.auth.type}' is for Data Center; Cloud uses 'basic', 'scoped' or 'oauth'`);
  const positive = (name: string, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`${name}: must be a positive number`);
    return value;
  };
  return {
    // Cloud's API lives under /wiki; a site URL given without it is completed.
    siteUrl: flavor === 'cloud' ? `${url.origin}${path.endsWith('/wiki') ? path : `${path}/wiki`}` : `${url.origin}${path}`,
    auth: options.auth,
    flavor,
    timeoutMs: positive('timeoutMs', options.timeoutMs, 30_000),
    retry: {
      limit: options.retry?.limit ?? 4,
      maxRetryAfterMs: positive('retry.maxRetryAfterMs', options.retry?.maxRetryAfterMs, 60_000),
      backoffLimitMs: positive('retry.backoffLimitMs', options.retry?.backoffLimitMs, 10_000),
    },
    maxConcurrency: positive('maxConcurrency', options.maxConcurrency, 8),
    requestsPerSecond: options.requestsPerSecond === undefined ? undefined : positive('requestsPerSecond', options.requestsPerSecond, 1),
    fetch: options.fetch ?? globalThis.fetch,
    logger: options.logger ?? silent,
    userAgent: options.userAgent ?? 'confluence-mcp-client',
    gatewayUrl: (options.gatewayUrl ?? 'https://api.atlassian.com').replace(/\/+$/, ''),
    clock: checkClock(options.clock),
  };
}

/** The system clock: `Date.now`, and a `setTimeout` a signal cancels. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', stop);
        resolve();
      }, ms);
      const stop = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', stop, { once: true });
    }),
};

function checkClock(clock: Clock | undefined): Clock {
  if (clock === undefined) return systemClock;
  if (typeof clock?.now !== 'function' || typeof clock.sleep !== 'function') throw new InvalidArgumentError('clock: must have now() and sleep(ms, signal)');
  return clock;
}

/** Cloud when the host is `*.atlassian.net` (or the gateway) or the path ends in `/wiki`; Data Center otherwise. */
export function detectFlavor(url: URL): Flavor {
  if (url.hostname.endsWith('.atlassian.net') || url.hostname === 'api.atlassian.com') return 'cloud';
  return /\/wiki\/?$/.test(url.pathname) ? 'cloud' : 'dc';
}

