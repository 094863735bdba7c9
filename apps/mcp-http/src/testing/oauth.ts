/**
 * Test helpers for MCP OAuth: a free port (the public URL must be known before the server starts), an
 * `OAuthClientProvider` for the SDK client whose "browser" follows the redirect chain (our `/authorize`, the
 * emulator's consent screen, our callback) with `redirect: 'manual'` fetches and captures the code, and a PKCE pair.
 */
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** Where the test "MCP client" says it listens; nothing does: the chain stops at this URL and the code is read off it. */
export const CLIENT_REDIRECT = 'http://127.0.0.1:9/oauth/done';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Follows redirects by hand until one points at `stopAt`; returns that URL (or throws with the status met). */
export async function followUntil(start: string, stopAt: string): Promise<URL> {
  let next = new URL(start);
  for (let hop = 0; hop < 10; hop++) {
    if (next.href.startsWith(stopAt)) return next;
    const response = await fetch(next, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) throw new Error(`redirect chain stopped at ${next.pathname} with HTTP ${response.status}: ${await response.text()}`);
    next = new URL(location, next);
  }
  throw new Error('too many redirects');
}

/** An in-memory OAuth client for the SDK: registers itself, follows the sign-in, keeps its tokens. */
export class TestOAuthProvider implements OAuthClientProvider {
  info?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  verifier?: string;
  /** The code our callback sent back, and the state with it. */
  code?: string;
  returnedState?: string | null;
  /** Every URL of the sign-in chain's end, for asserting on. */
  readonly redirectUrl = CLIENT_REDIRECT;
  readonly clientMetadata: OAuthClientMetadata = {
    client_name: 'mcp-http oauth spec',
    redirect_uris: [CLIENT_REDIRECT],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };

  state(): string {
    return 'client-state-1';
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens): void {
    this.saved = tokens;
  }
  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }
  codeVerifier(): string {
    if (!this.verifier) throw new Error('no code verifier saved');
    return this.verifier;
  }
  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    const end = await followUntil(authorizationUrl.href, CLIENT_REDIRECT);
    this.code = end.searchParams.get('code') ?? undefined;
    this.returnedState = end.searchParams.get('state');
    if (!this.code) throw new Error(`sign-in ended without a code: ${end.search}`);
  }
}

/** A PKCE S256 pair. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
