/**
 * One sync run of one index: list every page of its spaces without bodies, diff against what the destination holds,
 * fetch bodies only for new and changed pages (250 ids per request), write chunks, delete what is gone, and record
 * it all so that a crash at any point resumes without losing or duplicating a page.
 *
 * Crash safety, per batch: (1) announce the chunk ids about to be written (`markPending`), (2) write them to the
 * sink, (3) delete the page's stale chunks, (4) commit the records in one transaction. A crash after (1) leaves the
 * pending ids, so the next run rewrites the page and deletes whatever of them it no longer has.
 */
import { collect } from '@confluence-mcp/confluence-client';
import type { ConfluenceClient, Page } from '@confluence-mcp/confluence-client';
import { collectReferences } from '@confluence-mcp/confluence-markdown';
import { Chunk, Chunker, ChunkingOptions, contentHash } from '../documents/chunker';
import { pageDocument } from '../documents/page-document';
import { PeopleDirectory } from '../documents/people';
import type { Sink } from '../sinks/sink';
import type { IndexRecord, RunCounts, RunTrigger, SyncStore, SyncedPage } from '../store/types';
import { ListedPage, ancestryOf, diffPages } from './diff';
import { HeldLease, takeLease } from './lease';
import type { RequestCounts } from './meter';
import { SyncFailedError, SyncProgress, SyncSummary } from './progress';

/** Options of `runSync`. */
export interface SyncRunOptions {
  client: ConfluenceClient;
  store: SyncStore;
  index: IndexRecord;
  sink: Sink;
  trigger?: RunTrigger;
  /**
   * A run queued beforehand (`store.queueRun`, as the service's executor does): it is marked running and recorded
   * instead of a new one; `trigger` is then ignored (the queued run has its own).
   */
  runId?: number;
  /** Aborts at once: requests in flight are abandoned (what was announced is cleaned up by the next run). */
  signal?: AbortSignal;
  /**
   * Stops gracefully: checked between batches (and while listing), so the batch in flight is written and committed
   * first; the run then ends `cancelled`, its error `cancelled: <reason>` when the reason is a string.
   */
  stop?: AbortSignal;
  /** The index's lease, already held by the caller (who releases it); without it, runSync takes and releases its own. */
  lease?: HeldLease;
  onProgress?: (event: SyncProgress) => void;
  /** Counts of the client's requests (a `RequestMeter` wrapping the client's fetch). */
  meter?: { counts(): RequestCounts };
  chunking?: ChunkingOptions;
  /** Pages per body request and per write batch. @default 250 */
  batchSize?: number;
  /** @default 60_000 */
  leaseTtlMs?: number;
  /**
   * Page labels in the chunks' metadata. `when-free` (default): on Data Center, where the bulk read carries them;
   * `always`: on Cloud too, at one extra request per new or changed page (Cloud's bulk read has none); `never`.
   */
  labels?: 'when-free' | 'always' | 'never';
  /** Test seam: called at the named points of each batch, to inject crashes. */
  checkpoint?: (point: 'after-pending' | 'after-upsert' | 'after-stale-delete' | 'after-commit' | 'after-gone-delete') => void | Promise<void>;
}

/** The error of a run found unfinished under the lease: the process that queued or ran it is gone. */
export const INTERRUPTED_RUN = 'interrupted: the process running it stopped';

/** The counters of a run that did nothing (yet). */
export const EMPTY_COUNTS: RunCounts = { listed: 0, new: 0, changed: 0, unchanged: 0, deleted: 0, failed: 0, requests: 0, bytes: 0 };

