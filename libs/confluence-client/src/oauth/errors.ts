/**
 * Errors of the Atlassian OAuth 2.0 (3LO) client: one base class, one subclass per meaning. Messages read
 * "what failed: METHOD path" and carry only plain fields: never a code, token, client secret or request body.
 */
import { causeCode } from '../core/errors';

/** What an OAuth error may carry besides its message. */
export interface OAuthErrorDetails {
  status?: number;
  /** The OAuth `error` code of the answer (`invalid_grant`, `access_denied`...), when it had one. */
  code?: string;
  cause?: unknown;
}

/**
 * Base class of every error the Atlassian OAuth client and the token source end with.
 *
 * @example
 * try {
 *   await source.getAccessToken({ forceRefresh: false });
 * } catch (error) {
 *   if (error instanceof OAuthGrantError) askTheUserToConnectAgain();
 *   else throw error;
 * }
 */
export class AtlassianOAuthError extends Error {
  override name = 'AtlassianOAuthError';
  /** HTTP method of the request (`POST`), or `-` when none was made. */
  readonly method: string;
  /** Path of the request (`/oauth/token`), without query string. */
  readonly path: string;
  readonly status?: number;
  /** The OAuth `error` code, when Atlassian sent one (only `[a-z_]` codes are kept). */
  readonly code?: string;

  constructor(message: string, context: { method: string; path: string }, details: OAuthErrorDetails = {}) {
    super(`${message}: ${context.method} ${context.path}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = context.method;
    this.path = context.path;
    this.status = details.status;
    this.code = details.code && /^[a-z_]{1,64}$/.test(details.code) ? details.code : undefined;
  }

  /** Plain fields only; `cause` reduced to its code or name. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, status: this.status, code: this.code, method: this.method, path: this.path, cause: causeCode(this.cause) };
  }
}

/**
 * The authorization code or refresh token was refused (expired, used already, revoked, or its family revoked
 * after a rotated refresh token was reused). The user must connect again; retrying cannot help.
 */
export class OAuthGrantError extends AtlassianOAuthError {
  override name = 'OAuthGrantError' as const;
}

/** The app's client id or secret was refused (401, `invalid_client`, `access_denied`): a configuration problem. */
export class OAuthClientError extends AtlassianOAuthError {
  override name = 'OAuthClientError' as const;
}

/** An access token was refused by the API (401 from accessible-resources): expired or revoked. */
export class OAuthTokenRejectedError extends AtlassianOAuthError {
  override name = 'OAuthTokenRejectedError' as const;
}

/**
 * Atlassian could not be reached or did not answer usefully: connection failure, timeout, 429 or 5xx, or an answer
 * that is not the documented shape. For a refresh the outcome is unknown: the token may have been rotated.
 */
export class OAuthUnavailableError extends AtlassianOAuthError {
  override name = 'OAuthUnavailableError' as const;
}

/**
 * The rotated tokens could not be stored (`persist` rejected): the new access token was not used. The token
 * source keeps them in memory and tries to store them again on the next call, before anything else.
 */
export class TokenPersistError extends AtlassianOAuthError {
  override name = 'TokenPersistError' as const;
}
