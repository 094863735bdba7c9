/**
 * Migration 0003 (accounts) on a database made before it: users get their email as username, indexes, connections
 * and history survive (no table is rebuilt, so no cascade can empty them), and the new unique rules hold.
 */
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database';
import { SqliteSyncStore } from './sqlite-store';

const MIGRATIONS = join(__dirname, '..', '..', 'migrations');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sync-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was before 0003. */
function migrationsBefore0003(): string {
  const folder = join(dir, 'migrations');
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.filter((entry) => entry.tag < '0003');
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

it('keeps every row and gives older accounts their email as username', async () => {
  const file = join(dir, 'sync.db');
  openDatabase({ url: file, migrationsFolder: migrationsBefore0003() }).$client.close();
  const old = new Database(file);
  old.pragma('foreign_keys = ON');
  old.exec(`
    INSERT INTO users (id, email, name, password_hash) VALUES ('u1', 'ann@example.com', 'Ann', 'scrypt$x');
    INSERT INTO connections (id, user_id, name, site_url, flavor, auth_kind, secret) VALUES ('c1', 'u1', 'acme', 'https://acme.atlassian.net/wiki', 'cloud', 'oauth', 'v1.a.b.c');
    INSERT INTO indexes (id, name, owner_id, connection_id, site_url, spaces, destination) VALUES ('i1', 'docs', 'u1', 'c1', 'https://acme.atlassian.net/wiki', '["ENG"]', 'local');
    INSERT INTO indexes (id, name, site_url, spaces, destination) VALUES ('i2', 'cli', 'https://acme.atlassian.net/wiki', '["OPS"]', 'local');
    INSERT INTO sync_runs (index_id, trigger, status, started_at) VALUES ('i1', 'api', 'succeeded', 1);
  `);
  old.close();

  const store = new SqliteSyncStore(openDatabase({ url: file }));
  try {
    expect(await store.findUserByUsername('ann@example.com')).toMatchObject({ id: 'u1', username: 'ann@example.com', email: 'ann@example.com', name: 'Ann' });
    expect(await store.getConnection('c1')).toMatchObject({ userId: 'u1' });
    expect(await store.findIndexByName('docs', 'u1')).toMatchObject({ id: 'i1', connectionId: 'c1' });
    expect(await store.findIndexByName('cli')).toMatchObject({ id: 'i2' });
    expect(await store.listRuns('i1')).toHaveLength(1);
    await expect(store.createUser({ username: 'ann@example.com', email: 'other@example.com', passwordHash: null })).rejects.toMatchObject({ field: 'username' });
    await expect(store.createIndex({ name: 'cli', siteUrl: 'https://x', spaces: ['X'], destination: 'local' })).rejects.toMatchObject({ field: 'name' });
    expect(await store.createIndex({ name: 'cli', ownerId: 'u1', siteUrl: 'https://x', spaces: ['X'], destination: 'local' })).toMatchObject({ name: 'cli', ownerId: 'u1' });
  } finally {
    await store.close();
  }
});