/** Runs one sync of `index` into `sink`, records it in history and returns its summary; throws `SyncFailedError` (with the summary) when it fails or is cancelled. */
export async function runSync(options: SyncRunOptions): Promise<SyncSummary> {
  const { store, index } = options;
  const lease = options.lease ?? (await takeLease(store, index.id, options.leaseTtlMs ?? 60_000));
  try {
    // Under the lease, every other unfinished run of the index is one whose process is gone.
    await store.failAbandonedRuns(index.id, INTERRUPTED_RUN, options.runId === undefined ? {} : { except: options.runId });
    const run = options.runId === undefined ? await store.startRun(index.id, options.trigger ?? 'cli') : await store.startQueuedRun(options.runId);
    const signal = options.signal ? AbortSignal.any([options.signal, lease.lost]) : lease.lost;
    const worker = new RunWorker(options, signal, run.id);
    try {
      await worker.run();
      const record = await store.finishRun(run.id, { status: 'succeeded', counts: worker.counts() });
      return summaryOf(record, index);
    } catch (error) {
      const stopped = options.stop?.aborted === true;
      const cancelled = signal.aborted || stopped;
      const why = lease.lost.aborted ? 'lost the lease of this index to another run' : stopped && typeof options.stop?.reason === 'string' ? options.stop.reason : '';
      const message = cancelled ? `cancelled${why ? `: ${why}` : ''}` : oneLine(error);
      const record = await store.finishRun(run.id, { status: cancelled ? 'cancelled' : 'failed', counts: worker.counts(), error: message });
      throw new SyncFailedError(message, summaryOf(record, index), { cause: error });
    }
  } finally {
    if (!options.lease) await lease.release();
  }
}

/** The state of one run. */
class RunWorker {
  private readonly counters = { ...EMPTY_COUNTS };
  private readonly startCounts: RequestCounts;
  private readonly started = Date.now();
  private readonly chunker: Chunker;
  private readonly people: PeopleDirectory;
  private readonly site: string;
  private pagesTotal = 0;
  private pagesDone = 0;

  constructor(private readonly options: SyncRunOptions, private readonly signal: AbortSignal, private readonly runId: number) {
    this.startCounts = options.meter?.counts() ?? { requests: 0, bytes: 0 };
    this.chunker = new Chunker(options.chunking);
    this.people = new PeopleDirectory(options.client, signal);
    this.site = new URL(options.client.siteUrl).host;
  }

  counts(): RunCounts {
    const now = this.options.meter?.counts() ?? this.startCounts;
    return { ...this.counters, requests: now.requests - this.startCounts.requests, bytes: now.bytes - this.startCounts.bytes };
  }

  async run(): Promise<void> {
    const { client, store, index } = this.options;
    const listed = new Map<string, ListedPage>();
    const spaceNames = new Map<string, string>();
    for (const key of index.spaces) {
      this.stopIfAsked();
      const space = await client.spaces.get(key, { signal: this.signal });
      spaceNames.set(key, space.name);
      for await (const page of client.pages.iterate(client.flavor === 'cloud' ? { spaceId: space.id } : { spaceKey: space.key }, {}, { signal: this.signal })) {
        this.stopIfAsked();
        if (page.status !== 'current') continue;
        listed.set(page.id, { id: page.id, spaceKey: space.key, title: page.title, version: page.version.number, parentId: page.parentId, position: page.position, ancestry: '' });
        this.counters.listed = listed.size;
        if (listed.size % 250 === 0) this.progress('listing', key);
      }
      this.progress('listing', key);
    }
    const ancestors = ancestryOf(listed);
    for (const page of listed.values()) page.ancestry = (ancestors.get(page.id) ?? []).join(' / ');

    const stored = await store.listSyncedPages(index.id);
    const diff = diffPages(listed.values(), stored);
    this.counters.unchanged = diff.unchanged.length;
    const recorded = new Map(stored.map((page) => [page.pageId, page]));

    await this.removeGone(diff.gone);
    const toWrite = [...diff.new, ...diff.changed];
    const isNew = new Set(diff.new.map((page) => page.id));
    this.pagesTotal = toWrite.length;
    const urls = new Map<string, string>();
    const batchSize = this.options.batchSize ?? 250;
    // The next batch's bodies are requested while this one is converted and written: network time overlaps CPU time.
    const fetchBatch = (start: number) => {
      const ids = toWrite.slice(start, start + batchSize).map((page) => page.id);
      const pending = this.fetchPages(ids);
      pending.catch(() => undefined); // awaited below; a failure while the previous batch is written must not go unhandled
      return pending;
    };
    let nextFetch = toWrite.length > 0 ? fetchBatch(0) : undefined;
    for (let i = 0; i < toWrite.length; i += batchSize) {
      this.stopIfAsked();
      const batch = toWrite.slice(i, i + batchSize);
      const fetched = await (nextFetch as Promise<Page[]>);
      nextFetch = i + batchSize < toWrite.length ? fetchBatch(i + batchSize) : undefined;
      await this.writeBatch(batch, fetched, { isNew, recorded, ancestors, spaceNames, urls, listed });
      this.pagesDone += batch.length;
      // History shows a running run's progress, and keeps it if the process dies.
      await store.updateRun(this.runId, this.counts());
      this.progress('writing');
    }
    this.progress('done');
  }

