/**
 * The store contract specs' factory for PostgreSQL: one migrated database per spec file, emptied before each test
 * (TRUNCATE takes milliseconds; a new database per test would take a few hundred).
 */
import { eq, sql } from 'drizzle-orm';
import { PgLocalIndex } from '../../sinks/pg/pg-local-index';
import { createTestPgDatabase, TestPgDatabase } from '../../testing/pg-database';
import type { CoreStoreFactory } from '../contract/store-core';
import type { SecretBox } from '../secrets';
import { openPgDatabase, PgSyncDatabase } from './database';
import { PgSyncStore } from './pg-store';
import { connections } from './schema';

/** A `StoreFactory`/`CoreStoreFactory` over the spec file's database, which it also exposes. */
export type PgStoreFactory = CoreStoreFactory & { readonly db: PgSyncDatabase; readonly url: string };

/** Makes a database for the spec file (in `beforeAll`, dropped in `afterAll`); each call of the factory empties it. */
export function pgStoreFactory(): PgStoreFactory {
  let database: TestPgDatabase | undefined;
  let db: PgSyncDatabase | undefined;
  beforeAll(async () => {
    database = await createTestPgDatabase();
    db = await openPgDatabase({ url: database.url });
  });
  afterAll(async () => {
    await db?.$client.end();
    await database?.drop();
  });
  const factory = async (now: () => number, secrets?: SecretBox) => {
    const handle = db ?? fail();
    await handle.execute(sql`TRUNCATE users, connections, indexes, sync_runs, synced_pages, leases, local_chunks, oauth_states RESTART IDENTITY CASCADE`);
    return {
      store: new PgSyncStore(handle, secrets, now),
      localIndex: (indexId: string) => new PgLocalIndex(handle, indexId),
      rawSecret: async (id: string) => (await handle.select({ secret: connections.secret }).from(connections).where(eq(connections.id, id)))[0].secret,
      // The pool is the spec file's: closing a test's store must not end it.
      close: async () => undefined,
    };
  };
  // Getters, not values: the database exists only once beforeAll has run.
  // (defineProperties types its result as its argument's type: the getters it adds are declared by PgStoreFactory.)
  return Object.defineProperties(factory, {
    db: { get: () => db ?? fail() },
    url: { get: () => database?.url ?? fail() },
  }) as unknown as PgStoreFactory;
}

function fail(): never {
  throw new Error('pgStoreFactory: used outside a test');
}
