/** Opening the PostgreSQL database named by a `postgres://` `DATABASE_URL` and bringing it to the latest migration. */
import { drizzle, NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Pool, PoolConfig } from 'pg';
import * as schema from './schema';

/** A drizzle handle over a `pg` pool with the PostgreSQL schema of this library. */
export type PgSyncDatabase = NodePgDatabase<typeof schema> & { $client: Pool };

/** Options of `openPgDatabase`. */
export interface OpenPgDatabaseOptions {
  /** A `postgres://` or `postgresql://` URL. */
  url: string;
  /** Folder of the drizzle-kit migrations. @default found next to this module (source tree, package or app bundle) */
  migrationsFolder?: string;
  /** Pool settings (`max` connections and the like); the URL wins for where to connect. */
  pool?: Omit<PoolConfig, 'connectionString'>;
}

/** Whether a `DATABASE_URL` names PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/**
 * An arbitrary but fixed key of the advisory lock migrations run under: several workers starting at once against a
 * fresh database would otherwise all see "no migration applied" and race to create the same tables.
 */
const MIGRATION_LOCK = 0x5_7c_e0_01;

/**
 * Connects a pool to `url` and applies every pending migration (under an advisory lock, so concurrent starts migrate
 * once). The pool is closed again when migrating fails. Errors name `DATABASE_URL`, never its password.
 */
export async function openPgDatabase(options: OpenPgDatabaseOptions): Promise<PgSyncDatabase> {
  if (!isPostgresUrl(options.url)) throw new Error('DATABASE_URL: not a postgres:// or postgresql:// URL');
  const pool = new Pool({ ...options.pool, connectionString: options.url.trim() });
  // An idle client whose server went away emits 'error' on the pool; unhandled, that would end the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect().catch((error: unknown) => {
      throw new Error(`DATABASE_URL: cannot connect to PostgreSQL (${describe(error)})`);
    });
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migrate(drizzle({ client, schema }), { migrationsFolder: options.migrationsFolder ?? findPgMigrations() });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
    return drizzle({ client: pool, schema }) as PgSyncDatabase;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

/** A driver error in one line without credentials (pg's messages name the user and host, never the password). */
function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return [code, message?.split('\n')[0]].filter(Boolean).join(': ') || 'unknown error';
}

/** The PostgreSQL migrations folder: beside the package root (built), three levels up (source), or beside an app bundle. */
function findPgMigrations(): string {
  const candidates = [
    join(__dirname, '..', '..', 'migrations-pg'),
    join(__dirname, '..', '..', '..', 'migrations-pg'),
    join(__dirname, 'migrations-pg'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'meta', '_journal.json')));
  if (!found) throw new Error(`sync-engine PostgreSQL migrations not found (looked in ${candidates.map((c) => (isAbsolute(c) ? c : resolve(c))).join(', ')})`);
  return found;
}
