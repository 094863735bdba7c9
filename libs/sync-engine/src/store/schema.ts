/**
 * The sync store's tables (drizzle, SQLite dialect). Migrations in `libs/sync-engine/migrations` are generated from
 * this file by drizzle-kit (`npm run db:generate`); the FTS5 index of the local sink is a hand-written migration.
 * Times are Unix milliseconds; lists are JSON text.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** People who own connections and indexes (the sync service's accounts). */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /**
   * Sign-in name, unique. Nullable in SQL only because SQLite cannot add a NOT NULL column to a table with rows
   * without rebuilding it (migration 0003 fills it with the email for accounts made before it); every new
   * account has one (`createUser` requires it).
   */
  username: text('username').unique(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** scrypt hash (`scrypt$N$salt$hash`), or null for accounts that sign in elsewhere. */
  passwordHash: text('password_hash'),
  createdAt: integer('created_at').notNull().default(now),
});

/** A Confluence site and the credentials to read it, encrypted at rest (AES-256-GCM, see secrets.ts). */
export const connections = sqliteTable('connections', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  siteUrl: text('site_url').notNull(),
  flavor: text('flavor', { enum: ['cloud', 'dc'] }).notNull(),
  authKind: text('auth_kind', { enum: ['basic', 'bearer', 'scoped', 'oauth'] }).notNull(),
  /** Encrypted JSON of the credentials (tokens, refresh token); never returned by the API. */
  secret: text('secret').notNull(),
  /** When the OAuth access token expires (refresh before). */
  tokenExpiresAt: integer('token_expires_at'),
  createdAt: integer('created_at').notNull().default(now),
  updatedAt: integer('updated_at').notNull().default(now),
}, (t) => [uniqueIndex('connections_user_name').on(t.userId, t.name)]);

/** What to keep synced where: spaces of one site into one destination, on a schedule or on demand. */
export const indexes = sqliteTable('indexes', {
  id: text('id').primaryKey(),
  /** Unique per owner (see `indexes_owner_name`). */
  name: text('name').notNull(),
  ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }),
  connectionId: text('connection_id').references(() => connections.id, { onDelete: 'set null' }),
  siteUrl: text('site_url').notNull(),
  /** JSON array of space keys. */
  spaces: text('spaces').notNull(),
  destination: text('destination', { enum: ['local', 'llamacloud'] }).notNull(),
  /** JSON of destination settings (LlamaCloud project and pipeline names); never secrets. */
  destinationConfig: text('destination_config').notNull().default('{}'),
  /** Minutes between scheduled runs; null = only on demand. */
  intervalMinutes: integer('interval_minutes'),
  createdAt: integer('created_at').notNull().default(now),
  updatedAt: integer('updated_at').notNull().default(now),
}, (t) => [
  // A plain (owner_id, name) index would let CLI indexes (owner null) share a name: NULLs are distinct in SQLite.
  uniqueIndex('indexes_owner_name').on(sql`coalesce(${t.ownerId}, '')`, t.name),
]);

/** Sync history: one row per run. */
export const syncRuns = sqliteTable('sync_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  indexId: text('index_id').notNull().references(() => indexes.id, { onDelete: 'cascade' }),
  trigger: text('trigger', { enum: ['cli', 'api', 'schedule'] }).notNull(),
  status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }).notNull(),
  /** When the run was queued, then (once it runs) when it started running. */
  startedAt: integer('started_at').notNull(),
  finishedAt: integer('finished_at'),
  listed: integer('listed').notNull().default(0),
  new: integer('new').notNull().default(0),
  changed: integer('changed').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  deleted: integer('deleted').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  requests: integer('requests').notNull().default(0),
  bytes: integer('bytes').notNull().default(0),
  durationMs: integer('duration_ms'),
  /** One line for people; never a stack trace or a secret. */
  error: text('error'),
}, (t) => [index('sync_runs_index_started').on(t.indexId, t.startedAt)]);

/** What the destination holds for each page, as last recorded. */
export const syncedPages = sqliteTable('synced_pages', {
  indexId: text('index_id').notNull().references(() => indexes.id, { onDelete: 'cascade' }),
  pageId: text('page_id').notNull(),
  spaceKey: text('space_key').notNull(),
  version: integer('version').notNull(),
  parentId: text('parent_id'),
  position: integer('position'),
  title: text('title').notNull(),
  /** Ancestor titles joined by ' / ': a move or rename above the page changes its chunks' metadata. */
  ancestry: text('ancestry').notNull().default(''),
  /** sha256 of everything written for the page: equal = nothing to rewrite. */
  contentHash: text('content_hash').notNull(),
  /** JSON array of the chunk ids in the destination. */
  chunkIds: text('chunk_ids').notNull(),
  /**
   * JSON array of chunk ids about to be written (set before the sink write, cleared by the commit): after a crash
   * between the two, the next run deletes whatever of these the page no longer has.
   */
  pendingChunkIds: text('pending_chunk_ids'),
  syncedAt: integer('synced_at').notNull(),
}, (t) => [primaryKey({ columns: [t.indexId, t.pageId] })]);

/**
 * OAuth `state` values handed to a browser on its way to the authorization server: single-use, expiring, bound to
 * the user who asked. Only a sha256 of the state is kept, so a copy of the database cannot complete a flow.
 */
export const oauthStates = sqliteTable('oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('oauth_states_expires').on(t.expiresAt)]);

/** At most one run per index at a time. */
export const leases = sqliteTable('leases', {
  indexId: text('index_id').primaryKey().references(() => indexes.id, { onDelete: 'cascade' }),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** The local sink's chunks; `local_chunks_fts` (FTS5, hand-written migration) indexes them. */
export const localChunks = sqliteTable('local_chunks', {
  /** FTS5 external content needs a stable integer rowid. */
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  /** Unique per index, not globally: two indexes of the same pages hold the same chunk ids, each its own copy. */
  id: text('id').notNull(),
  indexId: text('index_id').notNull().references(() => indexes.id, { onDelete: 'cascade' }),
  pageId: text('page_id').notNull(),
  spaceKey: text('space_key').notNull(),
  title: text('title').notNull(),
  url: text('url').notNull(),
  headingPath: text('heading_path').notNull(),
  text: text('text').notNull(),
  /** JSON of the chunk's metadata (the same as sent to LlamaCloud). */
  metadata: text('metadata').notNull(),
}, (t) => [uniqueIndex('local_chunks_index_chunk').on(t.indexId, t.id), index('local_chunks_index_page').on(t.indexId, t.pageId)]);
