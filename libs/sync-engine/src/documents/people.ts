/** Display names of authors and mentioned users, looked up once per user for the whole run. */
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';

/** Resolves user ids (account ids on Cloud, user keys on Data Center) to display names, caching every answer. */
export class PeopleDirectory {
  private readonly names = new Map<string, string | null>();

  constructor(private readonly client: ConfluenceClient, private readonly signal?: AbortSignal) {}

  /** Looks up the ids not seen yet (a failed lookup is remembered as unknown: the id is shown instead). */
  async prefetch(ids: Iterable<string | null | undefined>): Promise<void> {
    for (const id of new Set(ids)) {
      if (!id || this.names.has(id)) continue;
      try {
        const user = await this.client.users.get(id, { signal: this.signal });
        this.names.set(id, user.displayName);
      } catch (error) {
        if (this.signal?.aborted) throw error;
        // Deleted or anonymised users answer 404: their id is all there is to show.
        this.names.set(id, null);
      }
    }
  }

  /** The display name, when known. */
  nameOf(id: string | null | undefined): string | undefined {
    return (id && this.names.get(id)) || undefined;
  }
}