  /** Between two steps: an abort or a graceful stop ends the run here. */
  private stopIfAsked(): void {
    this.signal.throwIfAborted();
    if (this.options.stop?.aborted) throw new Error('stopped');
  }

  /** Bodies (and labels, per the `labels` option) of a batch of pages. */
  private async fetchPages(ids: readonly string[]): Promise<Page[]> {
    const { client } = this.options;
    const mode = this.options.labels ?? 'when-free';
    const pages = await client.pages.getMany(ids, { body: true, labels: mode !== 'never' && client.flavor === 'dc' }, { signal: this.signal });
    if (mode !== 'always' || client.flavor === 'dc') return pages;
    for (const page of pages) page.labels = await collect(client.labels.iterate(page.id, {}, { signal: this.signal }), 1000);
    return pages;
  }

  private async removeGone(gone: readonly SyncedPage[]): Promise<void> {
    if (gone.length === 0) return;
    this.progress('deleting');
    const ids = gone.flatMap((page) => [...page.chunkIds, ...(page.pendingChunkIds ?? [])]);
    await this.options.sink.delete([...new Set(ids)], this.signal);
    await this.options.checkpoint?.('after-gone-delete');
    await this.options.store.removePages(this.options.index.id, gone.map((page) => page.pageId));
    this.counters.deleted += gone.length;
  }

  private async writeBatch(
    batch: readonly ListedPage[],
    fetched: readonly Page[],
    ctx: { isNew: Set<string>; recorded: Map<string, SyncedPage>; ancestors: Map<string, string[]>; spaceNames: Map<string, string>; urls: Map<string, string>; listed: Map<string, ListedPage> },
  ): Promise<void> {
    const { store, sink, index } = this.options;
    const byId = new Map(fetched.filter((page) => page.status === 'current').map((page) => [page.id, page]));
    const references = fetched.map((page) => collectReferences(page.body?.storage ?? ''));
    // Account ids (Cloud) and user keys (Data Center) are both what `users.get` takes.
    await this.people.prefetch(fetched.flatMap((page, n) => [page.authorId, page.version.authorId, ...references[n].accountIds, ...references[n].userKeys]));
    await this.people.prefetchUsernames(references.flatMap((refs) => refs.usernames));

    const vanished: SyncedPage[] = [];
    const writes: Array<{ record: SyncedPage; chunks: Chunk[]; stale: string[]; skipWrite: boolean }> = [];
    for (const listed of batch) {
      const page = byId.get(listed.id);
      const stored = ctx.recorded.get(listed.id);
      if (!page) {
        // Listed a moment ago, now missing, trashed or not visible: gone.
        if (stored) vanished.push(stored);
        continue;
      }
      try {
        const chunks = this.chunksOf(page, listed, ctx);
        const hash = contentHash(chunks);
        const ids = chunks.map((chunk) => chunk.id);
        const keep = new Set(ids);
        const previous = stored ? [...stored.chunkIds, ...(stored.pendingChunkIds ?? [])] : [];
        const stale = [...new Set(previous.filter((id) => !keep.has(id)))];
        const skipWrite = Boolean(stored && stored.version !== 0 && stored.pendingChunkIds === null && stored.contentHash === hash);
        writes.push({
          record: { pageId: page.id, spaceKey: listed.spaceKey, version: page.version.number, parentId: listed.parentId, position: listed.position, title: listed.title, ancestry: listed.ancestry, contentHash: hash, chunkIds: ids, pendingChunkIds: null, syncedAt: Date.now() },
          chunks,
          stale,
          skipWrite,
        });
      } catch {
        // One page that cannot be converted must not stop the others; it stays unrecorded and is retried next run.
        this.counters.failed += 1;
      }
    }

    const toWrite = writes.filter((w) => !w.skipWrite);
    await store.markPending(index.id, toWrite.map((w) => ({ pageId: w.record.pageId, spaceKey: w.record.spaceKey, title: w.record.title, pendingChunkIds: w.record.chunkIds })));
    await this.options.checkpoint?.('after-pending');
    await sink.upsert(toWrite.flatMap((w) => w.chunks), this.signal);
    await this.options.checkpoint?.('after-upsert');
    await sink.delete(writes.flatMap((w) => w.stale), this.signal);
    await this.options.checkpoint?.('after-stale-delete');
    await store.commitPages(index.id, writes.map((w) => w.record));
    await this.options.checkpoint?.('after-commit');
    for (const w of writes) {
      if (ctx.isNew.has(w.record.pageId)) this.counters.new += 1;
      else this.counters.changed += 1;
    }
    if (vanished.length) await this.removeGone(vanished);
  }

