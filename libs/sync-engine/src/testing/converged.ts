/**
 * The convergence check every sync spec ends with: the destination holds exactly what alice can read, chunk by
 * chunk, and the store records exactly that. Works for any sink whose chunks can be read back (the local index, the
 * LlamaCloud emulator's stored documents).
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { storageToMarkdown } from '@confluence-mcp/confluence-markdown';
import { expect } from '@jest/globals';
import { chunkId } from '../documents/chunker';
import { LocalIndex } from '../sinks/local-sink';
import { SyncWorld, visiblePages, wordsOf } from './sync-world';

/** A chunk as a destination holds it. */
export interface HeldChunk {
  id: string;
  page_id: string;
  text: string;
  metadata: Record<string, unknown>;
}

/** The chunks of a local index. */
export function localChunks(local: LocalIndex): HeldChunk[] {
  return local.chunks();
}

/** The documents a LlamaCloud (emulator) pipeline stores, as chunks. */
export function cloudChunks(documents: ReadonlyArray<{ id: string; text: string; metadata: Record<string, unknown> }>): HeldChunk[] {
  return documents.map((document) => ({ id: document.id, page_id: String(document.metadata['page_id']), text: document.text, metadata: document.metadata }));
}

/**
 * Asserts that `held` (a local index, or chunks read back from another destination) is exactly what alice can read
 * in the world's space: one chunk set per visible page, numbered 0..n-1 with the ids the chunker gives, no duplicate
 * and no orphan (a chunk of an unrecorded page, or beyond its page's count), the current title, version, ancestors,
 * author and words; and that the store records exactly those pages, versions and chunk ids, with nothing pending.
 */
export async function expectConverged(world: SyncWorld, held: LocalIndex | readonly HeldChunk[]): Promise<void> {
  const { emulator, spaceKey } = world;
  const chunks = held instanceof LocalIndex ? localChunks(held) : held;
  const truth = visiblePages(emulator, spaceKey);
  const truthIds = truth.map((p) => p.id).sort();
  expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  expect([...new Set(chunks.map((c) => c.page_id))].sort()).toEqual(truthIds);
  const recorded = new Map((await world.store.listSyncedPages(world.index.id)).map((p) => [p.pageId, p]));
  expect([...recorded.keys()].sort()).toEqual(truthIds);
  const site = new URL(world.client.siteUrl).host;
  const users = [...emulator.control.world.users.values()];
  // Data Center looks users up by user key: an account-id mention (a Cloud construct) stays an id there.
  const resolveUser = (id: string) => (emulator.control.flavor === 'cloud' ? users.find((u) => u.accountId === id)?.displayName : undefined);
  for (const page of truth) {
    const current = page.versions[page.versions.length - 1];
    const own = chunks.filter((c) => c.page_id === page.id).sort((a, b) => Number(a.metadata['chunk_index']) - Number(b.metadata['chunk_index']));
    expect(own.map((c) => c.id)).toEqual(own.map((_, n) => chunkId(site, page.id, n)));
    for (const chunk of own) {
      expect(chunk.metadata).toMatchObject({ page_id: page.id, title: current.title, version: current.number, space_key: spaceKey, chunk_count: own.length });
    }
    expect(own[0].metadata['ancestors']).toEqual(ancestorTitles(emulator, page.parentId));
    expect(own[0].metadata['author']).toBe(emulator.control.world.users.get(page.authorId)?.displayName);
    const expected = wordsOf(storageToMarkdown(current.body, { resolveUser }).markdown);
    const words = wordsOf(own.map((c) => c.text).join('\n'));
    expect([...expected].filter((word) => !words.has(word))).toEqual([]);
    expect(recorded.get(page.id)).toMatchObject({ version: current.number, title: current.title, pendingChunkIds: null, chunkIds: own.map((c) => c.id) });
  }
}

/** Titles of a page's ancestors in the emulator's world, top first. */
export function ancestorTitles(emulator: RunningEmulator, parentId: string | null): string[] {
  const titles: string[] = [];
  for (let id = parentId; id; ) {
    const parent = emulator.control.world.pages.get(id);
    if (!parent) break;
    titles.unshift(parent.versions[parent.versions.length - 1].title);
    id = parent.parentId;
  }
  return titles;
}
