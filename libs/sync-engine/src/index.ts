/**
 * @confluence-mcp/sync-engine: keeps Confluence spaces synced, as Markdown chunks with metadata, into a local SQLite
 * full-text index or a LlamaCloud pipeline. Incremental (only new and changed pages are fetched), crash-safe
 * (a rerun after any failure converges with nothing lost or duplicated), with sync history.
 */
export { DEFAULT_DATABASE_PATH, databasePath, openDatabase } from './store/database';
export type { OpenDatabaseOptions, SyncDatabase } from './store/database';
export { SqliteSyncStore } from './store/sqlite-store';
export { PgSyncStore } from './store/pg/pg-store';
export { isPostgresUrl, openPgDatabase } from './store/pg/database';
export type { OpenPgDatabaseOptions, PgSyncDatabase } from './store/pg/database';
export { openSyncStore } from './store/open-sync-store';
export type { LocalSearchIndex, OpenSyncStoreOptions, OpenedSyncStore } from './store/open-sync-store';
export { ConflictError } from './store/errors';
export type { ConflictField } from './store/errors';
export { MIN_SECRET_KEY_LENGTH, createSecretBox } from './store/secrets';
export type { SecretBox } from './store/secrets';
export type * from './store/types';
export { Chunker, MAX_PIECE_CHARS, chunkId, contentHash, paragraphPieces } from './documents/chunker';
export type { Chunk, ChunkMetadata, ChunkingOptions } from './documents/chunker';
export { pageDocument } from './documents/page-document';
export type { DocumentContext, PageDocument, PageMetadata } from './documents/page-document';
export { PeopleDirectory } from './documents/people';
export type { Sink } from './sinks/sink';
export { LocalIndex } from './sinks/local-sink';
export type { IndexedPage, SearchHit, SearchOptions } from './sinks/local-sink';
export { PgLocalIndex } from './sinks/pg/pg-local-index';
export type { PgSearchOptions } from './sinks/pg/pg-local-index';
export { openIndexReader } from './sinks/index-reader';
export type { IndexReader, IndexReaderOptions, IndexSearchAnswer } from './sinks/index-reader';
export { MAX_QUERY_TERMS, ftsQuery, queryTerms } from './sinks/fts-query';
export { EXCLUDED_EMBED_METADATA_KEYS, EXCLUDED_LLM_METADATA_KEYS, LLAMA_CLOUD_EU_URL, LLAMA_CLOUD_US_URL, LlamaCloudSink } from './sinks/llamacloud-sink';
export type { LlamaCloudSinkOptions } from './sinks/llamacloud-sink';
export { INTERRUPTED_RUN, runSync } from './sync/runner';
export type { HeldLease } from './sync/lease';
export { ExecutorStoppedError, RunExecutor } from './service/executor';
export type { DuePredicate, RunExecutorOptions, RunResources } from './service/executor';
export { Scheduler, isDue, systemClock } from './service/scheduler';
export type { SchedulerClock, SchedulerOptions, TickReport } from './service/scheduler';
export { silentLogger } from './service/logger';
export { ALL_SYNC_QUEUES, DEFAULT_QUEUE_SETTINGS, SYNC_QUEUES, ensureQueues } from './service/queue/queues';
export type { QueueSettings, SyncJobData } from './service/queue/queues';
export { DEFAULT_SCHEDULER_CRON, openJobBoss } from './service/queue/boss';
export type { OpenJobBossOptions } from './service/queue/boss';
export { QueueSyncStarter } from './service/queue/starter';
export { QueueWorker, staleAfterMs } from './service/queue/worker';
export type { QueueWorkerOptions } from './service/queue/worker';
export { sendDueJobs } from './service/queue/due';
export { isTransient } from './service/queue/transient';
export type { ServiceLogger } from './service/logger';
export type { SyncRunOptions } from './sync/runner';
export { SyncBusyError, SyncFailedError } from './sync/progress';
export type { SyncProgress, SyncSummary } from './sync/progress';
export { createRequestMeter } from './sync/meter';
export type { RequestCounts, RequestMeter } from './sync/meter';
export { ancestryOf, diffPages } from './sync/diff';
export type { ListedPage, PageDiff } from './sync/diff';
