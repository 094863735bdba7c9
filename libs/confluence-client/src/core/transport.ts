/**
 * Every HTTP call of the client goes through here: base URLs per flavour and auth mode, credentials, pacing,
 * deadlines and cancellation (see `RequestScope`), retries (ky's, configured for Confluence), typed errors, and
 * response validation.
 */
import ky, { HTTPError } from 'ky';
import type { ZodType } from 'zod';
import { CallOptions, mergeCallOptions } from './call';
import { lookUpCloudId } from './cloud-id';
import { AbortError, causeCode, ConfluenceError, ErrorContext, errorFromResponse, InvalidArgumentError, parseRetryAfter, ResponseValidationError, UnauthorizedError } from './errors';
import { ResolvedClientOptions } from './options';
import { Pacer } from './pacing';
import { fetchWithoutCredentialsOnRedirect, isRedirectLoop } from './redirects';
import { RequestScope } from './request-scope';

/** Which API a path is relative to. */
export type Api = 'v2' | 'v1' | 'site';

/**
 * - `idempotent`: retried on 408/429/5xx, timeouts and connection errors (GET, DELETE, safe PUTs).
 * - `unprocessed`: retried only when the server said it did not process the request (429, 503).
 * - `never`: a POST that creates something is never retried.
 */
export type RetryPolicy = 'idempotent' | 'unprocessed' | 'never';

export type SearchParams = Record<string, string | number | boolean | undefined | ReadonlyArray<string | number>>;

export interface RequestOptions {
  api: Api;
  searchParams?: SearchParams;
  json?: unknown;
  body?: FormData;
  headers?: Record<string, string>;
  retry?: RetryPolicy;
  /** `withoutCredentials`: follow redirects by hand, sending credentials only to the first URL (downloads). */
  redirect?: 'follow' | 'withoutCredentials';
  /** The caller's signal and deadline, combined with the transport's defaults (see `withDefaults`). */
  call?: CallOptions;
}

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

/** What every view of one client shares: one pacer, one cloudId lookup. */
interface SharedState {
  pacer: Pacer;
  cloudId?: Promise<string>;
}

export class Transport {
  private readonly shared: SharedState;

  /**
   * @param shared state of the transport this one is a view of (see `withDefaults`)
   * @param defaults call options every request of this transport combines with its own
   */
  constructor(
    readonly options: ResolvedClientOptions,
    shared?: SharedState,
    private readonly defaults: CallOptions = {},
  ) {
    const { clock } = options;
    this.shared = shared ?? {
      pacer: new Pacer({ maxConcurrency: options.maxConcurrency, requestsPerSecond: options.requestsPerSecond, now: () => clock.now(), sleep: (ms, signal) => clock.sleep(ms, signal) }),
    };
  }

  get pacer(): Pacer {
    return this.shared.pacer;
  }

  /** A view sharing this transport's pacer and cloudId, whose every request combines `defaults` with its own. */
  withDefaults(defaults: CallOptions): Transport {
    return new Transport(this.options, this.shared, mergeCallOptions(this.defaults, defaults));
  }

  /**
   * Call and parse JSON with `schema`; a body that does not match is a `ResponseValidationError`. The deadline
   * (`timeoutMs`) covers reading the body.
   */
  async json<T>(method: string, path: string, schema: ZodType<T>, options: RequestOptions): Promise<T> {
    return this.parse(await this.send(method, path, options), schema, method, options.api, path);
  }

  /** Read and validate the body of a response from `send()`. */
  async parse<T>(response: Response, schema: ZodType<T>, method: string, api: Api, path: string): Promise<T> {
    const context = this.context(method, api, path);
    if (response.status === 204) return schema.parse(undefined);
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      // A stalled, broken or aborted body is already the client's error; anything else is a body that is not JSON.
      if (error instanceof ConfluenceError) throw error;
      throw new ResponseValidationError(context, ['body is not JSON'], response.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ResponseValidationError(
        context,
        parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
        response.status,
      );
    }
    return parsed.data;
  }

  /** Call and ignore the body (204 answers); the deadline ends with it. */
  async empty(method: string, path: string, options: RequestOptions): Promise<void> {
    const response = await this.send(method, path, options);
    await response.body?.cancel();
  }

