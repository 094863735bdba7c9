/**
 * Opening PostgreSQL: migrations applied once (also when several workers start at once on a fresh database), the
 * schema they make (generated tsvector, GIN index), clear errors that name DATABASE_URL and never a password, query
 * errors without their parameters, and `openSyncStore` choosing the dialect by URL.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestPgDatabase, TestPgDatabase } from '../../testing/pg-database';
import { openSyncStore } from '../open-sync-store';
import { createSecretBox } from '../secrets';
import { openPgDatabase, isPostgresUrl } from './database';
import { PgSyncStore } from './pg-store';

const KEY = 'a-secret-key-that-is-long-enough-for-tests-0123';
const OTHER_KEY = 'another-secret-key-that-is-long-enough-4567';
const TOKEN = 'ATATT3xFfGF0-very-secret-api-token';

let database: TestPgDatabase;
beforeEach(async () => (database = await createTestPgDatabase()));
afterEach(() => database.drop());

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Error) => error,
  );
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('openPgDatabase', () => {
  it('migrates a fresh database once, also when five workers start on it at the same time', async () => {
    const dbs = await Promise.all(Array.from({ length: 5 }, () => openPgDatabase({ url: database.url, pool: { max: 2 } })));
    await Promise.all(dbs.map((db) => db.$client.end()));
    const applied = await query<{ n: number }>(database.url, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    const tables = await query<{ table_name: string }>(database.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    expect(applied[0].n).toBeGreaterThanOrEqual(1);
    expect(tables.map((t) => t.table_name)).toEqual(['connections', 'indexes', 'leases', 'local_chunks', 'oauth_states', 'sync_runs', 'synced_pages', 'users']);
    const search = await query<{ is_generated: string; data_type: string }>(database.url, "SELECT is_generated, data_type FROM information_schema.columns WHERE table_name = 'local_chunks' AND column_name = 'search'");
    expect(search).toEqual([{ is_generated: 'ALWAYS', data_type: 'tsvector' }]);
    const gin = await query<{ indexdef: string }>(database.url, "SELECT indexdef FROM pg_indexes WHERE indexname = 'local_chunks_search'");
    expect(gin[0].indexdef).toContain('USING gin (search)');
  });

  it('is idempotent on reopen: no migration runs twice and the data stays', async () => {
    const first = await openSyncStore({ url: database.url });
    await first.store.createIndex({ name: 'kept', siteUrl: 'https://example.atlassian.net/wiki', spaces: ['ENG'], destination: 'local' });
    await first.close();
    const before = await query(database.url, 'SELECT id, hash FROM drizzle.__drizzle_migrations ORDER BY id');
    for (let i = 0; i < 2; i++) {
      const again = await openSyncStore({ url: database.url });
      expect(again.dialect).toBe('postgres');
      expect(await again.store.findIndexByName('kept')).toMatchObject({ spaces: ['ENG'] });
      await again.close();
    }
    expect(await query(database.url, 'SELECT id, hash FROM drizzle.__drizzle_migrations ORDER BY id')).toEqual(before);
  });

  it('refuses what is not a postgres URL, and names DATABASE_URL, never the password, when it cannot connect', async () => {
    await expect(openPgDatabase({ url: '/var/lib/sync.db' })).rejects.toThrow('DATABASE_URL: not a postgres:// or postgresql:// URL');
    const wrongPassword = new URL(database.url);
    wrongPassword.password = 'hunter2-wrong-password';
    const refused = await failure(openPgDatabase({ url: wrongPassword.href }));
    expect(refused.message).toMatch(/^DATABASE_URL: cannot connect to PostgreSQL \(28P01: password authentication failed/);
    expect(refused.message).not.toContain('hunter2');
    // A port nobody listens on (the server's own port + 1 is free as far as this test knows; any refusal will do).
    const nowhere = new URL(database.url);
    nowhere.port = '1';
    nowhere.password = 'hunter2-secret';
    const unreachable = await failure(openPgDatabase({ url: nowhere.href }));
    expect(unreachable.message).toMatch(/^DATABASE_URL: cannot connect to PostgreSQL \(ECONNREFUSED/);
    expect(unreachable.message).not.toContain('hunter2');
  });
});

describe('isPostgresUrl and openSyncStore', () => {
  it.each([
    ['postgres://u:p@h/db', true],
    ['postgresql://u:p@h:5432/db?sslmode=require', true],
    ['  POSTGRES://h/db', true],
    ['./data/sync.db', false],
    ['file:./data/sync.db', false],
    [':memory:', false],
    ['mysql://h/db', false],
  ])('%s is PostgreSQL: %s', (url, expected) => {
    expect(isPostgresUrl(url)).toBe(expected);
  });

  it('opens SQLite for anything else, and both stores behave alike', async () => {
    for (const url of [':memory:', database.url.replace(/^postgres:/, 'postgresql:')]) {
      const opened = await openSyncStore({ url });
      expect(opened.dialect).toBe(url === ':memory:' ? 'sqlite' : 'postgres');
      const index = await opened.store.createIndex({ name: `i-${randomUUID()}`, siteUrl: 'https://example.atlassian.net/wiki', spaces: ['ENG'], destination: 'local' });
      expect(await opened.localIndex(index.id).search('anything')).toEqual([]);
      await opened.close();
    }
  });
});

describe('PgSyncStore errors and credentials', () => {
  it('a failed query says what failed without its parameters (no sealed secret, no email)', async () => {
    const { store, close } = await openSyncStore({ url: database.url, secrets: createSecretBox(KEY) });
    try {
      const error = await failure(
        store.createConnection({ userId: 'no-such-user', name: 'acme', siteUrl: 'https://acme.atlassian.net/wiki', flavor: 'cloud', authKind: 'basic', credentials: { email: 'alice@example.com', apiToken: TOKEN } }),
      );
      expect(error.message).toMatch(/^create connection: PostgreSQL 23503: insert or update on table "connections" violates foreign key constraint/);
      expect(error.message).not.toMatch(/v1\.|alice@example\.com|params|Failed query/);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
    } finally {
      await close();
    }
  });

  it('without a SECRET_KEY, or with another one, credentials are refused with a clear error that does not leak them', async () => {
    const { store, close } = await openSyncStore({ url: database.url, secrets: createSecretBox(KEY) });
    const db = (store as PgSyncStore).db;
    try {
      const user = await store.createUser({ username: 'alice', email: 'alice@example.com', passwordHash: null });
      const connection = await store.createConnection({ userId: user.id, name: 'acme', siteUrl: 'https://acme.atlassian.net/wiki', flavor: 'cloud', authKind: 'basic', credentials: { apiToken: TOKEN } });
      const keyless = new PgSyncStore(db);
      await expect(keyless.connectionCredentials(connection.id)).rejects.toThrow('SECRET_KEY: required to store Confluence credentials');
      await expect(keyless.createConnection({ userId: user.id, name: 'x', siteUrl: 'https://x.atlassian.net/wiki', flavor: 'cloud', authKind: 'basic', credentials: { apiToken: TOKEN } })).rejects.toThrow(/^SECRET_KEY: /);
      expect(await keyless.getConnection(connection.id)).toMatchObject({ name: 'acme' });
      const wrong = await failure(new PgSyncStore(db, createSecretBox(OTHER_KEY)).connectionCredentials(connection.id));
      expect(wrong.message).toBe('stored credentials: cannot be decrypted (was SECRET_KEY changed?)');
      expect(await store.connectionCredentials(connection.id)).toEqual({ apiToken: TOKEN });
    } finally {
      await close();
    }
  });
});
