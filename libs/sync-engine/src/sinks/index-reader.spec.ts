/**
 * The read-only index reader against a database file the real sync engine writes: it waits for the file, lists only
 * local indexes (optionally by name), searches them, cannot write, and sees a later sync without reopening.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../store/database';
import { runSync } from '../sync/runner';
import { syncWorld, SyncWorld } from '../testing/sync-world';
import { openIndexReader } from './index-reader';
import { LocalIndex } from './local-sink';

let dir: string;
let file: string;
let world: SyncWorld;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'index-reader-'));
  file = join(dir, 'sync.db');
  world = await syncWorld('cloud', { pagesPerSpace: 12, dbUrl: file });
});
afterAll(async () => {
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

const sync = () => runSync({ client: world.client, store: world.store, index: world.index, sink: new LocalIndex(world.db, world.index.id) });

it('lists nothing while the file does not exist, and creates nothing', async () => {
  const missing = join(dir, 'later', 'sync.db');
  const reader = openIndexReader({ url: missing });
  expect(await reader.indexes()).toEqual([]);
  await expect(reader.search('docs', 'anything')).rejects.toThrow('index docs: not found');
  expect(() => openDatabase({ url: missing, readonly: true })).toThrow();
  await reader.close();
});

it('searches the local indexes of the file, read-only, and sees a later sync', async () => {
  await world.store.createIndex({ name: 'elsewhere', siteUrl: world.client.siteUrl, spaces: [world.spaceKey], destination: 'llamacloud' });
  await sync();
  const reader = openIndexReader({ url: `file:${file}` });
  expect(await reader.indexes()).toEqual([world.index.name]);
  const title = world.emulator.control.world.pages.get((await world.store.listSyncedPages(world.index.id))[0].pageId)?.versions.at(-1)?.title ?? '';
  const answer = await reader.search(world.index.name, title, { limit: 3 });
  expect(answer.siteUrl).toBe(world.client.siteUrl);
  expect(answer.hits[0]).toMatchObject({ title, space_key: world.spaceKey });
  expect(answer.hits.length).toBeLessThanOrEqual(3);

  const readOnly = openDatabase({ url: file, readonly: true });
  expect(() => readOnly.$client.prepare('DELETE FROM local_chunks').run()).toThrow(/readonly/i);
  readOnly.$client.close();

  const page = [...world.emulator.control.world.pages.values()].find((p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read && world.emulator.control.world.spaces.get(p.spaceId)?.key === world.spaceKey);
  world.emulator.control.editPage(page?.id ?? '', { body: '<p>The zyzzogeton migration runs on Fridays.</p>' });
  expect((await reader.search(world.index.name, 'zyzzogeton')).hits).toEqual([]);
  await sync();
  expect((await reader.search(world.index.name, 'zyzzogeton')).hits.map((h) => h.page_id)).toEqual([page?.id]);
  await reader.close();
});

it('offers only the names asked for, and tells two indexes of one name apart', async () => {
  const owner = await world.store.createUser({ username: 'olga', email: 'olga@example.com', passwordHash: null });
  const twin = await world.store.createIndex({ name: world.index.name, ownerId: owner.id, siteUrl: world.client.siteUrl, spaces: [world.spaceKey], destination: 'local' });
  const other = await world.store.createIndex({ name: 'other', siteUrl: world.client.siteUrl, spaces: [world.spaceKey], destination: 'local' });
  const all = openIndexReader({ url: file });
  expect(await all.indexes()).toEqual([`${world.index.name}~${world.index.id.slice(0, 8)}`, `${world.index.name}~${twin.id.slice(0, 8)}`, other.name].sort((a, b) => a.localeCompare(b)));
  const some = openIndexReader({ url: file, names: ['other'] });
  expect(await some.indexes()).toEqual(['other']);
  await expect(some.search(world.index.name, 'x')).rejects.toThrow('not found');
  await all.close();
  await some.close();
});
