/** What the routes need, built once by `startServer` (or a test). */
import type { AtlassianOAuthClient } from '@confluence-mcp/confluence-client';
import type { Logger } from '@confluence-mcp/logging';
import type { IndexRecord, IndexedPage, RunTrigger, SearchHit, SearchOptions, SyncStore } from '@confluence-mcp/sync-engine';
import type { LoginLimiter } from './rate-limit';
import type { TokenService } from './tokens';

/** Starts runs in the background (the sync engine's `RunExecutor`). */
export interface RunStarter {
  /** Queues a run of `index` and returns its id at once; throws `SyncBusyError` when one is queued or running. */
  start(index: IndexRecord, trigger: RunTrigger): Promise<{ runId: number }>;
  /** Runs executing now, and queued waiting for a slot, in this process. */
  load(): { running: number; waiting: number };
}

/** Search and listing of one local index (SQLite's `LocalIndex`, or a PostgreSQL one: both fit). */
export interface LocalIndexReader {
  search(text: string, options?: SearchOptions): SearchHit[] | Promise<SearchHit[]>;
  pages(): IndexedPage[] | Promise<IndexedPage[]>;
}

/** The dependencies of the API's routes. */
export interface ApiDeps {
  store: SyncStore;
  /** The local sink and search of an index, in the store's database. */
  localIndex(indexId: string): LocalIndexReader;
  tokens: TokenService;
  loginLimiter: LoginLimiter;
  runs: RunStarter;
  /** Absent when `CONFLUENCE_CLIENT_ID` is not set. */
  oauth?: { client: AtlassianOAuthClient; scopes: string[] };
  /** `PUBLIC_URL`, or the address the server listens on (known only once listening). */
  publicUrl(): string;
  /** The site of the server-wide credentials (`CONFLUENCE_URL`...), when the environment has them. */
  environmentSiteUrl?: string;
  /** Whether `LLAMA_CLOUD_API_KEY` is set (indexes may then sync to LlamaCloud). */
  llamaCloudConfigured: boolean;
  logger: Logger;
  /** @default Date.now */
  now?: () => number;
}

/** How long an OAuth `state` may wait for its callback. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;
/** The name of the (one) OAuth connection a user has. */
export const OAUTH_CONNECTION_NAME = 'confluence-oauth';
