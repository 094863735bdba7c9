/**
 * The sync store's tables on PostgreSQL (drizzle pg-core): the same tables and meanings as the SQLite schema
 * (`../schema.ts`), in PostgreSQL's own types. Migrations in `libs/sync-engine/migrations-pg` are generated from this
 * file by drizzle-kit (`npx drizzle-kit generate --config libs/sync-engine/drizzle-pg.config.ts --name <change>`).
 * Times are Unix milliseconds (bigint read as a JS number); lists and settings are jsonb.
 */
import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';

const now = sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`;
/** Unix milliseconds: bigint in SQL, a number in JS (safe until the year 287396). */
const millis = (name: string) => bigint(name, { mode: 'number' });

/** A `tsvector` column (drizzle has no built-in type for it). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** People who own connections and indexes (the sync service's accounts). */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  /** Sign-in name, unique (required: PostgreSQL databases start empty, there are no accounts from before usernames). */
  username: text('username').notNull().unique(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** scrypt hash (`scrypt$N$salt$hash`), or null for accounts that sign in elsewhere. */
  passwordHash: text('password_hash'),
  createdAt: millis('created_at').notNull().default(now),
});

/** A Confluence site and the credentials to read it, encrypted at rest (AES-256-GCM, see ../secrets.ts). */
export const connections = pgTable('connections', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  siteUrl: text('site_url').notNull(),
  flavor: text('flavor', { enum: ['cloud', 'dc'] }).notNull(),
  authKind: text('auth_kind', { enum: ['basic', 'bearer', 'scoped', 'oauth'] }).notNull(),
  /** Encrypted JSON of the credentials (tokens, refresh token); never returned by the API. */
  secret: text('secret').notNull(),
  tokenExpiresAt: millis('token_expires_at'),
  createdAt: millis('created_at').notNull().default(now),
  updatedAt: millis('updated_at').notNull().default(now),
}, (t) => [unique('connections_user_name').on(t.userId, t.name)]);

/** What to keep synced where: spaces of one site into one destination, on a schedule or on demand. */
export const indexes = pgTable('indexes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }),
  connectionId: text('connection_id').references(() => connections.id, { onDelete: 'set null' }),
  siteUrl: text('site_url').notNull(),
  spaces: jsonb('spaces').$type<string[]>().notNull(),
  destination: text('destination', { enum: ['local', 'llamacloud'] }).notNull(),
  /** Destination settings (LlamaCloud project and pipeline names); never secrets. */
  destinationConfig: jsonb('destination_config').$type<Record<string, string>>().notNull().default({}),
  /** Minutes between scheduled runs; null = only on demand. */
  intervalMinutes: integer('interval_minutes'),
  createdAt: millis('created_at').notNull().default(now),
  updatedAt: millis('updated_at').notNull().default(now),
}, (t) => [
  // NULLS NOT DISTINCT (PostgreSQL 15+): CLI indexes (owner null) are unique among themselves too.
  unique('indexes_owner_name').on(t.ownerId, t.name).nullsNotDistinct(),
]);

/** Sync history: one row per run. */
export const syncRuns = pgTable('sync_runs', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  indexId: text('index_id').notNull().references(() => indexes.id, { onDelete: 'cascade' }),
  trigger: text('trigger', { enum: ['cli', 'api', 'schedule'] }).notNull(),
  status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }).notNull(),
  /** When the run was queued, then (once it runs) when it started running. */
  startedAt: millis('started_at').notNull(),
  finishedAt: millis('finished_at'),
  listed: integer('listed').notNull().default(0),
  new: integer('new').notNull().default(0),
  changed: integer('changed').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  deleted: integer('deleted').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  requests: integer('requests').notNull().default(0),
  /** A big space is more than the 2 GB an integer holds. */
  bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
  durationMs: bigint('duration_ms', { mode: 'number' }),
  /** One line for people; never a stack trace or a secret. */
  error: text('error'),
}, (t) => [index('sync_runs_index_started').on(t.indexId, t.startedAt)]);

/** What the destination holds for each page, as last recorded. */
export const syncedPages = pgTable('synced_pages', {
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
  chunkIds: jsonb('chunk_ids').$type<string[]>().notNull(),
  /** Chunk ids about to be written (set before the sink write, cleared by the commit). */
  pendingChunkIds: jsonb('pending_chunk_ids').$type<string[]>(),
  syncedAt: millis('synced_at').notNull(),
}, (t) => [primaryKey({ columns: [t.indexId, t.pageId] })]);

/** OAuth `state` values: single-use, expiring, bound to a user; only a sha256 of the state is kept. */
export const oauthStates = pgTable('oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: millis('expires_at').notNull(),
}, (t) => [index('oauth_states_expires').on(t.expiresAt)]);

/** At most one run per index at a time. */
export const leases = pgTable('leases', {
  indexId: text('index_id').primaryKey().references(() => indexes.id, { onDelete: 'cascade' }),
  holder: text('holder').notNull(),
  expiresAt: millis('expires_at').notNull(),
});

/**
 * The local sink's chunks with their full-text vector: a generated `tsvector` (english: stemming and stop words)
 * weighting the title (A) above the heading path (B) above the text (C), under a GIN index.
 */
export const localChunks = pgTable('local_chunks', {
  /** Unique per index, not globally: two indexes of the same pages hold the same chunk ids, each its own copy. */
  id: text('id').notNull(),
  indexId: text('index_id').notNull().references(() => indexes.id, { onDelete: 'cascade' }),
  pageId: text('page_id').notNull(),
  spaceKey: text('space_key').notNull(),
  title: text('title').notNull(),
  url: text('url').notNull(),
  headingPath: text('heading_path').notNull(),
  text: text('text').notNull(),
  /** The chunk's metadata (the same as sent to LlamaCloud). */
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
  search: tsvector('search')
    .notNull()
    .generatedAlwaysAs(
      sql`setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, heading_path), 'B') || setweight(to_tsvector('english'::regconfig, text), 'C')`,
    ),
}, (t) => [
  primaryKey({ columns: [t.indexId, t.id] }),
  index('local_chunks_index_page').on(t.indexId, t.pageId),
  index('local_chunks_search').using('gin', t.search),
]);
