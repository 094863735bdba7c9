/** `SyncStore` over SQLite (better-sqlite3 + drizzle): the embedded default. */
import { and, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { SyncDatabase } from './database';
import * as t from './schema';
import { stateHash, withoutSecret } from './shared';
import { ConflictError, ConflictField } from './errors';
import { LocalMutex } from './locks/local-mutex';
import { SecretBox } from './secrets';
import {
  ConnectionCredentials,
  FinishedRunStatus,
  ConnectionRecord,
  IndexRecord,
  NewConnection,
  NewIndex,
  NewUser,
  RunCounts,
  RunRecord,
  RunTrigger,
  SyncStore,
  SyncedPage,
  UserRecord,
} from './types';

/** SQLite limits bound parameters per statement; batches stay well below. */
const IN_BATCH = 500;

/** The SQLite `SyncStore`. `secrets` is needed only for connections (their credentials are encrypted). */
export class SqliteSyncStore implements SyncStore {
  /** One holder per name in this process (SQLite serves one process: see `exclusive`). */
  private readonly mutex = new LocalMutex();

  constructor(readonly db: SyncDatabase, private readonly secrets?: SecretBox, private readonly now: () => number = Date.now) {}

  async createUser(input: NewUser): Promise<UserRecord> {
    const values = { id: randomUUID(), username: input.username, email: input.email, name: input.name ?? input.username, passwordHash: input.passwordHash, createdAt: this.now() };
    const [row] = uniqueOr(() => this.db.insert(t.users).values(values).returning().all(), { 'users.username': 'username', 'users.email': 'email' });
    return userFromRow(row);
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = this.db.select().from(t.users).where(eq(t.users.id, id)).get();
    return row && userFromRow(row);
  }

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    const row = this.db.select().from(t.users).where(eq(t.users.username, username)).get();
    return row && userFromRow(row);
  }

  async findUserByEmail(email: string): Promise<UserRecord | undefined> {
    const row = this.db.select().from(t.users).where(eq(t.users.email, email)).get();
    return row && userFromRow(row);
  }

  async createOAuthState(input: { userId: string; ttlMs: number }): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const now = this.now();
    this.db.transaction((tx) => {
      tx.delete(t.oauthStates).where(lt(t.oauthStates.expiresAt, now)).run();
      tx.insert(t.oauthStates).values({ stateHash: stateHash(state), userId: input.userId, expiresAt: now + input.ttlMs }).run();
    });
    return state;
  }

  async consumeOAuthState(state: string): Promise<string | undefined> {
    // One DELETE ... RETURNING: of two requests with the same state, only one gets the row back.
    const row = this.db.delete(t.oauthStates).where(eq(t.oauthStates.stateHash, stateHash(state))).returning().get();
    return row && row.expiresAt > this.now() ? row.userId : undefined;
  }

  async createConnection(input: NewConnection): Promise<ConnectionRecord> {
    const { credentials, ...rest } = input;
    const now = this.now();
    const [row] = this.db
      .insert(t.connections)
      .values({ ...rest, id: randomUUID(), secret: this.box().seal(JSON.stringify(credentials)), tokenExpiresAt: input.tokenExpiresAt ?? null, createdAt: now, updatedAt: now })
      .returning()
      .all();
    return withoutSecret(row);
  }

  async getConnection(id: string): Promise<ConnectionRecord | undefined> {
    const row = this.db.select().from(t.connections).where(eq(t.connections.id, id)).get();
    return row && withoutSecret(row);
  }

  async listConnections(userId: string): Promise<ConnectionRecord[]> {
    return this.db.select().from(t.connections).where(eq(t.connections.userId, userId)).all().map(withoutSecret);
  }

  async connectionCredentials(id: string): Promise<ConnectionCredentials> {
    const row = this.db.select({ secret: t.connections.secret }).from(t.connections).where(eq(t.connections.id, id)).get();
    if (!row) throw new Error(`connection ${id}: not found`);
    return JSON.parse(this.box().open(row.secret)) as ConnectionCredentials;
  }

  async updateConnectionCredentials(id: string, credentials: ConnectionCredentials, tokenExpiresAt: number | null): Promise<void> {
    const result = this.db
      .update(t.connections)
      .set({ secret: this.box().seal(JSON.stringify(credentials)), tokenExpiresAt, updatedAt: this.now() })
      .where(eq(t.connections.id, id))
      .run();
    if (result.changes === 0) throw new Error(`connection ${id}: not found`);
  }

  async deleteConnection(id: string): Promise<void> {
    this.db.delete(t.connections).where(eq(t.connections.id, id)).run();
  }

  async createIndex(input: NewIndex): Promise<IndexRecord> {
    const now = this.now();
    const [row] = uniqueOr(() => this.db
      .insert(t.indexes)
      .values({
        id: randomUUID(),
        name: input.name,
        ownerId: input.ownerId ?? null,
        connectionId: input.connectionId ?? null,
        siteUrl: input.siteUrl,
        spaces: JSON.stringify(input.spaces),
        destination: input.destination,
        destinationConfig: JSON.stringify(input.destinationConfig ?? {}),
        intervalMinutes: input.intervalMinutes ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .all(), INDEX_UNIQUES);
    return indexFromRow(row);
  }

  async getIndex(id: string): Promise<IndexRecord | undefined> {
    const row = this.db.select().from(t.indexes).where(eq(t.indexes.id, id)).get();
    return row && indexFromRow(row);
  }

  async findIndexByName(name: string, ownerId: string | null = null): Promise<IndexRecord | undefined> {
    const owner = ownerId === null ? isNull(t.indexes.ownerId) : eq(t.indexes.ownerId, ownerId);
    const row = this.db.select().from(t.indexes).where(and(eq(t.indexes.name, name), owner)).get();
    return row && indexFromRow(row);
  }

  async listIndexes(filter: { ownerId?: string } = {}): Promise<IndexRecord[]> {
    const query = this.db.select().from(t.indexes);
    const rows = filter.ownerId ? query.where(eq(t.indexes.ownerId, filter.ownerId)).all() : query.all();
    return rows.map(indexFromRow).sort((a, b) => a.name.localeCompare(b.name));
  }

  async updateIndex(id: string, patch: Partial<NewIndex>): Promise<IndexRecord> {
    const set: Partial<typeof t.indexes.$inferInsert> = { updatedAt: this.now() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.ownerId !== undefined) set.ownerId = patch.ownerId;
    if (patch.connectionId !== undefined) set.connectionId = patch.connectionId;
    if (patch.siteUrl !== undefined) set.siteUrl = patch.siteUrl;
    if (patch.spaces !== undefined) set.spaces = JSON.stringify(patch.spaces);
    if (patch.destination !== undefined) set.destination = patch.destination;
    if (patch.destinationConfig !== undefined) set.destinationConfig = JSON.stringify(patch.destinationConfig);
    if (patch.intervalMinutes !== undefined) set.intervalMinutes = patch.intervalMinutes;
    const [row] = uniqueOr(() => this.db.update(t.indexes).set(set).where(eq(t.indexes.id, id)).returning().all(), INDEX_UNIQUES);
    if (!row) throw new Error(`index ${id}: not found`);
    return indexFromRow(row);
  }

  async deleteIndex(id: string): Promise<void> {
    this.db.delete(t.indexes).where(eq(t.indexes.id, id)).run();
  }

  async acquireLease(indexId: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    // One statement: insert, or take over when expired or already ours. Two processes cannot both win it.
    const result = this.db
      .insert(t.leases)
      .values({ indexId, holder, expiresAt: now + ttlMs })
      .onConflictDoUpdate({
        target: t.leases.indexId,
        set: { holder, expiresAt: now + ttlMs },
        setWhere: or(lt(t.leases.expiresAt, now), eq(t.leases.holder, holder)),
      })
      .run();
    return result.changes === 1;
  }

  async renewLease(indexId: string, holder: string, ttlMs: number): Promise<boolean> {
    const result = this.db.update(t.leases).set({ expiresAt: this.now() + ttlMs }).where(and(eq(t.leases.indexId, indexId), eq(t.leases.holder, holder))).run();
    return result.changes === 1;
  }

  async releaseLease(indexId: string, holder: string): Promise<void> {
    this.db.delete(t.leases).where(and(eq(t.leases.indexId, indexId), eq(t.leases.holder, holder))).run();
  }

  async leaseHolder(indexId: string): Promise<string | undefined> {
    const row = this.db.select().from(t.leases).where(eq(t.leases.indexId, indexId)).get();
    return row && row.expiresAt >= this.now() ? row.holder : undefined;
  }

  async startRun(indexId: string, trigger: RunTrigger): Promise<RunRecord> {
    const [row] = this.db.insert(t.syncRuns).values({ indexId, trigger, status: 'running', startedAt: this.now() }).returning().all();
    return row;
  }

  async queueRun(indexId: string, trigger: RunTrigger): Promise<RunRecord> {
    const [row] = this.db.insert(t.syncRuns).values({ indexId, trigger, status: 'queued', startedAt: this.now() }).returning().all();
    return row;
  }

  async startQueuedRun(id: number): Promise<RunRecord> {
    const [row] = this.db
      .update(t.syncRuns)
      .set({ status: 'running', startedAt: this.now() })
      .where(and(eq(t.syncRuns.id, id), eq(t.syncRuns.status, 'queued')))
      .returning()
      .all();
    if (!row) throw new Error(`run ${id}: not queued (it was cancelled or marked failed)`);
    return row;
  }

  async updateRun(id: number, counts: Partial<RunCounts>): Promise<void> {
    if (Object.keys(counts).length) this.db.update(t.syncRuns).set(counts).where(eq(t.syncRuns.id, id)).run();
  }

  async finishRun(id: number, outcome: { status: FinishedRunStatus; counts: RunCounts; error?: string | null }): Promise<RunRecord> {
    const finishedAt = this.now();
    const [row] = this.db
      .update(t.syncRuns)
      .set({ ...outcome.counts, status: outcome.status, error: outcome.error ?? null, finishedAt, durationMs: sql`${finishedAt} - ${t.syncRuns.startedAt}` })
      .where(eq(t.syncRuns.id, id))
      .returning()
      .all();
    if (!row) throw new Error(`run ${id}: not found`);
    return row;
  }

  async failAbandonedRuns(indexId: string, reason: string, options: { except?: number } = {}): Promise<number> {
    const finishedAt = this.now();
    const unfinished = and(eq(t.syncRuns.indexId, indexId), inArray(t.syncRuns.status, ['running', 'queued']));
    return this.db
      .update(t.syncRuns)
      .set({ status: 'failed', error: reason, finishedAt, durationMs: sql`${finishedAt} - ${t.syncRuns.startedAt}` })
      .where(options.except === undefined ? unfinished : and(unfinished, ne(t.syncRuns.id, options.except)))
      .run().changes;
  }

  async getRun(id: number): Promise<RunRecord | undefined> {
    return this.db.select().from(t.syncRuns).where(eq(t.syncRuns.id, id)).get();
  }

  async listRuns(indexId: string, options: { limit?: number } = {}): Promise<RunRecord[]> {
    return this.db.select().from(t.syncRuns).where(eq(t.syncRuns.indexId, indexId)).orderBy(desc(t.syncRuns.id)).limit(options.limit ?? 50).all();
  }

  async latestRuns(): Promise<Map<string, RunRecord>> {
    const newest = this.db.select({ id: sql<number>`max(${t.syncRuns.id})` }).from(t.syncRuns).groupBy(t.syncRuns.indexId);
    const rows = this.db.select().from(t.syncRuns).where(inArray(t.syncRuns.id, newest)).all();
    return new Map(rows.map((run) => [run.indexId, run]));
  }

  async listSyncedPages(indexId: string): Promise<SyncedPage[]> {
    return this.db.select().from(t.syncedPages).where(eq(t.syncedPages.indexId, indexId)).all().map(pageFromRow);
  }

  async markPending(indexId: string, pages: Array<Pick<SyncedPage, 'pageId' | 'spaceKey' | 'title'> & { pendingChunkIds: string[] }>): Promise<void> {
    const now = this.now();
    const statement = this.statements().markPending;
    // Prepared once, run per row inside one transaction: drizzle's query builder would prepare every row again.
    this.db.$client.transaction(() => {
      for (const page of pages) {
        statement.run({ indexId, pageId: page.pageId, spaceKey: page.spaceKey, title: page.title, pending: JSON.stringify(page.pendingChunkIds), now });
      }
    })();
  }

  async commitPages(indexId: string, pages: SyncedPage[]): Promise<void> {
    const statement = this.statements().commit;
    this.db.$client.transaction(() => {
      for (const page of pages) {
        statement.run({
          indexId,
          pageId: page.pageId,
          spaceKey: page.spaceKey,
          version: page.version,
          parentId: page.parentId,
          position: page.position,
          title: page.title,
          ancestry: page.ancestry,
          contentHash: page.contentHash,
          chunkIds: JSON.stringify(page.chunkIds),
          syncedAt: page.syncedAt,
        });
      }
    })();
  }

  private prepared?: { markPending: Statement; commit: Statement };
  private statements(): { markPending: Statement; commit: Statement } {
    this.prepared ??= {
      // A pending list left by a crash is kept too: the union is what may be in the destination.
      markPending: this.db.$client.prepare(
        `INSERT INTO synced_pages (index_id, page_id, space_key, title, version, content_hash, chunk_ids, pending_chunk_ids, synced_at)
         VALUES (@indexId, @pageId, @spaceKey, @title, 0, '', '[]', @pending, @now)
         ON CONFLICT (index_id, page_id) DO UPDATE SET pending_chunk_ids =
           (SELECT json_group_array(value) FROM (SELECT value FROM json_each(coalesce(synced_pages.pending_chunk_ids, '[]')) UNION SELECT value FROM json_each(@pending)))`,
      ),
      commit: this.db.$client.prepare(
        `INSERT INTO synced_pages (index_id, page_id, space_key, version, parent_id, position, title, ancestry, content_hash, chunk_ids, pending_chunk_ids, synced_at)
         VALUES (@indexId, @pageId, @spaceKey, @version, @parentId, @position, @title, @ancestry, @contentHash, @chunkIds, NULL, @syncedAt)
         ON CONFLICT (index_id, page_id) DO UPDATE SET space_key = excluded.space_key, version = excluded.version, parent_id = excluded.parent_id,
           position = excluded.position, title = excluded.title, ancestry = excluded.ancestry, content_hash = excluded.content_hash,
           chunk_ids = excluded.chunk_ids, pending_chunk_ids = NULL, synced_at = excluded.synced_at`,
      ),
    };
    return this.prepared;
  }

  async removePages(indexId: string, pageIds: readonly string[]): Promise<void> {
    this.db.transaction((tx) => {
      for (let i = 0; i < pageIds.length; i += IN_BATCH) {
        tx.delete(t.syncedPages).where(and(eq(t.syncedPages.indexId, indexId), inArray(t.syncedPages.pageId, pageIds.slice(i, i + IN_BATCH)))).run();
      }
    });
  }

  exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.mutex.run(name, work);
  }

  async close(): Promise<void> {
    this.db.$client.close();
  }

  private box(): SecretBox {
    if (!this.secrets) throw new Error('SECRET_KEY: required to store Confluence credentials');
    return this.secrets;
  }
}