  /**
   * Call and hand back the response (streams). The caller must consume or cancel the body: the attempt's
   * deadline runs until the body ends.
   */
  async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const context = this.context(method, options.api, path);
    const policy = options.retry ?? (method === 'GET' || method === 'DELETE' ? 'idempotent' : 'never');
    const call = mergeCallOptions(this.defaults, options.call);
    const scope = new RequestScope(context, policy === 'idempotent', call.signal, call.timeoutMs ?? this.options.timeoutMs);
    if (scope.signal?.aborted) throw scope.fail(scope.signal.reason);
    try {
      return await this.attempt(method, path, options, policy, scope, false);
    } catch (error) {
      const auth = this.options.auth;
      // OAuth access tokens expire: refresh once and try again.
      if (error instanceof UnauthorizedError && auth.type === 'oauth') return this.attempt(method, path, options, policy, scope, true);
      throw error;
    }
  }

  private async attempt(method: string, path: string, options: RequestOptions, policy: RetryPolicy, scope: RequestScope, forceRefresh: boolean): Promise<Response> {
    const { context, signal } = scope;
    const { url, headers } = await this.prepare(path, options, scope, forceRefresh);
    const started = this.options.clock.now();
    try {
      const response = await ky(url, {
        method,
        headers,
        json: options.json,
        body: options.body,
        searchParams: toSearchParams(options.searchParams),
        // ky's timeout would count time queued in the pacer and stop at the headers: each attempt has its own
        // deadline instead, armed in pacedFetch.
        timeout: false,
        signal,
        fetch: (input, init) => this.pacedFetch(input instanceof Request ? input : new Request(input, init), options.redirect ?? 'follow', scope),
        retry: {
          limit: policy === 'never' ? 0 : this.options.retry.limit,
          // POST is absent on purpose: a create is never repeated, whatever went wrong.
          methods: ['get', 'put', 'delete', 'head', 'options'],
          statusCodes: policy === 'unprocessed' ? [429, 503] : RETRY_STATUSES,
          // ky waits on its own timer; every wait is ours instead, on the client's clock: a Retry-After holds the
          // pacer (every call, not only this one) and the backoff runs in beforeRetry.
          afterStatusCodes: [],
          delay: () => 0,
          jitter: false,
          // ky recognises a timeout by its name: our AttemptTimeout is one (headers late; a late body is not retried).
          retryOnTimeout: policy === 'idempotent',
          shouldRetry: ({ error }) => {
            // The caller gave up, or the server redirects in circles: another attempt cannot help.
            if (signal?.aborted || isRedirectLoop(thrown(error))) return false;
            // Timeouts and connection errors are retried only when repeating the request is harmless.
            if (!(error instanceof HTTPError)) return policy === 'idempotent' ? undefined : false;
            // A wait longer than the cap fails at once: the caller learns when to come back (retryAfterMs).
            const wait = parseRetryAfter(error.response.headers.get('retry-after'));
            return wait !== undefined && wait > this.options.retry.maxRetryAfterMs ? false : undefined;
          },
        },
        hooks: {
          beforeRetry: [
            async ({ retryCount, error }) => {
              // The refused attempt's body is never read: cancelling it ends that attempt's deadline.
              if (error instanceof HTTPError) error.response.body?.cancel().catch(() => undefined);
              this.options.logger.debug('retrying', { ...context, retryCount, reason: describe(error) });
              if (!this.heldByRetryAfter(error)) await this.options.clock.sleep(this.backoffMs(retryCount), signal);
            },
          ],
        },
      });
      this.options.logger.debug('request', { ...context, status: response.status, ms: this.options.clock.now() - started });
      return response;
    } catch (error) {
      const failure = error instanceof HTTPError ? await fromHttpError(error, context) : scope.fail(error);
      // A cancelled call is the caller's choice, not a problem worth a warning.
      const log = failure instanceof AbortError ? this.options.logger.debug : this.options.logger.warn;
      log.call(this.options.logger, 'request failed', { ...context, status: failure.status, error: failure.name, outcomeUnknown: failure.outcomeUnknown || undefined, ms: this.options.clock.now() - started });
      throw failure;
    }
  }

  /** A 429/503 whose `Retry-After` the pacer honours: the pause already holds the next attempt. */
  private heldByRetryAfter(error: Error): boolean {
    if (!(error instanceof HTTPError) || (error.response.status !== 429 && error.response.status !== 503)) return false;
    const wait = parseRetryAfter(error.response.headers.get('retry-after'));
    return wait !== undefined && wait <= this.options.retry.maxRetryAfterMs;
  }

  /** Exponential backoff with full jitter (300 ms, 600 ms, 1.2 s... at random below), capped at `backoffLimitMs`. */
  private backoffMs(retryCount: number): number {
    return Math.min(this.options.retry.backoffLimitMs, Math.random() * 300 * 2 ** (retryCount - 1));
  }

  /**
   * URL and headers of a request. The cloudId lookup and the OAuth token are shared by many calls: a caller's
   * abort stops waiting for them (`AbortError`), their own failures reach the caller as they are.
   */
  private async prepare(path: string, options: RequestOptions, scope: RequestScope, forceRefresh: boolean): Promise<{ url: string; headers: Record<string, string> }> {
    try {
      const url = `${await untilAborted(this.baseUrl(options.api), scope.signal)}${path}`;
      const authorization = await untilAborted(this.authorization(forceRefresh), scope.signal);
      return { url, headers: { accept: 'application/json', 'user-agent': this.options.userAgent, authorization, ...options.headers } };
    } catch (error) {
      throw scope.signal?.aborted ? scope.fail(error) : error;
    }
  }

  /**
   * Every attempt (retries included) waits for the shared pacer and feeds it the server's signals. The
   * attempt's deadline starts only once the pacer lets it go; the caller's signal ends the wait.
   */
  private pacedFetch(request: Request, redirect: 'follow' | 'withoutCredentials', scope: RequestScope): Promise<Response> {
    return this.pacer.run(async () => {
      const attempt = scope.begin();
      try {
        const response =
          redirect === 'withoutCredentials'
            ? await fetchWithoutCredentialsOnRedirect(this.options.fetch, request, attempt.signal)
            : await this.options.fetch(request, { signal: attempt.signal });
        if (response.headers.get('x-ratelimit-nearlimit') === 'true') this.pacer.nearLimit();
        if (response.status === 429 || response.status === 503) {
          const wait = parseRetryAfter(response.headers.get('retry-after'));
          if (wait !== undefined && wait <= this.options.retry.maxRetryAfterMs) this.pacer.pause(wait);
        }
        return attempt.guard(response);
      } catch (error) {
        attempt.finish();
        throw error;
      }
    }, scope.signal);
  }

  private context(method: string, api: Api, path: string): ErrorContext {
    const prefix = api === 'v2' ? '/wiki/api/v2' : api === 'v1' ? (this.options.flavor === 'cloud' ? '/wiki/rest/api' : '/rest/api') : '';
    return { method, path: `${prefix}${path.split('?')[0]}` };
  }

  /** Base URL of an API for this flavour and auth mode. */
  async baseUrl(api: Api): Promise<string> {
    const { flavor, auth, siteUrl, gatewayUrl } = this.options;
    if (flavor === 'dc') {
      if (api === 'v2') throw new InvalidArgumentError('Data Center has no REST v2 API');
      return api === 'v1' ? `${siteUrl}/rest/api` : siteUrl;
    }
    const root = auth.type === 'basic' ? siteUrl : `${gatewayUrl}/ex/confluence/${await this.resolveCloudId()}/wiki`;
    return api === 'v2' ? `${root}/api/v2` : api === 'v1' ? `${root}/rest/api` : root;
  }

  private async authorization(forceRefresh: boolean): Promise<string> {
    const auth = this.options.auth;
    switch (auth.type) {
      case 'basic':
      case 'scoped':
        return basic(auth.email, auth.apiToken);
      case 'dc-basic':
        return basic(auth.username, auth.password);
      case 'pat':
        return `Bearer ${auth.token}`;
      case 'oauth':
        return `Bearer ${await auth.getAccessToken({ forceRefresh })}`;
    }
  }

  /** The cloudId for gateway calls: configured, or looked up once (tenant_info or accessible-resources). */
  resolveCloudId(): Promise<string> {
    const auth = this.options.auth;
    if ((auth.type === 'scoped' || auth.type === 'oauth') && auth.cloudId) return Promise.resolve(auth.cloudId);
    // One lookup for every view and call; it has its own deadline and is not aborted by one caller's signal.
    const shared = this.shared;
    shared.cloudId ??= lookUpCloudId(this.options, () => this.authorization(false)).catch((error) => {
      shared.cloudId = undefined;
      throw error;
    });
    return shared.cloudId;
  }
}

function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

function toSearchParams(params: SearchParams | undefined): URLSearchParams | undefined {
  if (!params) return undefined;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) search.append(name, String(item));
    else search.append(name, String(value));
  }
  return search;
}

/** The typed error of an HTTP answer ky refused, reading its body once. */
async function fromHttpError(error: HTTPError, context: ErrorContext): Promise<ConfluenceError> {
  const text = await error.response.text().catch(() => '');
  return errorFromResponse(context, error.response.status, error.response.headers, text);
}

/** A short, credential-free description of a low-level error (codes such as ECONNRESET, never URLs). */
function describe(error: unknown): string {
  if (error instanceof HTTPError) return `status ${error.response.status}`;
  return causeCode(error) ?? 'unknown error';
}

/**
 * What was thrown, as ky's `shouldRetry` received it: ky wraps whatever is not an `Error` of its own realm in a
 * `NonError` (undici's errors are of Node's realm, which a test runner's is not).
 */
function thrown(error: Error): unknown {
  return error.name === 'NonError' && 'value' in error ? error.value : error;
}

/** `promise`, or the signal's reason as soon as it aborts (the work itself goes on, shared with other callers). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
