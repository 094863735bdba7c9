/**
 * One error class per meaning, built by `errorFromResponse()`. Messages read "what failed: METHOD path" and
 * never carry credentials: errors keep no request, response or header object, only plain fields.
 */
import { describeErrorBody } from '@confluence-mcp/schemas';

/** The request an error is about. */
export interface ErrorContext {
  /** HTTP method (`GET`, `PUT`...). */
  method: string;
  /** Request path without query string or credentials. */
  path: string;
}

/** What an error may carry besides its message; every field is plain data (or, for `cause`, the low-level error). */
export interface ErrorDetails {
  status?: number;
  code?: string;
  serverMessage?: string;
  /** The low-level error (a socket error, the caller's abort reason...), kept as the standard `cause`. */
  cause?: unknown;
  /** See `ConfluenceError.outcomeUnknown`. @default false */
  outcomeUnknown?: boolean;
}

/**
 * Base class of every error a request can end with (`InvalidArgumentError`, thrown before anything is sent, is a
 * `TypeError` instead). `method` and `path` name the request; `status`, `code` and `serverMessage` say what the
 * server answered, when it did.
 *
 * @example
 * try {
 *   await confluence.pages.update(id, { expectedVersion: 3, body });
 * } catch (error) {
 *   if (error instanceof ConflictError) console.log(`someone saved version ${error.currentVersion} first`);
 *   else if (error instanceof ConfluenceError && error.outcomeUnknown) console.log('read the page before retrying');
 *   else throw error;
 * }
 */
export class ConfluenceError extends Error {
  override name = 'ConfluenceError';
  /** HTTP method of the request. */
  readonly method: string;
  /** Request path, without query string (`/wiki/api/v2/pages/123`). */
  readonly path: string;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** Confluence's error code (`NOT_FOUND`, `INVALID_REQUEST_PARAMETER`...) when the body had one. */
  readonly code?: string;
  /** Short message from the server's error body, when there was one. */
  readonly serverMessage?: string;
  /**
   * `true` when a write (a create, an update, an upload: a request that is not safe to repeat) failed in a way
   * that leaves its effect unknown: it timed out, its connection broke after it was sent, or it was aborted
   * after it left. The server may have carried it out. **Do not blindly retry such a write**: read first
   * (does the comment, page or version exist now?), then decide. Always `false` for reads, for answers the
   * server gave (4xx/5xx), and when nothing was sent (connection refused, DNS failure, aborted while queued).
   */
  readonly outcomeUnknown: boolean;

