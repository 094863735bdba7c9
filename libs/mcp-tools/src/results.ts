/**
 * Tool outcomes: successes with `structuredContent` plus a compact text, and expected failures as `isError`
 * results with a stable code and a message telling the model what to do next. One place maps client errors.
 */
import {
  AbortError,
  BadRequestError,
  ConfluenceError,
  ConflictError,
  ConnectionError,
  CqlBuildError,
  ForbiddenError,
  GoneError,
  InvalidArgumentError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from '@confluence-mcp/confluence-client';
import type { CallToolResult, ImageContent, TextContent } from '@modelcontextprotocol/sdk/types.js';
import type { ToolLogger } from './deps';

/** Stable codes a client (or a model) can branch on; they start the text of every `isError` result. */
export type ToolErrorCode =
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'RATE_LIMITED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'INVALID_ARGUMENT'
  | 'INVALID_QUERY'
  | 'CONTENT_LOSS'
  | 'TOO_LARGE'
  | 'UNAVAILABLE'
  | 'UNKNOWN_OUTCOME'
  | 'INTERNAL';

/** A successful tool answer: what goes into `structuredContent`, and its compact text rendering. */
export interface ToolSuccess<T> {
  structured: T;
  text: string;
  /** Content items sent after the text (an image a tool returns). */
  extraContent?: Array<TextContent | ImageContent>;
}

/** An expected failure raised from a handler: becomes an `isError` result with this code and message. */
export class ToolFailure extends Error {
  override name = 'ToolFailure';
  constructor(readonly code: ToolErrorCode, message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

/** The message a model sees for a page it may not read (also used for pages outside the space allow-list). */
export const PAGE_NOT_FOUND =
  'Page not found, or not visible to this user. Check the id (search_confluence_pages finds pages by title or text), or ask for access.';

export function success<T>(structured: T, text: string, extraContent?: Array<TextContent | ImageContent>): ToolSuccess<T> {
  return extraContent?.length ? { structured, text, extraContent } : { structured, text };
}

/** The `isError` result for a code and message. */
export function errorResult(code: ToolErrorCode, message: string, details?: Record<string, unknown>): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `${code}: ${message}` }],
    ...(details ? { _meta: { code, ...details } } : { _meta: { code } }),
  };
}

/**
 * Map anything a handler threw to an `isError` result. Confluence's expected answers (401, 403, 404, 409, 429)
 * get a code and advice; anything else a generic message, the details going to `logger` only (never a stack,
 * a URL or a token to the client).
 */
