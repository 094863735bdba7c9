/** Options of `startEmulator()` and the CLI, with their defaults. */

export type Flavor = 'cloud' | 'dc';

/** A token bucket: `capacity` requests at once, refilled at `refillPerSecond`. */
export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
  /** Per caller (by credential) or one bucket for everyone. @default 'caller' */
  scope?: 'caller' | 'global';
  /** Status answered when the bucket is empty; some DC proxies answer 503 or 403. @default 429 */
  status?: 429 | 503 | 403;
}

export interface EmulatorOptions {
  /** @default 'cloud' */
  flavor?: Flavor;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Generated content. @default { spaces: 3, pagesPerSpace: 40, seed: 1 } */
  spaces?: number;
  pagesPerSpace?: number;
  seed?: number;
  /** Added to every request, in milliseconds. @default 0 */
  latencyMs?: number;
  /** Random extra latency up to this many milliseconds (seeded). @default 0 */
  jitterMs?: number;
  rateLimit?: RateLimitOptions | null;
  /** Fraction (0..1) of requests answered 500/503 with `Retry-After`. @default 0 */
  errorRate?: number;
  /** Fraction (0..1) of requests whose connection is reset. @default 0 */
  resetRate?: number;
  /** When set, response bodies are sent at this many bytes per second. @default null */
  slowBodyBytesPerSecond?: number | null;
  /** Time zone CQL dates are read in (Confluence uses the instance's, not UTC). @default 'UTC' */
  timeZone?: string;
  /** Cloud: v1 content CRUD answers 410 Gone, as on newer Cloud sites. @default true */
  v1ContentGone?: boolean;
  /** OAuth: the account the fake consent screen approves. @default the first user (alice) */
  oauthApproveAccountId?: string;
  /** OAuth access token lifetime in seconds. @default 3600 */
  oauthAccessTokenTtlSeconds?: number;
  /** Fixed clock for reproducible timestamps on writes. @default real time */
  now?: () => Date;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'now' | 'oauthApproveAccountId' | 'rateLimit' | 'slowBodyBytesPerSecond'>> & {
  now: () => Date;
  oauthApproveAccountId?: string;
  rateLimit: RateLimitOptions | null;
  slowBodyBytesPerSecond: number | null;
};

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    flavor: options.flavor ?? 'cloud',
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    spaces: options.spaces ?? 3,
    pagesPerSpace: options.pagesPerSpace ?? 40,
    seed: options.seed ?? 1,
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    rateLimit: options.rateLimit ?? null,
    errorRate: options.errorRate ?? 0,
    resetRate: options.resetRate ?? 0,
    slowBodyBytesPerSecond: options.slowBodyBytesPerSecond ?? null,
    timeZone: options.timeZone ?? 'UTC',
    v1ContentGone: options.v1ContentGone ?? true,
    oauthApproveAccountId: options.oauthApproveAccountId,
    oauthAccessTokenTtlSeconds: options.oauthAccessTokenTtlSeconds ?? 3600,
    now: options.now ?? (() => new Date()),
  };
  if (resolved.flavor !== 'cloud' && resolved.flavor !== 'dc') throw new Error(`flavor: expected 'cloud' or 'dc', got '${String(resolved.flavor)}'`);
  for (const name of ['errorRate', 'resetRate'] as const) {
    if (!(resolved[name] >= 0 && resolved[name] <= 1)) throw new Error(`${name}: expected a number from 0 to 1`);
  }
  for (const name of ['spaces', 'pagesPerSpace', 'latencyMs', 'jitterMs', 'port'] as const) {
    if (!Number.isInteger(resolved[name]) || resolved[name] < 0) throw new Error(`${name}: expected a whole number >= 0`);
  }
  return resolved;
}
