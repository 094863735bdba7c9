/**
 * Mode 1: `Authorization: Bearer <API key>`, checked against SHA-256 hashes of the configured keys; every caller
 * acts in Confluence with the service's own credentials. Keys are compared hash to hash with
 * `crypto.timingSafeEqual`, against every configured hash, so the time taken tells nothing about any key.
 */
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApiKeyHash } from '../config';
import { AuthOutcome, Authenticator, Refusal, bearerChallenge, credentialsOf } from './authenticator';

const MISSING: Refusal = { status: 401, message: 'Unauthorized: send Authorization: Bearer <API key>' };
const WRONG: Refusal = { status: 401, message: 'Unauthorized: the API key is not valid', error: 'invalid_token' };

/**
 * The API-key mode over the service's client.
 *
 * @example
 * const auth = apiKeyAuthenticator(config.auth.keys, createConfluenceClient(config.auth.service.options));
 */
export function apiKeyAuthenticator(keys: readonly ApiKeyHash[], client: ConfluenceClient): Authenticator {
  return {
    mode: 'api-keys',
    serviceClient: client,
    async authenticate(req: IncomingMessage): Promise<AuthOutcome> {
      const credentials = credentialsOf(req.headers.authorization);
      if (!credentials) return { ok: false, ...MISSING };
      if (credentials.scheme !== 'bearer') return { ok: false, ...WRONG, message: 'Unauthorized: send the API key as Authorization: Bearer <API key>' };
      const key = matchKey(credentials.token, keys);
      if (!key) return { ok: false, ...WRONG };
      return { ok: true, caller: { identity: `key:${key.id}`, rateKey: `key:${key.id}`, client, shared: true } };
    },
    challenge: (refusal) => bearerChallenge(refusal),
  };
}

/** The configured key `token` hashes to, comparing with every hash (no early exit). */
export function matchKey(token: string, keys: readonly ApiKeyHash[]): ApiKeyHash | undefined {
  const digest = createHash('sha256').update(token, 'utf8').digest();
  let found: ApiKeyHash | undefined;
  for (const key of keys) {
    if (timingSafeEqual(digest, key.sha256) && !found) found = key;
  }
  return found;
}