export function toErrorResult(error: unknown, logger: ToolLogger, tool: string, context: ErrorResultContext = {}): CallToolResult {
  if (error instanceof ToolFailure) return errorResult(error.code, error.message, error.details);
  const site = context.siteUrl ? `Confluence at ${context.siteUrl}` : 'Confluence';
  // Before any other mapping: a write that timed out or was cut off after sending may have been carried out,
  // and "retry" would do it twice.
  if (error instanceof ConfluenceError && error.outcomeUnknown) {
    logger.warn('write outcome unknown', { tool, error: error.toJSON() });
    return errorResult('UNKNOWN_OUTCOME', `${site} did not confirm this change (${whatHappened(error)}), so it may or may not have been made. ${context.unknownOutcome ?? 'Check in Confluence before retrying.'}`);
  }
  if (error instanceof NotFoundError) return errorResult('NOT_FOUND', 'Not found, or not visible to this user. Check the id, or ask for access.');
  if (error instanceof ConflictError) {
    const current = error.currentVersion;
    return current !== undefined
      ? errorResult('VERSION_CONFLICT', `The page changed: its current version is ${current}. Re-read it with get_confluence_page, apply your change again and retry with new_version_number ${current + 1}.`, { currentVersion: current })
      : errorResult('VERSION_CONFLICT', 'The page changed since it was read (or a page with this title already exists in the space). Re-read it with get_confluence_page and retry with its version + 1.');
  }
  if (error instanceof RateLimitedError) {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000));
    return errorResult('RATE_LIMITED', `Confluence is rate limiting requests. Retry after ${seconds} seconds.`, { retryAfterSeconds: seconds });
  }
  if (error instanceof UnauthorizedError) return errorResult('UNAUTHORIZED', 'Confluence refused the credentials. The user must check the configured username, API token or personal access token; retrying will not help.');
  if (error instanceof ForbiddenError) return errorResult('FORBIDDEN', 'This user lacks permission for that action in Confluence. Ask a space admin for access, or pick content the user may edit.');
  if (error instanceof CqlBuildError) return errorResult('INVALID_QUERY', `${error.message}. Fix the query, or use the structured filters instead of cql.`);
  if (error instanceof BadRequestError) return errorResult('INVALID_ARGUMENT', `Confluence refused the request: ${error.serverMessage ?? 'no details'}. Fix the arguments and retry.`);
  if (error instanceof PayloadTooLargeError) {
    return error.status === 413
      ? errorResult('TOO_LARGE', 'Confluence refused the request as too large (HTTP 413). Send a smaller body or file, or split the content over several pages.')
      : errorResult('TOO_LARGE', `Confluence refused the request: its URL or headers are too long (HTTP ${error.status ?? 414}). Use fewer space_keys or labels, or a shorter query.`);
  }
  if (error instanceof ResponseTooLargeError) return errorResult('TOO_LARGE', 'The content is larger than this server accepts. Ask for less (max_bytes, max_chars, a section).');
  if (error instanceof AbortError) return errorResult('UNAVAILABLE', 'The call was cancelled before it finished.');
  if (error instanceof GoneError || error instanceof ServerError || error instanceof TimeoutError || error instanceof ConnectionError) {
    logger.warn('confluence unavailable', { tool, error: error.toJSON() });
    return errorResult('UNAVAILABLE', `${site} ${whatHappened(error)}. Retry in a minute; if it keeps failing, the user should check the Confluence URL and the network.`);
  }
  // The client refused the call before sending it; other TypeErrors are bugs.
  if (error instanceof InvalidArgumentError) return errorResult('INVALID_ARGUMENT', error.message);
  logger.error('tool failed', { tool, error: error instanceof ConfluenceError ? error.toJSON() : describe(error) });
  return errorResult('INTERNAL', 'An unexpected error occurred. The details are in the server log.');
}

/** Where a call came from, for messages that name the site and the advice of the tool. */
export interface ErrorResultContext {
  /** The Confluence site, named in messages about an unreachable or slow Confluence. */
  siteUrl?: string;
  /** The tool's advice for a write whose outcome is unknown. */
  unknownOutcome?: string;
}

/** What went wrong on the way to Confluence, in words (a system error code such as ECONNREFUSED when known). */
function whatHappened(error: ConfluenceError): string {
  // The client reports the system error code (ECONNREFUSED...) of the cause chain in its JSON, never a message.
  const code = String(error.toJSON()['cause'] ?? '');
  if (error instanceof TimeoutError) return 'did not answer in time';
  if (error instanceof AbortError) return 'the request was interrupted';
  if (error instanceof ConnectionError) {
    if (code === 'ECONNREFUSED') return 'refused the connection (connection refused: nothing is listening at that address)';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `could not be found (${code}: the host name does not resolve)`;
    if (/redirect/i.test(error.message)) return 'sent too many redirects';
    return `could not be reached${code ? ` (${code})` : ''}`;
  }
  if (error instanceof GoneError) return 'no longer offers this API (HTTP 410)';
  return `answered with a server error (HTTP ${error.status ?? '5xx'})`;
}

function describe(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
}

/** Longest string kept in a logged argument: bodies are summarised, not logged. */
const MAX_LOGGED_STRING = 200;

/** Tool arguments fit for a log line: long strings (page bodies) are cut and their length noted. */
export function sanitizeArguments(args: unknown): unknown {
  if (typeof args === 'string') return args.length > MAX_LOGGED_STRING ? `${args.slice(0, MAX_LOGGED_STRING)}… (${args.length} chars)` : args;
  if (Array.isArray(args)) return args.slice(0, 20).map(sanitizeArguments);
  if (args && typeof args === 'object') return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, sanitizeArguments(v)]));
  return args;
}

/** `1 comment`, `2 comments`: counts in text read as a person would write them. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/**
 * Text on one line (line breaks and the spaces around them become one space), cut at `max` characters with an
 * ellipsis. Split and trim rather than a regex: `\s*\n\s*` backtracks quadratically on a long run of spaces.
 */
export function oneLine(text: string, max: number): string {
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const flat = head
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  return flat.length > max || head.length < text.length ? `${flat.slice(0, max)}…` : flat;
}

/** A logger that drops everything, for servers built without one. */
export const silentLogger: ToolLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
