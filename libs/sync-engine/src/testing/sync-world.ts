/** Spec helpers: an emulator, a metered client, an in-memory store, and the emulator's truth to compare with. */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import type { ConfluenceClient, Flavor } from '@confluence-mcp/confluence-client';
import { clientFor, emulatorFor } from '@confluence-mcp/confluence-client/testing';
import type { Chunk } from '../documents/chunker';
import type { Sink } from '../sinks/sink';
import { openDatabase, SyncDatabase } from '../store/database';
import { SqliteSyncStore } from '../store/sqlite-store';
import type { IndexRecord } from '../store/types';
import { createRequestMeter, RequestMeter } from '../sync/meter';

/** Everything a sync spec needs, over real sockets and real migrations. */
export interface SyncWorld {
  emulator: RunningEmulator;
  client: ConfluenceClient;
  meter: RequestMeter;
  db: SyncDatabase;
  store: SqliteSyncStore;
  index: IndexRecord;
  spaceKey: string;
  close(): Promise<void>;
}

/** An emulator of `flavor` with one open space synced by `alice` into a fresh in-memory store. */
export async function syncWorld(flavor: Flavor, options: { pagesPerSpace?: number; seed?: number; dbUrl?: string } = {}): Promise<SyncWorld> {
  const emulator = await emulatorFor(flavor, { spaces: 2, pagesPerSpace: options.pagesPerSpace ?? 30, seed: options.seed ?? 11 });
  const meter = createRequestMeter();
  const client = clientFor(emulator, 'alice', { fetch: meter.fetch, retry: { backoffLimitMs: 50 } });
  const db = openDatabase({ url: options.dbUrl ?? ':memory:' });
  const store = new SqliteSyncStore(db);
  const space = [...emulator.control.world.spaces.values()].find((s) => s.permissions.read === '*');
  if (!space) throw new Error('no open space in the emulator world');
  const index = await store.createIndex({ name: `idx-${space.key}`, siteUrl: client.siteUrl, spaces: [space.key], destination: 'local' });
  return {
    emulator,
    client,
    meter,
    db,
    store,
    index,
    spaceKey: space.key,
    async close() {
      await store.close();
      await emulator.close();
    },
  };
}

/**
 * What alice may read in the space, from the emulator's own world: current pages whose page and ancestors are not
 * read-restricted for her (Confluence's inherited view restrictions).
 */
export function visiblePages(emulator: RunningEmulator, spaceKey: string) {
  const world = emulator.control.world;
  const alice = emulator.control.user('alice');
  const space = [...world.spaces.values()].find((s) => s.key === spaceKey);
  const readable = (id: string | null, depth = 0): boolean => {
    if (!id) return true;
    const page = world.pages.get(id);
    if (!page || depth > 100) return false;
    return (!page.restrictions.read || page.restrictions.read.includes(alice.accountId)) && readable(page.parentId, depth + 1);
  };
  return [...world.pages.values()].filter((p) => p.spaceId === space?.id && p.type === 'page' && p.status === 'current' && readable(p.id));
}

/** A sink wrapper that records what reaches the real sink (and can fail on demand). */
export class RecordingSink implements Sink {
  readonly kind: string;
  upserted: Chunk[] = [];
  deleted: string[] = [];
  failNext?: 'upsert' | 'delete';

  constructor(private readonly inner: Sink) {
    this.kind = inner.kind;
  }

  async upsert(chunks: readonly Chunk[], signal?: AbortSignal): Promise<void> {
    if (this.failNext === 'upsert' && chunks.length) {
      this.failNext = undefined;
      throw new Error('sink down');
    }
    await this.inner.upsert(chunks, signal);
    this.upserted.push(...chunks);
  }

  async delete(ids: readonly string[], signal?: AbortSignal): Promise<void> {
    if (this.failNext === 'delete' && ids.length) {
      this.failNext = undefined;
      throw new Error('sink down');
    }
    await this.inner.delete(ids, signal);
    this.deleted.push(...ids);
  }

  reset(): void {
    this.upserted = [];
    this.deleted = [];
  }
}

/** The words of a text (letters and digits), for comparing content regardless of Markdown syntax and link targets. */
export function wordsOf(text: string): Set<string> {
  const withoutTargets = text.replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, ']').replace(/<!--[\s\S]*?-->/g, ' ');
  return new Set(withoutTargets.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}
