/**
 * The index reader on a `postgres://` URL, against a database the real sync engine writes: before the sync tables
 * exist it offers nothing and creates nothing (a reader never migrates), then it lists only local indexes (by name,
 * with `name~idprefix` for twins), searches them, sees a later sync, and `close()` ends its pool.
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import { clientFor, emulatorFor } from '@confluence-mcp/confluence-client/testing';
import { Client } from 'pg';
import { openSyncStore } from '../../store/open-sync-store';
import type { OpenedSyncStore } from '../../store/open-sync-store';
import type { IndexRecord } from '../../store/types';
import { runSync } from '../../sync/runner';
import { createTestPgDatabase, TestPgDatabase } from '../../testing/pg-database';
import { openIndexReader } from '../index-reader';

let database: TestPgDatabase;
let emulator: RunningEmulator;
let client: ConfluenceClient;
let spaceKey: string;

beforeAll(async () => {
  database = await createTestPgDatabase();
  emulator = await emulatorFor('cloud', { spaces: 2, pagesPerSpace: 12, seed: 7 });
  client = clientFor(emulator, 'alice', { retry: { backoffLimitMs: 50 } });
  spaceKey = [...emulator.control.world.spaces.values()].find((s) => s.permissions.read === '*')?.key ?? '';
});
afterAll(async () => {
  await emulator?.close();
  await database?.drop();
});

/** One query on a connection of its own (not the reader's pool). */
async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  try {
    return (await admin.query(sql, params)).rows as T[];
  } finally {
    await admin.end();
  }
}

const otherConnections = async () =>
  Number((await query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()"))[0].n);

describe('on PostgreSQL', () => {
  let opened: OpenedSyncStore | undefined;
  afterAll(() => opened?.close());

  it('offers nothing while the sync tables do not exist, and creates none', async () => {
    const reader = openIndexReader({ url: database.url });
    expect(await reader.indexes()).toEqual([]);
    await expect(reader.search('docs', 'anything')).rejects.toThrow('index docs: not found');
    expect(await query('SELECT to_regclass($1) AS t', ['indexes'])).toEqual([{ t: null }]);
    await reader.close();
  });

  it('searches the local indexes the sync wrote, sees a later sync and ends its pool on close', async () => {
    const reader = openIndexReader({ url: database.url });
    expect(await reader.indexes()).toEqual([]);
    const current = await openSyncStore({ url: database.url });
    opened = current;
    const { store } = current;
    const index = await store.createIndex({ name: 'docs', siteUrl: client.siteUrl, spaces: [spaceKey], destination: 'local' });
    await store.createIndex({ name: 'elsewhere', siteUrl: client.siteUrl, spaces: [spaceKey], destination: 'llamacloud' });
    const sync = (target: IndexRecord) => runSync({ client, store, index: target, sink: current.localIndex(target.id) });
    await sync(index);

    // The same reader, now that the tables exist: no reopening needed.
    expect(await reader.indexes()).toEqual(['docs']);
    const [synced] = await store.listSyncedPages(index.id);
    const title = emulator.control.world.pages.get(synced.pageId)?.versions.at(-1)?.title ?? '';
    const answer = await reader.search('docs', title, { limit: 3 });
    expect(answer.siteUrl).toBe(client.siteUrl);
    expect(answer.hits[0]).toMatchObject({ title, space_key: spaceKey });
    expect(answer.hits.length).toBeLessThanOrEqual(3);

    const page = [...emulator.control.world.pages.values()].find((p) => p.id === synced.pageId);
    emulator.control.editPage(page?.id ?? '', { body: '<p>The quetzalcoatlus migration runs on Fridays.</p>' });
    expect((await reader.search('docs', 'quetzalcoatlus')).hits).toEqual([]);
    await sync(index);
    expect((await reader.search('docs', 'quetzalcoatlus')).hits.map((h) => h.page_id)).toEqual([page?.id]);

    await current.close();
    opened = undefined;
    expect(await otherConnections()).toBeGreaterThan(0);
    await reader.close();
    expect(await otherConnections()).toBe(0);
  });

  it('offers only the names asked for, and tells two indexes of one name apart', async () => {
    opened = await openSyncStore({ url: database.url });
    const { store } = opened;
    const docs = await store.findIndexByName('docs');
    const owner = await store.createUser({ username: 'olga', email: 'olga@example.com', passwordHash: null });
    const twin = await store.createIndex({ name: 'docs', ownerId: owner.id, siteUrl: client.siteUrl, spaces: [spaceKey], destination: 'local' });
    const all = openIndexReader({ url: database.url });
    const some = openIndexReader({ url: database.url, names: ['docs'] });
    try {
      const twins = [`docs~${docs?.id.slice(0, 8)}`, `docs~${twin.id.slice(0, 8)}`].sort((a, b) => a.localeCompare(b));
      expect(await all.indexes()).toEqual(twins);
      // Asking for the plain name offers both twins, each under its own name.
      expect(await some.indexes()).toEqual(twins);
      expect((await all.search(twins[0], 'anything')).siteUrl).toBe(client.siteUrl);
      await expect(all.search('docs', 'x')).rejects.toThrow('not found');
    } finally {
      await all.close();
      await some.close();
    }
  });
});
