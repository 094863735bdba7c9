/**
 * One rotating token source per Atlassian grant in this process, over the shared database: a refresh takes the
 * grant's lease (so no two instances refresh the same grant), re-reads the stored tokens (another instance may have
 * rotated them already), and stores the rotated refresh token by compare-and-swap before the new access token is
 * used. Sources are kept in a small LRU so a busy user's calls share one.
 */
import { AtlassianOAuthClient, OAuthGrantError, OAuthTokenSource, createOAuthTokenSource } from '@confluence-mcp/confluence-client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OAuthStore } from './store';

/** Longest a refresh may hold the lease; a crashed holder's lease lapses after this. */
const LEASE_MS = 30_000;
const POLL_MS = 25;
const MAX_SOURCES = 1_000;

export class GrantTokens {
  private readonly sources = new Map<string, OAuthTokenSource>();

  constructor(private readonly store: OAuthStore, private readonly oauth: AtlassianOAuthClient) {}

  /** The token source of a stored grant; `OAuthGrantError` when the grant is gone. */
  source(grantId: string): OAuthTokenSource {
    const cached = this.sources.get(grantId);
    if (cached) {
      this.sources.delete(grantId);
      this.sources.set(grantId, cached);
      return cached;
    }
    const grant = this.store.grant(grantId);
    if (!grant) throw new OAuthGrantError('The Atlassian grant behind this token no longer exists; sign in again', { method: '-', path: 'grant' });
    const source = createOAuthTokenSource({
      oauth: this.oauth,
      tokens: grant.tokens,
      persist: async (next, previous) => {
        if (!this.store.replaceTokens(grantId, next, previous)) throw new Error('the grant was rotated by another writer');
      },
      reload: async () => {
        const stored = this.store.grant(grantId);
        if (!stored) throw new OAuthGrantError('The Atlassian grant behind this token no longer exists; sign in again', { method: '-', path: 'grant' });
        return stored.tokens;
      },
      exclusive: (work) => this.withLease(grantId, work),
    });
    this.sources.set(grantId, source);
    if (this.sources.size > MAX_SOURCES) this.sources.delete(this.sources.keys().next().value as string);
    return source;
  }

  private async withLease<T>(grantId: string, work: () => Promise<T>): Promise<T> {
    // Polling a row lease: SQLite has no cross-process wait; a refresh is one HTTPS round trip, so waits are short.
    while (!this.store.tryLease(grantId, Date.now() + LEASE_MS)) await sleep(POLL_MS);
    try {
      return await work();
    } finally {
      this.store.releaseLease(grantId);
    }
  }
}
