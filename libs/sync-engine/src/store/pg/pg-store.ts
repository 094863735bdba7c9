/**
 * `SyncStore` over PostgreSQL (`pg` pool + drizzle pg-core): the store for several workers and API instances on one
 * database. Same semantics as `SqliteSyncStore`: every write that must be atomic is one statement (leases, credential
 * rotation, OAuth state use) or one transaction (page records).
 */
import { and, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { SecretBox } from '../secrets';
import type {
  ConnectionCredentials,
  ConnectionRecord,
  FinishedRunStatus,
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
} from '../types';
import type { PgSyncDatabase } from './database';
import { withAdvisoryLock } from '../locks/advisory-lock';
import { writeInBatches } from './batches';
import { guarded } from './errors';
import * as t from './schema';
import { stateHash, withoutSecret } from '../shared';

/** Rows per multi-row statement: far below PostgreSQL's 65,535 bound parameters. */
const ROW_BATCH = 500;

/** The PostgreSQL `SyncStore`. `secrets` is needed only for connections (their credentials are encrypted). */
export class PgSyncStore implements SyncStore {
  constructor(readonly db: PgSyncDatabase, private readonly secrets?: SecretBox, private readonly now: () => number = Date.now) {}

  async createUser(input: NewUser): Promise<UserRecord> {
    const values = { id: randomUUID(), username: input.username, email: input.email, name: input.name ?? input.username, passwordHash: input.passwordHash, createdAt: this.now() };
    const [row] = await guarded('create user', () => this.db.insert(t.users).values(values).returning());
    return row;
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    return this.one('read user', this.db.select().from(t.users).where(eq(t.users.id, id)));
  }

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    return this.one('read user', this.db.select().from(t.users).where(eq(t.users.username, username)));
  }

  async findUserByEmail(email: string): Promise<UserRecord | undefined> {
    return this.one('read user', this.db.select().from(t.users).where(eq(t.users.email, email)));
  }

  async createOAuthState(input: { userId: string; ttlMs: number }): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const now = this.now();
    await guarded('create OAuth state', () =>
      this.db.transaction(async (tx) => {
        await tx.delete(t.oauthStates).where(lt(t.oauthStates.expiresAt, now));
        await tx.insert(t.oauthStates).values({ stateHash: stateHash(state), userId: input.userId, expiresAt: now + input.ttlMs });
      }),
    );
    return state;
  }

  async consumeOAuthState(state: string): Promise<string | undefined> {
    // One DELETE ... RETURNING: of two requests with the same state, only one gets the row back.
    const [row] = await guarded('use OAuth state', () => this.db.delete(t.oauthStates).where(eq(t.oauthStates.stateHash, stateHash(state))).returning());
    return row && row.expiresAt > this.now() ? row.userId : undefined;
  }

  async createConnection(input: NewConnection): Promise<ConnectionRecord> {
    const { credentials, ...rest } = input;
    const now = this.now();
    const secret = this.box().seal(JSON.stringify(credentials));
    const [row] = await guarded('create connection', () =>
      this.db.insert(t.connections).values({ ...rest, id: randomUUID(), secret, tokenExpiresAt: input.tokenExpiresAt ?? null, createdAt: now, updatedAt: now }).returning(),
    );
    return withoutSecret(row);
  }

  async getConnection(id: string): Promise<ConnectionRecord | undefined> {
    const row = await this.one('read connection', this.db.select().from(t.connections).where(eq(t.connections.id, id)));
    return row && withoutSecret(row);
  }

  async listConnections(userId: string): Promise<ConnectionRecord[]> {
    const rows = await guarded('list connections', () => this.db.select().from(t.connections).where(eq(t.connections.userId, userId)));
    return rows.map(withoutSecret);
  }

  async connectionCredentials(id: string): Promise<ConnectionCredentials> {
    const row = await this.one('read connection', this.db.select({ secret: t.connections.secret }).from(t.connections).where(eq(t.connections.id, id)));
    if (!row) throw new Error(`connection ${id}: not found`);
    return JSON.parse(this.box().open(row.secret)) as ConnectionCredentials;
  }

  async updateConnectionCredentials(id: string, credentials: ConnectionCredentials, tokenExpiresAt: number | null): Promise<void> {
    const secret = this.box().seal(JSON.stringify(credentials));
    // One UPDATE: a rotated refresh token is either fully stored (with its access token and expiry) or not at all.
    const result = await guarded('update credentials', () => this.db.update(t.connections).set({ secret, tokenExpiresAt, updatedAt: this.now() }).where(eq(t.connections.id, id)));
    if (result.rowCount === 0) throw new Error(`connection ${id}: not found`);
  }

  async deleteConnection(id: string): Promise<void> {
    await guarded('delete connection', () => this.db.delete(t.connections).where(eq(t.connections.id, id)));
  }

  async createIndex(input: NewIndex): Promise<IndexRecord> {
    const now = this.now();
    const [row] = await guarded('create index', () =>
      this.db
        .insert(t.indexes)
        .values({
          id: randomUUID(),
          name: input.name,
          ownerId: input.ownerId ?? null,
          connectionId: input.connectionId ?? null,
          siteUrl: input.siteUrl,
          spaces: [...input.spaces],
          destination: input.destination,
          destinationConfig: { ...input.destinationConfig },
          intervalMinutes: input.intervalMinutes ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning(),
    );
    return row;
  }

  async getIndex(id: string): Promise<IndexRecord | undefined> {
    return this.one('read index', this.db.select().from(t.indexes).where(eq(t.indexes.id, id)));
  }

  async findIndexByName(name: string, ownerId: string | null = null): Promise<IndexRecord | undefined> {
    const owner = ownerId === null ? isNull(t.indexes.ownerId) : eq(t.indexes.ownerId, ownerId);
    return this.one('read index', this.db.select().from(t.indexes).where(and(eq(t.indexes.name, name), owner)));
  }

  async listIndexes(filter: { ownerId?: string } = {}): Promise<IndexRecord[]> {
    const query = this.db.select().from(t.indexes);
    const rows = await guarded('list indexes', () => (filter.ownerId ? query.where(eq(t.indexes.ownerId, filter.ownerId)) : query));
    // Sorted here, as the SQLite store does: the database's collation would order names differently per locale.
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }

  async updateIndex(id: string, patch: Partial<NewIndex>): Promise<IndexRecord> {
    const set: Partial<typeof t.indexes.$inferInsert> = { updatedAt: this.now() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.ownerId !== undefined) set.ownerId = patch.ownerId;
    if (patch.connectionId !== undefined) set.connectionId = patch.connectionId;
    if (patch.siteUrl !== undefined) set.siteUrl = patch.siteUrl;
    if (patch.spaces !== undefined) set.spaces = [...patch.spaces];
    if (patch.destination !== undefined) set.destination = patch.destination;
    if (patch.destinationConfig !== undefined) set.destinationConfig = { ...patch.destinationConfig };
    if (patch.intervalMinutes !== undefined) set.intervalMinutes = patch.intervalMinutes;
    const [row] = await guarded('update index', () => this.db.update(t.indexes).set(set).where(eq(t.indexes.id, id)).returning());
    if (!row) throw new Error(`index ${id}: not found`);
    return row;
  }

  async deleteIndex(id: string): Promise<void> {
    await guarded('delete index', () => this.db.delete(t.indexes).where(eq(t.indexes.id, id)));
  }

  async acquireLease(indexId: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    // One statement: insert, or take over when expired or already ours. ON CONFLICT locks the row, so of two
    // workers racing for a free or expired lease exactly one sees its row written.
    const result = await guarded('take lease', () =>
      this.db
        .insert(t.leases)
        .values({ indexId, holder, expiresAt: now + ttlMs })
        .onConflictDoUpdate({ target: t.leases.indexId, set: { holder, expiresAt: now + ttlMs }, setWhere: or(lt(t.leases.expiresAt, now), eq(t.leases.holder, holder)) }),
    );
    return result.rowCount === 1;
  }

  async renewLease(indexId: string, holder: string, ttlMs: number): Promise<boolean> {
    const result = await guarded('renew lease', () => this.db.update(t.leases).set({ expiresAt: this.now() + ttlMs }).where(and(eq(t.leases.indexId, indexId), eq(t.leases.holder, holder))));
    return result.rowCount === 1;
  }

  async releaseLease(indexId: string, holder: string): Promise<void> {
    await guarded('release lease', () => this.db.delete(t.leases).where(and(eq(t.leases.indexId, indexId), eq(t.leases.holder, holder))));
  }

  async leaseHolder(indexId: string): Promise<string | undefined> {
    const row = await this.one('read lease', this.db.select().from(t.leases).where(eq(t.leases.indexId, indexId)));
    return row && row.expiresAt >= this.now() ? row.holder : undefined;
  }

  async startRun(indexId: string, trigger: RunTrigger): Promise<RunRecord> {
    const [row] = await guarded('start run', () => this.db.insert(t.syncRuns).values({ indexId, trigger, status: 'running', startedAt: this.now() }).returning());
    return row;
  }

  async queueRun(indexId: string, trigger: RunTrigger): Promise<RunRecord> {
    const [row] = await guarded('queue run', () => this.db.insert(t.syncRuns).values({ indexId, trigger, status: 'queued', startedAt: this.now() }).returning());
    return row;
  }

  async startQueuedRun(id: number): Promise<RunRecord> {
    const [row] = await guarded('start run', () =>
      this.db.update(t.syncRuns).set({ status: 'running', startedAt: this.now() }).where(and(eq(t.syncRuns.id, id), eq(t.syncRuns.status, 'queued'))).returning(),
    );
    if (!row) throw new Error(`run ${id}: not queued (it was cancelled or marked failed)`);
    return row;
  }

  async updateRun(id: number, counts: Partial<RunCounts>): Promise<void> {
    if (Object.keys(counts).length) await guarded('update run', () => this.db.update(t.syncRuns).set(counts).where(eq(t.syncRuns.id, id)));
  }

  async finishRun(id: number, outcome: { status: FinishedRunStatus; counts: RunCounts; error?: string | null }): Promise<RunRecord> {
    const finishedAt = this.now();
    const [row] = await guarded('finish run', () =>
      this.db
        .update(t.syncRuns)
        .set({ ...outcome.counts, status: outcome.status, error: outcome.error ?? null, finishedAt, durationMs: sql`${finishedAt}::bigint - ${t.syncRuns.startedAt}` })
        .where(eq(t.syncRuns.id, id))
        .returning(),
    );
    if (!row) throw new Error(`run ${id}: not found`);
    return row;
  }

  async failAbandonedRuns(indexId: string, reason: string, options: { except?: number } = {}): Promise<number> {
    const finishedAt = this.now();
    const unfinished = and(eq(t.syncRuns.indexId, indexId), inArray(t.syncRuns.status, ['running', 'queued']));
    const result = await guarded('fail abandoned runs', () =>
      this.db
        .update(t.syncRuns)
        .set({ status: 'failed', error: reason, finishedAt, durationMs: sql`${finishedAt}::bigint - ${t.syncRuns.startedAt}` })
        .where(options.except === undefined ? unfinished : and(unfinished, ne(t.syncRuns.id, options.except))),
    );
    return result.rowCount ?? 0;
  }

  async getRun(id: number): Promise<RunRecord | undefined> {
    return this.one('read run', this.db.select().from(t.syncRuns).where(eq(t.syncRuns.id, id)));
  }

  async listRuns(indexId: string, options: { limit?: number } = {}): Promise<RunRecord[]> {
    return guarded('list runs', () => this.db.select().from(t.syncRuns).where(eq(t.syncRuns.indexId, indexId)).orderBy(desc(t.syncRuns.id)).limit(options.limit ?? 50));
  }

  async latestRuns(): Promise<Map<string, RunRecord>> {
    const newest = this.db.select({ id: sql<number>`max(${t.syncRuns.id})` }).from(t.syncRuns).groupBy(t.syncRuns.indexId);
    const rows = await guarded('list latest runs', () => this.db.select().from(t.syncRuns).where(inArray(t.syncRuns.id, newest)));
    return new Map(rows.map((run) => [run.indexId, run]));
  }

  async listSyncedPages(indexId: string): Promise<SyncedPage[]> {
    const rows = await guarded('list page records', () => this.db.select().from(t.syncedPages).where(eq(t.syncedPages.indexId, indexId)));
    return rows.map(({ indexId: _indexId, ...page }) => page);
  }

  async markPending(indexId: string, pages: Array<Pick<SyncedPage, 'pageId' | 'spaceKey' | 'title'> & { pendingChunkIds: string[] }>): Promise<void> {
    // One row per page (ON CONFLICT cannot touch a row twice in one statement): a page announced twice gets the union.
    const byPage = new Map<string, (typeof pages)[number]>();
    for (const page of pages) {
      const seen = byPage.get(page.pageId);
      byPage.set(page.pageId, seen ? { ...page, pendingChunkIds: [...new Set([...seen.pendingChunkIds, ...page.pendingChunkIds])] } : page);
    }
    const now = this.now();
    const rows = [...byPage.values()].map((page) => ({
      indexId,
      pageId: page.pageId,
      spaceKey: page.spaceKey,
      title: page.title,
      version: 0,
      contentHash: '',
      chunkIds: [] as string[],
      pendingChunkIds: page.pendingChunkIds,
      syncedAt: now,
    }));
    await writeInBatches(this.db, 'record pending chunks', rows, ROW_BATCH, (tx, slice) =>
      tx
        .insert(t.syncedPages)
        .values(slice)
        .onConflictDoUpdate({
          target: [t.syncedPages.indexId, t.syncedPages.pageId],
          // A pending list left by a crash is kept too: the union is what may be in the destination.
          set: {
            pendingChunkIds: sql`(SELECT coalesce(jsonb_agg(DISTINCT id), '[]'::jsonb) FROM (
              SELECT jsonb_array_elements_text(coalesce(synced_pages.pending_chunk_ids, '[]'::jsonb)) AS id
              UNION SELECT jsonb_array_elements_text(excluded.pending_chunk_ids)) AS ids)`,
          },
        }),
    );
  }

  async commitPages(indexId: string, pages: SyncedPage[]): Promise<void> {
    // The last record of a page wins, as it would row by row.
    const rows = [...new Map(pages.map((page) => [page.pageId, { ...page, indexId, pendingChunkIds: null }])).values()];
    await writeInBatches(this.db, 'commit page records', rows, ROW_BATCH, (tx, slice) =>
      tx
        .insert(t.syncedPages)
        .values(slice)
        .onConflictDoUpdate({
          target: [t.syncedPages.indexId, t.syncedPages.pageId],
          set: {
            spaceKey: sql`excluded.space_key`,
            version: sql`excluded.version`,
            parentId: sql`excluded.parent_id`,
            position: sql`excluded.position`,
            title: sql`excluded.title`,
            ancestry: sql`excluded.ancestry`,
            contentHash: sql`excluded.content_hash`,
            chunkIds: sql`excluded.chunk_ids`,
            pendingChunkIds: null,
            syncedAt: sql`excluded.synced_at`,
          },
        }),
    );
  }

  async removePages(indexId: string, pageIds: readonly string[]): Promise<void> {
    await writeInBatches(this.db, 'remove page records', pageIds, ROW_BATCH, (tx, slice) =>
      tx.delete(t.syncedPages).where(and(eq(t.syncedPages.indexId, indexId), inArray(t.syncedPages.pageId, slice))),
    );
  }

  exclusive<T>(name: string, work: () => Promise<T>, waitMs = 30_000): Promise<T> {
    return withAdvisoryLock(this.db.$client, name, waitMs, work);
  }

  async close(): Promise<void> {
    await this.db.$client.end();
  }

  private async one<T>(what: string, query: PromiseLike<T[]>): Promise<T | undefined> {
    const rows = await guarded(what, async () => query);
    return rows[0];
  }

  private box(): SecretBox {
    if (!this.secrets) throw new Error('SECRET_KEY: required to store Confluence credentials');
    return this.secrets;
  }
}

