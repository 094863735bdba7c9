/** Display names of authors and mentioned users, looked up once per user for the whole run. */
import { ConfluenceClient, ConnectionError, RateLimitedError, ServerError, TimeoutError } from '@confluence-mcp/confluence-client';

/** Resolves user ids (account ids on Cloud, user keys on Data Center) to display names, caching every answer. */
export class PeopleDirectory {
  private readonly names = new Map<string, string | null>();

  constructor(private readonly client: ConfluenceClient, private readonly signal?: AbortSignal) {}

  /**
   * Looks up the ids not seen yet. A user Confluence does not show is remembered as unknown (the id is shown instead);
   * a lookup that failed for a passing reason (rate limit, server error, timeout, connection) throws, so that the run
   * fails and the next one retries rather than writing the id into chunks that are never rewritten.
   */
  async prefetch(ids: Iterable<string | null | undefined>): Promise<void> {
    for (const id of new Set(ids)) {
      if (!id || this.names.has(id)) continue;
      try {
        const user = await this.client.users.get(id, { signal: this.signal });
        this.names.set(id, user.displayName);
      } catch (error) {
        if (this.signal?.aborted || isPassing(error)) throw error;
        // Deleted or anonymised users answer 404: their id is all there is to show.
        this.names.set(id, null);
      }
    }
  }

  /** Looks up Data Center user names (old Server mentions) not seen yet; Cloud has none, so there this does nothing. */
  async prefetchUsernames(usernames: Iterable<string>): Promise<void> {
    if (this.client.flavor !== 'dc') return;
    for (const username of new Set(usernames)) {
      const key = `username:${username}`;
      if (!username || this.names.has(key)) continue;
      try {
        this.names.set(key, (await this.client.users.getByUsername(username, { signal: this.signal })).displayName);
      } catch (error) {
        if (this.signal?.aborted || isPassing(error)) throw error;
        this.names.set(key, null);
      }
    }
  }

  /** The display name of a user name, when known. */
  nameOfUsername(username: string): string | undefined {
    return this.names.get(`username:${username}`) || undefined;
  }

  /** The display name, when known. */
  nameOf(id: string | null | undefined): string | undefined {
    return (id && this.names.get(id)) || undefined;
  }
}

function isPassing(error: unknown): boolean {
  return error instanceof RateLimitedError || error instanceof ServerError || error instanceof TimeoutError || error instanceof ConnectionError;
}
