/** Opening the SQLite database named by `DATABASE_URL` and bringing it to the latest migration. */
import Database from 'better-sqlite3';
import { drizzle, BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

/** Where the database lives when `DATABASE_URL` is not set. */
export const DEFAULT_DATABASE_PATH = './data/sync.db';

/** A drizzle handle over better-sqlite3 with this library's schema. */
export type SyncDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Options of `openDatabase`. */
export interface OpenDatabaseOptions {
  /** A file path, a `file:` URL or `:memory:`. @default process.env.DATABASE_URL ?? './data/sync.db' */
  url?: string;
  /** Folder of the drizzle-kit migrations. @default found next to this module (source tree, package or app bundle) */
  migrationsFolder?: string;
  /**
   * Open an existing file for reading only, as another process's reader (the MCP servers searching what the sync
   * service writes): no folder or file is created, nothing is migrated, and every write throws. @default false
   */
  readonly?: boolean;
}

/**
 * The path a `DATABASE_URL` names: `file:` URLs (absolute `file:///x`, relative `file:./x` or `file:x`), plain
 * paths, or `:memory:`. Throws an error naming `DATABASE_URL` for anything else (a `postgres://` URL, say).
 */
export function databasePath(url: string): string {
  const trimmed = url.trim();
  if (!trimmed) throw new Error('DATABASE_URL: must not be empty (a file path, a file: URL or :memory:)');
  if (trimmed === ':memory:') return trimmed;
  if (/^file:\/\//i.test(trimmed)) {
    try {
      return fileURLToPath(trimmed);
    } catch {
      // Node's own message names neither the variable nor the fix (`file://host/x` is a share on another machine).
      throw new Error('DATABASE_URL: a file: URL must name a local file (file:///absolute/path or file:relative/path)');
    }
  }
  if (/^file:/i.test(trimmed)) return trimmed.slice('file:'.length).split('?')[0];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new Error(`DATABASE_URL: ${trimmed.split(':')[0]}: URLs are not supported by the SQLite store (use a file path or a file: URL)`);
  }
  return trimmed;
}

/**
 * Opens (creating the folder and file when missing) and migrates the database. WAL mode lets a CLI search while a
 * sync writes; the busy timeout lets two processes take turns instead of failing at once.
 */
export function openDatabase(options: OpenDatabaseOptions = {}): SyncDatabase {
  const path = databasePath(options.url ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_PATH);
  if (options.readonly) return openReadOnly(path);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const db = drizzle(sqlite, { schema }) as SyncDatabase;
    migrate(db, { migrationsFolder: options.migrationsFolder ?? findMigrations() });
    return db;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * A reader of a database another process writes. The writer owns the schema (migrating here would change a file
 * this process was only asked to read); WAL mode is already set by the writer and persists in the file.
 */
function openReadOnly(path: string): SyncDatabase {
  if (path === ':memory:') throw new Error('DATABASE_URL: a read-only database must be a file');
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 10000');
  return drizzle(sqlite, { schema }) as SyncDatabase;
}

/** The migrations folder: beside the package root (built), two levels up (source), or beside an app bundle. */
function findMigrations(): string {
  const candidates = [join(__dirname, '..', 'migrations'), join(__dirname, '..', '..', 'migrations'), join(__dirname, 'migrations')];
  const found = candidates.find((dir) => existsSync(join(dir, 'meta', '_journal.json')));
  if (!found) throw new Error(`sync-engine migrations not found (looked in ${candidates.map((c) => (isAbsolute(c) ? c : resolve(c))).join(', ')})`);
  return found;
}
