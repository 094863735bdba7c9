/** Records the sync store keeps, independent of the database behind it. */

/** Where an index's chunks go. */
export type Destination = 'local' | 'llamacloud';
/** Who started a run. */
export type RunTrigger = 'cli' | 'api' | 'schedule';
/** Where a run is: waiting for a worker (`queued`), `running`, or how it ended. */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
/** How a run can end. */
export type FinishedRunStatus = Exclude<RunStatus, 'queued' | 'running'>;

/** An account of the sync service. */
export interface UserRecord {
  id: string;
  /** Sign-in name, unique (accounts made before usernames existed have their email here). */
  username: string;
  email: string;
  name: string;
  passwordHash: string | null;
  createdAt: number;
}

/** Input of `createUser`. */
export interface NewUser {
  username: string;
  email: string;
  /** Display name. @default the username */
  name?: string;
  /** scrypt or argon2 hash; null for accounts that sign in elsewhere. Never the password itself. */
  passwordHash: string | null;
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
  /** When it was queued; once it runs, when it started running. */
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  /** A short message for people (never a stack trace or a secret); null when it succeeded. */
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
  /** Throws `ConflictError` (field `username` or `email`) when either is taken. */
  createUser(input: NewUser): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  findUserByUsername(username: string): Promise<UserRecord | undefined>;
  findUserByEmail(email: string): Promise<UserRecord | undefined>;

  /**
   * A new OAuth `state` for `userId`: 32 random bytes, base64url. Only its sha256 is stored; it expires after
   * `ttlMs`. Expired states of anyone are purged on the way.
   */
  createOAuthState(input: { userId: string; ttlMs: number }): Promise<string>;
  /** The user a state was made for, deleting it in the same statement (single use); undefined when unknown, used or expired. */
  consumeOAuthState(state: string): Promise<string | undefined>;

  createConnection(input: NewConnection): Promise<ConnectionRecord>;
  getConnection(id: string): Promise<ConnectionRecord | undefined>;
  listConnections(userId: string): Promise<ConnectionRecord[]>;
  connectionCredentials(id: string): Promise<ConnectionCredentials>;
  /** Replaces the credentials in one write (OAuth refresh tokens rotate: the new one must be stored before use). */
  updateConnectionCredentials(id: string, credentials: ConnectionCredentials, tokenExpiresAt: number | null): Promise<void>;
  deleteConnection(id: string): Promise<void>;

  /** Throws `ConflictError` (field `name`) when the owner already has an index of that name. */
  createIndex(input: NewIndex): Promise<IndexRecord>;
  getIndex(id: string): Promise<IndexRecord | undefined>;
  /** The index of that name among `ownerId`'s (default null: the command line's indexes, which have no owner). */
  findIndexByName(name: string, ownerId?: string | null): Promise<IndexRecord | undefined>;
  /** Every index, or those of one owner; sorted by name. */
  listIndexes(filter?: { ownerId?: string }): Promise<IndexRecord[]>;
  /** Throws `ConflictError` (field `name`) when renamed to a name its owner already uses; an Error when not found. */
  updateIndex(id: string, patch: Partial<NewIndex>): Promise<IndexRecord>;
  deleteIndex(id: string): Promise<void>;

  /** Takes the index's lease when free, expired, or held by `holder`; false when another holder has it. */
  acquireLease(indexId: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease still held by `holder`; false when it was lost. */
  renewLease(indexId: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(indexId: string, holder: string): Promise<void>;
  /** The current holder, when the lease is taken and not expired. */
  leaseHolder(indexId: string): Promise<string | undefined>;
  /**
   * Runs `work` while no other caller runs work under the same `name`: across every process on PostgreSQL (an
   * advisory lock, freed if the process dies), within this process on SQLite (the embedded, one-process store).
   * For short critical sections such as refreshing a connection's rotating OAuth tokens. Throws when the name stays
   * taken longer than `waitMs` (default 30 s).
   */
  exclusive<T>(name: string, work: () => Promise<T>, waitMs?: number): Promise<T>;

  /** A new run, `running` from now (the command line's way: no queue). */
  startRun(indexId: string, trigger: RunTrigger): Promise<RunRecord>;
  /** A new run in status `queued` (started at the time it was queued, until it runs). */
  queueRun(indexId: string, trigger: RunTrigger): Promise<RunRecord>;
  /** Marks a queued run `running` from now; throws when it is not queued any more (failed as abandoned, cancelled). */
  startQueuedRun(id: number): Promise<RunRecord>;
  /** Counters so far (progress), kept when the process dies. */
  updateRun(id: number, counts: Partial<RunCounts>): Promise<void>;
  /** Ends a run; `error` is one short line (never a stack trace). */
  finishRun(id: number, outcome: { status: FinishedRunStatus; counts: RunCounts; error?: string | null }): Promise<RunRecord>;
  /**
   * Runs of the index still `running` or `queued` that no process will finish (their process died, or stopped before
   * running them): marked failed with `reason`, except `options.except` (the run the caller is about to run). Call it
   * only while holding the index's lease: every live queued or running run has its holder holding that lease.
   */
  failAbandonedRuns(indexId: string, reason: string, options?: { except?: number }): Promise<number>;
  getRun(id: number): Promise<RunRecord | undefined>;
  /** Runs of the index, newest (highest id) first. @default limit 50 */
  listRuns(indexId: string, options?: { limit?: number }): Promise<RunRecord[]>;
  /** The newest run of every index that has one, by index id, in one query (what a scheduler tick needs). */
  latestRuns(): Promise<Map<string, RunRecord>>;

  listSyncedPages(indexId: string): Promise<SyncedPage[]>;
  /** Announces chunk ids about to be written for these pages (creating rows at version 0 for new pages). */
  markPending(indexId: string, pages: Array<Pick<SyncedPage, 'pageId' | 'spaceKey' | 'title'> & { pendingChunkIds: string[] }>): Promise<void>;
  /** Records what was written (clears pending), in one transaction. */
  commitPages(indexId: string, pages: SyncedPage[]): Promise<void>;
  removePages(indexId: string, pageIds: readonly string[]): Promise<void>;

  close(): Promise<void>;
}