  private chunksOf(page: Page, listed: ListedPage, ctx: { ancestors: Map<string, string[]>; spaceNames: Map<string, string>; listed: Map<string, ListedPage> }): Chunk[] {
    const { client } = this.options;
    const doc = pageDocument(page, {
      site: this.site,
      spaceKey: listed.spaceKey,
      spaceName: ctx.spaceNames.get(listed.spaceKey) ?? listed.spaceKey,
      people: this.people,
      ancestors: ctx.ancestors.get(page.id) ?? [],
      pageUrl: (ref) => this.urlOfTitle(ref.spaceKey ?? listed.spaceKey, ref.title, ctx.listed),
      attachmentUrl: (pageId, filename) => `${client.siteUrl}/download/attachments/${pageId}/${encodeURIComponent(filename)}`,
    });
    return this.chunker.chunk(doc);
  }

  private titleIndex?: Map<string, string>;
  /** Web URL of a listed page by space and title (links to pages outside the synced spaces stay unresolved). */
  private urlOfTitle(spaceKey: string, title: string, listed: Map<string, ListedPage>): string | undefined {
    if (!this.titleIndex) {
      this.titleIndex = new Map();
      for (const page of listed.values()) this.titleIndex.set(`${page.spaceKey}\u0000${page.title}`, page.id);
    }
    const id = this.titleIndex.get(`${spaceKey}\u0000${title}`);
    return id ? pageUrl(this.options.client, spaceKey, id) : undefined;
  }

  private progress(phase: SyncProgress['phase'], space?: string): void {
    const counts = this.counts();
    const elapsedMs = Date.now() - this.started;
    const rate = this.pagesDone > 0 ? elapsedMs / this.pagesDone : undefined;
    this.options.onProgress?.({
      phase,
      space,
      listed: this.counters.listed,
      pagesDone: this.pagesDone,
      pagesTotal: this.pagesTotal,
      requests: counts.requests,
      bytes: counts.bytes,
      elapsedMs,
      etaMs: phase === 'writing' && rate !== undefined ? Math.round(rate * (this.pagesTotal - this.pagesDone)) : undefined,
    });
  }
}

/** The web URL of a page, as Confluence shows it. */
function pageUrl(client: ConfluenceClient, spaceKey: string, id: string): string {
  return client.flavor === 'cloud' ? `${client.siteUrl}/spaces/${encodeURIComponent(spaceKey)}/pages/${id}` : `${client.siteUrl}/pages/viewpage.action?pageId=${id}`;
}

function summaryOf(record: { id: number; status: SyncSummary['status']; durationMs: number | null; error: string | null } & RunCounts, index: IndexRecord): SyncSummary {
  const { id, status, durationMs, error, listed, new: created, changed, unchanged, deleted, failed, requests, bytes } = record;
  return { runId: id, indexId: index.id, indexName: index.name, status, listed, new: created, changed, unchanged, deleted, failed, requests, bytes, durationMs: durationMs ?? 0, ...(error ? { error } : {}) };
}

/**
 * An error as one line for people and history (client errors are already free of secrets; stacks are dropped), with
 * the system's reason when there is one (`ECONNREFUSED`: "connection refused" tells more than "connection failed").
 */
export function oneLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 500) || 'unknown error';
  const code = causeCode(error);
  return code && !message.includes(code) ? `${message} (${SYSTEM_REASONS[code] ?? code})` : message;
}

const SYSTEM_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EAI_AGAIN: 'DNS lookup failed',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
};

/** The first `code` along the `cause` chain (fetch wraps the socket error). */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) && depth > 0) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
