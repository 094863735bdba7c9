/**
 * The authenticator of the configured mode: each mode adds its member to `AuthConfig` and one case here; the server
 * only ever sees the `Authenticator` interface.
 */
import { createConfluenceClient } from '@confluence-mcp/confluence-client';
import type { Logger } from '@confluence-mcp/logging';
import type { AuthConfig } from '../config';
import { apiKeyAuthenticator } from './api-keys';
import type { Authenticator } from './authenticator';
import { noAuthenticator } from './none';
import { oauthAuthenticator } from './oauth';
import { userCredentialsAuthenticator } from './user-credentials';

export type { AuthOutcome, Authenticator, Caller, Refusal, RouteContext } from './authenticator';
export { REALM, bearerChallenge, credentialsOf } from './authenticator';

/** What every mode may use: the User-Agent of its Confluence clients and the logger for their request summaries. */
export interface AuthenticatorDeps {
  userAgent: string;
  logger: Logger;
}

export function createAuthenticator(config: AuthConfig, deps: AuthenticatorDeps): Authenticator {
  switch (config.mode) {
    case 'api-keys':
      return apiKeyAuthenticator(config.keys, createConfluenceClient({ ...config.service.options, userAgent: deps.userAgent, logger: deps.logger }));
    case 'user-credentials':
      return userCredentialsAuthenticator({ sites: config.sites, timeoutMs: config.timeoutMs, userAgent: deps.userAgent, logger: deps.logger });
    case 'oauth':
      return oauthAuthenticator(config.oauth, deps);
    case 'none':
      return noAuthenticator(createConfluenceClient({ ...config.service.options, userAgent: deps.userAgent, logger: deps.logger }));
  }
}
