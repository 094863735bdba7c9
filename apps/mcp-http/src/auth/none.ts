/**
 * `MCP_AUTH=none`: every request acts with the service's credentials, unauthenticated. The configuration allows
 * it only on a loopback address (a developer's own machine), and only when asked for by name.
 */
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import { Authenticator, bearerChallenge } from './authenticator';

export function noAuthenticator(client: ConfluenceClient): Authenticator {
  return {
    mode: 'none',
    serviceClient: client,
    authenticate: async () => ({ ok: true, caller: { identity: 'anonymous', rateKey: 'anonymous', client, shared: true } }),
    challenge: (refusal) => bearerChallenge(refusal),
  };
}
