/** Records the sync store keeps, independent of the database behind it. */

/** Where an index's chunks go. */
export type Destination = 'local' | 'llamacloud';
/** Who started a run. */
export type RunTrigger = 'cli' | 'api' | 'schedule';
/** How a run ended (or `running`). */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** An account of the sync service. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  createdAt: number;
}

/** A Confluence connection, without its credentials (read those with `connectionCredentials`). */
export interface ConnectionRecord {
  id: string;
  userId: string;
  name: string;
  siteUrl: string;
  flavor: 'cloud' | 'dc';
  authKind: 'basic' | 'bearer' | 'scoped' | 'oauth';
  tokenExpiresAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Credentials of a connection (what gets encrypted). */
export type ConnectionCredentials = Record<string, string>;

/** Input of `createConnection`. */
export type NewConnection = Omit<ConnectionRecord, 'id' | 'createdAt' | 'updatedAt' | 'tokenExpiresAt'> & {
  credentials: ConnectionCredentials;
  tokenExpiresAt?: number | null;
};

/** What to sync where. */
export interface IndexRecord {
  id: string;
  name: string;
  ownerId: string | null;
  connectionId: string | null;
  siteUrl: string;
  spaces: string[];
  destination: Destination;
  /** LlamaCloud project and pipeline names and the like; never secrets. */
  destinationConfig: Record<string, string>;
  intervalMinutes: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Input of `createIndex`. */
export type NewIndex = Pick<IndexRecord, 'name' | 'siteUrl' | 'spaces' | 'destination'> &
  Partial<Pick<IndexRecord, 'ownerId' | 'connectionId' | 'destinationConfig' | 'intervalMinutes'>>;

/** Counters of a run. */
export interface RunCounts {
  listed: number;
  new: number;
  changed: number;
  unchanged: number;
  deleted: number;
  failed: number;
  requests: number;
  bytes: number;
}

/** One row of sync history. */
export interface RunRecord extends RunCounts {
  id: number;
  indexId: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  error: string | null;
}

/** What the destination holds for one page, as last recorded. */
export interface SyncedPage {
  pageId: string;
  spaceKey: string;
  /** 0 while the page's first write is pending. */
  version: number;
  parentId: string | null;
  position: number | null;
  title: string;
  ancestry: string;
  contentHash: string;
  chunkIds: string[];
  /** Chunk ids announced before a sink write and not yet committed (a crash happened in between). */
  pendingChunkIds: string[] | null;
  syncedAt: number;
}

/**
 * The sync engine's persistence. Every method is async so that a PostgreSQL implementation fits behind it; the SQLite
 * implementation is `SqliteSyncStore`.
 */
export interface SyncStore {
  createUser(input: { email: string; name: string; passwordHash?: string | null }): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  findUserByEmail(email: string): Promise<UserRecord | undefined>;

  createConnection(input: NewConnection): Promise<ConnectionRecord>;
  getConnection(id: string): Promise<ConnectionRecord | undefined>;
  listConnections(userId: string): Promise<ConnectionRecord[]>;
  connectionCredentials(id: string): Promise<ConnectionCredentials>;
  /** Replaces the credentials in one write (OAuth refresh tokens rotate: the new one must be stored before use). */
  updateConnectionCredentials(id: string, credentials: ConnectionCredentials, tokenExpiresAt: number | null): Promise<void>;
  deleteConnection(id: string): Promise<void>;

  createIndex(input: NewIndex): Promise<IndexRecord>;
  getIndex(id: string): Promise<IndexRecord | undefined>;
  findIndexByName(name: string): Promise<IndexRecord | undefined>;
  listIndexes(filter?: { ownerId?: string }): Promise<IndexRecord[]>;
  updateIndex(id: string, patch: Partial<Omit<NewIndex, 'name'>>): Promise<IndexRecord>;
  deleteIndex(id: string): Promise<void>;

  /** Takes the index's lease when free, expired, or held by `holder`; false when another holder has it. */
  acquireLease(indexId: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease still held by `holder`; false when it was lost. */
  renewLease(indexId: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(indexId: string, holder: string): Promise<void>;
  /** The current holder, when the lease is taken and not expired. */
  leaseHolder(indexId: string): Promise<string | undefined>;

  startRun(indexId: string, trigger: RunTrigger): Promise<RunRecord>;
  /** Counters so far (progress), kept when the process dies. */
  updateRun(id: number, counts: Partial<RunCounts>): Promise<void>;
  finishRun(id: number, outcome: { status: Exclude<RunStatus, 'running'>; counts: RunCounts; error?: string | null }): Promise<RunRecord>;
  /** Runs still marked running that no process finishes (their process died): marked failed. */
  failAbandonedRuns(indexId: string, reason: string): Promise<number>;
  getRun(id: number): Promise<RunRecord | undefined>;
  listRuns(indexId: string, options?: { limit?: number }): Promise<RunRecord[]>;

  listSyncedPages(indexId: string): Promise<SyncedPage[]>;
  /** Announces chunk ids about to be written for these pages (creating rows at version 0 for new pages). */
  markPending(indexId: string, pages: Array<Pick<SyncedPage, 'pageId' | 'spaceKey' | 'title'> & { pendingChunkIds: string[] }>): Promise<void>;
  /** Records what was written (clears pending), in one transaction. */
  commitPages(indexId: string, pages: SyncedPage[]): Promise<void>;
  removePages(indexId: string, pageIds: readonly string[]): Promise<void>;

  close(): Promise<void>;
}
