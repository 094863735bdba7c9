/**
 * The one seam between the HTTP server and an authentication mode. The server asks the mode who a request is
 * (`authenticate`), which Confluence client serves it, and how a 401 is worded (`challenge`); a mode with routes of
 * its own (MCP OAuth: metadata, authorization, token, registration) answers them in `handle`. The server itself
 * never reads credentials.
 */
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import type { Logger } from '@confluence-mcp/logging';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Who is calling, and the Confluence client that acts for them. */
export interface Caller {
  /** For logs, never a secret: `key:1a2b3c4d`, `alice@example.com`, `pat:9f8e7d6c`. */
  identity: string;
  /** The Confluence site, for logs (per-user modes). */
  site?: string;
  /**
   * The rate limiter's bucket, and the owner of a stateful session: equal only for the same credentials (a caller
   * sending someone else's name with a wrong secret gets a bucket of its own).
   */
  rateKey: string;
  client: ConfluenceClient;
  /**
   * Whether `client` serves other requests too (the service's own credentials). Then MCP servers built on it are
   * pooled and reused, caches included; otherwise each request gets a server of its own and nothing outlives it.
   */
  shared: boolean;
  /** Handed to the MCP SDK (tool handlers see it as `extra.authInfo`). */
  authInfo?: AuthInfo;
}

/** Why a request is refused: 401 (no or bad credentials), 403 (not allowed), 400 (malformed). */
export interface Refusal {
  status: 400 | 401 | 403;
  /** Shown to the caller: says what to send instead, never echoes what was sent. */
  message: string;
  /** RFC 6750 error code of the `WWW-Authenticate` challenge (absent when no credentials were sent). */
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
}

export type AuthOutcome = { ok: true; caller: Caller } | ({ ok: false } & Refusal);

/** What a mode's own routes get besides the request. */
export interface RouteContext {
  log: Logger;
  requestId: string;
}

/**
 * An authentication mode.
 *
 * @example
 * const outcome = await authenticator.authenticate(req);
 * if (!outcome.ok && outcome.status === 401) res.setHeader('WWW-Authenticate', authenticator.challenge(outcome));
 */
export interface Authenticator {
  /** `api-keys`, `user-credentials`, `none` (and `oauth`): logged at start. */
  readonly mode: string;
  /** From the request's headers alone: the body is read only for callers that pass. */
  authenticate(req: IncomingMessage): Promise<AuthOutcome>;
  /**
   * Called when a POST carries `initialize`, once per client connection: a mode whose credentials only Confluence
   * can check asks it here, so a wrong password is a 401 at connect rather than an error on every tool call.
   */
  verifyOnInitialize?(caller: Caller, signal: AbortSignal): Promise<Refusal | undefined>;
  /** The `WWW-Authenticate` value of a 401: always a `Bearer` challenge (MCP OAuth adds `resource_metadata`). */
  challenge(refusal: Refusal): string;
  /** Answers a route of the mode's own (after the Host and Origin checks); true when it did. */
  handle?(req: IncomingMessage, res: ServerResponse, context: RouteContext): Promise<boolean>;
  /** The service's own client, when the mode has one: `/readyz` checks that Confluence answers it. */
  readonly serviceClient?: ConfluenceClient;
  /** Releases what the mode holds (stores, timers) at shutdown. */
  close?(): Promise<void>;
}

/** The realm every challenge names. */
export const REALM = 'confluence-mcp';

/** `Bearer realm="confluence-mcp"`, with the RFC 6750 error code when credentials were sent and refused. */
export function bearerChallenge(refusal: Refusal, extra: Record<string, string> = {}): string {
  const params: Record<string, string> = { realm: REALM, ...extra };
  if (refusal.error) params['error'] = refusal.error;
  return `Bearer ${Object.entries(params)
    .map(([key, value]) => `${key}="${value.replace(/["\\]/g, '')}"`)
    .join(', ')}`;
}

/** The credentials of an `Authorization` header, parsed strictly; `undefined` when absent or unusable. */
export type Credentials = { scheme: 'bearer'; token: string } | { scheme: 'basic'; user: string; secret: string } | { scheme: 'malformed' };

/** `Bearer <token>` or `Basic base64(user:secret)`; anything else, or a malformed value, is `malformed`. */
export function credentialsOf(header: string | undefined): Credentials | undefined {
  if (!header?.trim()) return undefined;
  const match = /^([A-Za-z]+) +(\S+) *$/.exec(header);
  if (!match) return { scheme: 'malformed' };
  const scheme = match[1].toLowerCase();
  const value = match[2];
  if (scheme === 'bearer') return /^[A-Za-z0-9\-._~+/]+=*$/.test(value) ? { scheme: 'bearer', token: value } : { scheme: 'malformed' };
  if (scheme !== 'basic' || !/^[A-Za-z0-9+/]+=*$/.test(value)) return { scheme: 'malformed' };
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return { scheme: 'malformed' };
  return { scheme: 'basic', user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