  constructor(message: string, context: ErrorContext, details: ErrorDetails = {}) {
    super(`${message}: ${context.method} ${context.path}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = context.method;
    this.path = context.path;
    this.status = details.status;
    this.code = details.code;
    this.serverMessage = details.serverMessage;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }

  /**
   * Plain, credential-free fields only (a logger or `JSON.stringify` sees nothing else). `cause` is reduced to
   * its code or name (`ECONNRESET`, `AbortError`), never its message, stack or request.
   */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      method: this.method,
      path: this.path,
      outcomeUnknown: this.outcomeUnknown,
      cause: causeCode(this.cause),
    };
  }
}

/** 400: Confluence refused the request as malformed (a CQL it cannot parse, a duplicate title); `serverMessage` says why. */
export class BadRequestError extends ConfluenceError {
  override name = 'BadRequestError' as const;
}
/** 401: the credentials were refused (wrong, expired or revoked token; wrong site URL). */
export class UnauthorizedError extends ConfluenceError {
  override name = 'UnauthorizedError' as const;
}
/** 403: signed in, but not allowed (space or page permissions, a scope the token lacks, some proxies' rate limit). */
export class ForbiddenError extends ConfluenceError {
  override name = 'ForbiddenError' as const;
}
/** 404: no such content, or (what Cloud answers for content the caller may not see) not visible to this user. */
export class NotFoundError extends ConfluenceError {
  override name = 'NotFoundError' as const;
}
/** 410: the endpoint was removed (Cloud's v1 content API answers 410 on newer sites). */
export class GoneError extends ConfluenceError {
  override name = 'GoneError' as const;
}
/** 409: a stale version number or a concurrent edit; `currentVersion` when the server said it. */
export class ConflictError extends ConfluenceError {
  override name = 'ConflictError' as const;
  /** The page's version now, when the server said it: re-read, re-apply the change, save as this + 1. */
  readonly currentVersion?: number;
  constructor(message: string, context: ErrorContext, details: ErrorDetails & { currentVersion?: number }) {
    super(message, context, details);
    this.currentVersion = details.currentVersion;
  }
  override toJSON() {
    return { ...super.toJSON(), currentVersion: this.currentVersion };
  }
}
/** The request was over a server limit: its body (413), its URL (414) or its headers (431). `status` says which. */
export class PayloadTooLargeError extends ConfluenceError {
  override name = 'PayloadTooLargeError' as const;
}
/**
 * 429 (or a 503 with `Retry-After`): too many requests, after the retries the client allows. `retryAfterMs` is when
 * the server said to come back.
 */
export class RateLimitedError extends ConfluenceError {
  override name = 'RateLimitedError' as const;
  /** How long the server asked to wait, in milliseconds, when it said. */
  readonly retryAfterMs?: number;
  constructor(message: string, context: ErrorContext, details: ErrorDetails & { retryAfterMs?: number }) {
    super(message, context, details);
    this.retryAfterMs = details.retryAfterMs;
  }
  override toJSON() {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
/** 5xx (other than a 503 with `Retry-After`): Confluence failed, after the retries the client allows for reads. */
export class ServerError extends ConfluenceError {
  override name = 'ServerError' as const;
}
/**
 * One attempt took longer than `timeoutMs`: no answer, or an answer whose body stalled or trickled. The clock
 * starts when the request leaves the client's pacer and runs until the body is read. `cause` is the low-level
 * error; check `outcomeUnknown` before repeating a write.
 */
export class TimeoutError extends ConfluenceError {
  override name = 'TimeoutError' as const;
}
/**
 * The connection failed (refused, DNS), broke (reset, closed mid-body), or went round in redirects. `cause` is
 * the low-level error; check `outcomeUnknown` before repeating a write.
 */
export class ConnectionError extends ConfluenceError {
  override name = 'ConnectionError' as const;
}
/**
 * The caller's `AbortSignal` (see `CallOptions`) aborted the call: it stopped waiting, queued requests were
 * dropped and no retry or further page followed. `cause` is the signal's reason when it is an `Error`. A write
 * aborted after it was sent has `outcomeUnknown`.
 */
export class AbortError extends ConfluenceError {
  override name = 'AbortError' as const;
}
/** The HTTP call succeeded but the body is not the shape the API documents. */
export class ResponseValidationError extends ConfluenceError {
  override name = 'ResponseValidationError' as const;
  /** Where the body differs (paths and expectations, never values). */
  readonly issues: string[];
  constructor(context: ErrorContext, issues: string[], status?: number) {
    super(`Unexpected response shape (${issues.slice(0, 3).join('; ')})`, context, { status });
    this.issues = issues;
  }
  override toJSON() {
    return { ...super.toJSON(), issues: this.issues };
  }
}
/** A response body over the caller's size cap (downloads). */
export class ResponseTooLargeError extends ConfluenceError {
  override name = 'ResponseTooLargeError' as const;
}

/** Which part of a request a "too large" status names. Node and many proxies count the URL among the headers (431). */
const TOO_LARGE: Record<number, string> = { 413: 'body', 414: 'URL', 431: 'URL or headers' };

/** A low-level error reduced to a code or name fit for logs: `ECONNRESET`, `UND_ERR_SOCKET`, `AbortError`. */
export function causeCode(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  const inner = (cause as { cause?: unknown }).cause;
  const nested = inner !== undefined && inner !== cause ? causeCode(inner) : undefined;
  if (nested) return nested;
  const name = (cause as { name?: unknown }).name;
  return typeof name === 'string' && /^[A-Za-z]{1,40}$/.test(name) ? name : typeof cause;
}

/** Parse `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Build the typed error for a non-2xx response from its status, headers and body text. */
export function errorFromResponse(context: ErrorContext, status: number, headers: Headers, bodyText: string): ConfluenceError {
  const { message: serverMessage, code } = describeErrorBody(bodyText, headers.get('content-type') ?? undefined);
  const details = { status, code, serverMessage };
  switch (true) {
    case status === 400:
      return new BadRequestError(`Bad request (${serverMessage || 'no details'})`, context, details);
    case status === 401:
      return new UnauthorizedError('Authentication failed (check the credentials and the site URL)', context, details);
    case status === 403:
      return new ForbiddenError(`Permission denied${serverMessage ? ` (${serverMessage})` : ''}`, context, details);
    case status === 404:
      return new NotFoundError('Not found, or not visible to this user', context, details);
    case status === 409: {
      const current = /current version is:?\s*(\d+)/i.exec(serverMessage ?? '');
      return new ConflictError(`Conflict (${serverMessage || 'the content changed'})`, context, { ...details, currentVersion: current ? Number(current[1]) : undefined });
    }
    case status === 410:
      return new GoneError('This API has been removed on this site', context, details);
    case status === 413 || status === 414 || status === 431:
      return new PayloadTooLargeError(`Request too large (${TOO_LARGE[status]} over the server's limit)`, context, details);
    case status === 429:
      return new RateLimitedError('Rate limited', context, { ...details, retryAfterMs: parseRetryAfter(headers.get('retry-after')) });
    case status >= 500: {
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
      if (status === 503 && retryAfterMs !== undefined) return new RateLimitedError('Service unavailable, retry later', context, { ...details, retryAfterMs });
      return new ServerError(`Server error ${status}`, context, details);
    }
    default:
      return new ConfluenceError(`Unexpected status ${status}`, context, details);
  }
}

/**
 * A call the client refuses before sending anything: a bad argument or option (`limit: must be an integer from
 * 1 to 250`). `argument` names it. A `TypeError`, as misuse of an API is in JavaScript, with its own name so
 * callers can tell it from a bug.
 */
export class InvalidArgumentError extends TypeError {
  override name = 'InvalidArgumentError' as const;
  /** The argument or option at fault (`limit`, `auth.type`, `url`), as the message starts with it. */
  readonly argument: string;
  constructor(message: string) {
    super(message);
    this.argument = /^([\w.[\]]+)(?=[:\s'])/.exec(message)?.[1] ?? '';
  }
}
