/**
 * Every HTTP call of the client goes through here: base URLs per flavour and auth mode, credentials, pacing,
 * retries (ky's, configured for Confluence), typed errors, and response validation.
 */
import ky, { HTTPError, TimeoutError as KyTimeoutError } from 'ky';
import type { ZodType } from 'zod';
import { ConfluenceError, ConnectionError, ErrorContext, ResponseValidationError, TimeoutError, UnauthorizedError, errorFromResponse, parseRetryAfter } from './errors';
import { ResolvedClientOptions } from './options';
import { Pacer } from './pacing';
import { fetchWithoutCredentialsOnRedirect } from './redirects';

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
}

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

export class Transport {
  readonly pacer: Pacer;
  private cloudId?: Promise<string>;

  constructor(readonly options: ResolvedClientOptions) {
    this.pacer = new Pacer({ maxConcurrency: options.maxConcurrency, requestsPerSecond: options.requestsPerSecond });
  }

  /** Call and parse JSON with `schema`; a body that does not match is a `ResponseValidationError`. */
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
    } catch {
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

  /** Call and ignore the body (204 answers). */
  async empty(method: string, path: string, options: RequestOptions): Promise<void> {
    const response = await this.send(method, path, options);
    await response.body?.cancel();
  }

  /** Call and hand back the response (streams). The caller must consume or cancel the body. */
  async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const context = this.context(method, options.api, path);
    try {
      return await this.attempt(method, path, options, context, false);
    } catch (error) {
      const auth = this.options.auth;
      // OAuth access tokens expire: refresh once and try again.
      if (error instanceof UnauthorizedError && auth.type === 'oauth') return this.attempt(method, path, options, context, true);
      throw error;
    }
  }

  private async attempt(method: string, path: string, options: RequestOptions, context: ErrorContext, forceRefresh: boolean): Promise<Response> {
    const url = `${await this.baseUrl(options.api)}${path}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent,
      authorization: await this.authorization(forceRefresh),
      ...options.headers,
    };
    const policy = options.retry ?? (method === 'GET' || method === 'DELETE' ? 'idempotent' : 'never');
    const started = Date.now();
    try {
      const response = await ky(url, {
        method,
        headers,
        json: options.json,
        body: options.body,
        searchParams: toSearchParams(options.searchParams),
        timeout: this.options.timeoutMs,
        fetch: (input, init) => this.pacedFetch(input, init, options.redirect ?? 'follow'),
        retry: {
          limit: policy === 'never' ? 0 : this.options.retry.limit,
          // POST is absent on purpose: a create is never repeated, whatever went wrong.
          methods: ['get', 'put', 'delete', 'head', 'options'],
          statusCodes: policy === 'unprocessed' ? [429, 503] : RETRY_STATUSES,
          afterStatusCodes: [413, 429, 503],
          maxRetryAfter: this.options.retry.maxRetryAfterMs,
          backoffLimit: this.options.retry.backoffLimitMs,
          jitter: true,
          retryOnTimeout: policy === 'idempotent',
          shouldRetry: ({ error }) => {
            // Connection errors are retried only when repeating the request is harmless.
            if (!(error instanceof HTTPError)) return policy === 'idempotent' ? undefined : false;
            // A wait longer than the cap fails at once: the caller learns when to come back (retryAfterMs).
            const wait = parseRetryAfter(error.response.headers.get('retry-after'));
            return wait !== undefined && wait > this.options.retry.maxRetryAfterMs ? false : undefined;
          },
        },
        hooks: {
          beforeRetry: [({ retryCount, error }) => this.options.logger.debug('retrying', { ...context, retryCount, reason: describe(error) })],
        },
      });
      this.options.logger.debug('request', { ...context, status: response.status, ms: Date.now() - started });
      return response;
    } catch (error) {
      const failure = await toConfluenceError(error, context, this.options.timeoutMs);
      this.options.logger.warn('request failed', { ...context, status: failure.status, error: failure.name, ms: Date.now() - started });
      throw failure;
    }
  }

  /** Every attempt (retries included) waits for the shared pacer and feeds it the server's signals. */
  private pacedFetch(input: Parameters<typeof fetch>[0], init: RequestInit | undefined, redirect: 'follow' | 'withoutCredentials'): Promise<Response> {
    return this.pacer.run(async () => {
      const response =
        redirect === 'withoutCredentials' ? await fetchWithoutCredentialsOnRedirect(this.options.fetch, new Request(input, init)) : await this.options.fetch(input, init);
      if (response.headers.get('x-ratelimit-nearlimit') === 'true') this.pacer.nearLimit();
      if (response.status === 429 || response.status === 503) {
        const wait = parseRetryAfter(response.headers.get('retry-after'));
        if (wait !== undefined && wait <= this.options.retry.maxRetryAfterMs) this.pacer.pause(wait);
      }
      return response;
    });
  }

  private context(method: string, api: Api, path: string): ErrorContext {
    const prefix = api === 'v2' ? '/wiki/api/v2' : api === 'v1' ? (this.options.flavor === 'cloud' ? '/wiki/rest/api' : '/rest/api') : '';
    return { method, path: `${prefix}${path.split('?')[0]}` };
  }

  /** Base URL of an API for this flavour and auth mode. */
  async baseUrl(api: Api): Promise<string> {
    const { flavor, auth, siteUrl, gatewayUrl } = this.options;
    if (flavor === 'dc') {
      if (api === 'v2') throw new TypeError('Data Center has no REST v2 API');
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
    this.cloudId ??= this.lookUpCloudId().catch((error) => {
      this.cloudId = undefined;
      throw error;
    });
    return this.cloudId;
  }

  private async lookUpCloudId(): Promise<string> {
    const site = new URL(this.options.siteUrl).origin;
    const context = { method: 'GET', path: this.options.auth.type === 'oauth' ? '/oauth/token/accessible-resources' : '/_edge/tenant_info' };
    const get = async (url: string, authorization?: string) => {
      const response = await this.options.fetch(url, { headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) } }).catch((error) => {
        throw new ConnectionError(`Could not look up the cloudId (${describe(error)})`, context);
      });
      const text = await response.text();
      if (!response.ok) throw errorFromResponse(context, response.status, response.headers, text);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ResponseValidationError(context, ['body is not JSON'], response.status);
      }
    };
    if (this.options.auth.type === 'oauth') {
      const resources = await get(`${this.options.gatewayUrl}/oauth/token/accessible-resources`, await this.authorization(false));
      const list = Array.isArray(resources) ? (resources as Array<{ id?: unknown; url?: unknown }>) : [];
      const match = list.find((r) => typeof r.url === 'string' && r.url.replace(/\/+$/, '') === site) ?? (list.length === 1 ? list[0] : undefined);
      if (!match || typeof match.id !== 'string') {
        throw new ConfluenceError(`None of the ${list.length} sites this token can reach is ${site}; set cloudId`, context);
      }
      return match.id;
    }
    const info = (await get(`${site}/_edge/tenant_info`)) as { cloudId?: unknown };
    if (typeof info?.cloudId !== 'string') throw new ResponseValidationError(context, ['cloudId: expected a string']);
    return info.cloudId;
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

/** Map whatever ky or fetch threw to the client's error classes, reading the error body once. */
async function toConfluenceError(error: unknown, context: ErrorContext, timeoutMs: number): Promise<ConfluenceError> {
  if (error instanceof ConfluenceError) return error;
  if (error instanceof HTTPError) {
    const text = await error.response.text().catch(() => '');
    return errorFromResponse(context, error.response.status, error.response.headers, text);
  }
  if (error instanceof KyTimeoutError) return new TimeoutError(`No response within ${timeoutMs} ms`, context);
  return new ConnectionError(`Connection failed (${describe(error)})`, context);
}

/** A short, credential-free description of a low-level error (codes such as ECONNRESET, never URLs). */
function describe(error: unknown): string {
  if (error instanceof HTTPError) return `status ${error.response.status}`;
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown error';
}