/** What a unique violation's message names (`users.email`, or an index name for expression indexes) -> the field. */
const INDEX_UNIQUES: Record<string, ConflictField> = { indexes_owner_name: 'name' };

/** Runs a write, turning SQLite's unique violations named in `fields` into `ConflictError`s. */
function uniqueOr<T>(write: () => T, fields: Record<string, ConflictField>): T {
  try {
    return write();
  } catch (error) {
    // drizzle may wrap the driver's error (its message holds the query and its parameters: never pass it on as is).
    // No `instanceof Error`: better-sqlite3's error class belongs to the realm that first loaded the addon.
    for (let cause = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; cause && typeof cause === 'object' && depth < 3; cause = cause.cause as typeof cause, depth++) {
      const message = String(cause.message);
      const field = cause.code === 'SQLITE_CONSTRAINT_UNIQUE' ? Object.entries(fields).find(([key]) => message.includes(key)) : undefined;
      if (field) throw new ConflictError(field[1]);
    }
    throw error;
  }
}

function userFromRow(row: typeof t.users.$inferSelect): UserRecord {
  // Migration 0003 gave every older account a username, and createUser requires one.
  return { ...row, username: row.username ?? row.email };
}

function indexFromRow(row: typeof t.indexes.$inferSelect): IndexRecord {
  return { ...row, spaces: JSON.parse(row.spaces) as string[], destinationConfig: JSON.parse(row.destinationConfig) as Record<string, string> };
}

function pageFromRow(row: typeof t.syncedPages.$inferSelect): SyncedPage {
  const { indexId: _indexId, ...rest } = row;
  return { ...rest, chunkIds: JSON.parse(row.chunkIds) as string[], pendingChunkIds: row.pendingChunkIds === null ? null : (JSON.parse(row.pendingChunkIds) as string[]) };
}
