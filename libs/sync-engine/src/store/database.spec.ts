/** `DATABASE_URL` and opening the database: where it goes, what is refused, and migrations on a real file. */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { databasePath, openDatabase } from './database';
import { SqliteSyncStore } from './sqlite-store';

describe('databasePath (DATABASE_URL)', () => {
  it.each([
    ['a plain relative path', './data/sync.db', './data/sync.db'],
    ['a plain absolute path', '/var/lib/sync/sync.db', '/var/lib/sync/sync.db'],
    ['an absolute file: URL', 'file:///var/lib/sync/sync.db', '/var/lib/sync/sync.db'],
    ['a file: URL with an encoded space', 'file:///var/lib/my%20sync/sync.db', '/var/lib/my sync/sync.db'],
    ['a relative file: URL', 'file:./data/sync.db', './data/sync.db'],
    ['a bare relative file: URL', 'file:sync.db', 'sync.db'],
    ['a file: URL with query options', 'file:sync.db?mode=rwc', 'sync.db'],
    ['memory', ':memory:', ':memory:'],
    ['memory with spaces around', '  :memory:  ', ':memory:'],
  ])('reads %s', (_name, url, path) => {
    expect(databasePath(url)).toBe(path);
  });

  it.each([
    ['postgres', 'postgres://sync:hunter2-secret@db.internal:5432/sync'],
    ['postgresql', 'postgresql://sync:hunter2-secret@db.internal/sync'],
    ['mysql', 'mysql://sync:hunter2-secret@db.internal/sync'],
  ])('refuses a %s:// URL, naming DATABASE_URL and the scheme, never the password', (scheme, url) => {
    const error = captured(() => databasePath(url));
    expect(error.message).toMatch(/^DATABASE_URL: /);
    expect(error.message).toContain(`${scheme}:`);
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses an empty value and a file: URL of another host, naming DATABASE_URL', () => {
    expect(() => databasePath('')).toThrow(/^DATABASE_URL: must not be empty/);
    expect(() => databasePath('   ')).toThrow(/^DATABASE_URL: must not be empty/);
    expect(() => databasePath('file://fileserver/share/sync.db')).toThrow(/^DATABASE_URL: /);
  });
});

describe('openDatabase', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sync-db-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const tables = (file: string) => {
    const raw = new Database(file, { readonly: true });
    try {
      return {
        names: (raw.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name`).all() as Array<{ name: string }>).map((row) => row.name),
        migrations: (raw.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n,
      };
    } finally {
      raw.close();
    }
  };

  it('creates the folders and the file, and applies every migration', async () => {
    const file = join(dir, 'nested', 'deeper', 'sync.db');
    const db = openDatabase({ url: pathToFileURL(file).href });
    await new SqliteSyncStore(db).close();
    expect(existsSync(file)).toBe(true);
    const { names, migrations } = tables(file);
    expect(names).toEqual(expect.arrayContaining(['users', 'connections', 'indexes', 'sync_runs', 'synced_pages', 'leases', 'local_chunks', 'local_chunks_fts', 'local_chunks_ai', 'local_chunks_ad', 'local_chunks_au']));
    expect(migrations).toBeGreaterThanOrEqual(3);
  });

  it('is idempotent on reopen: no migration runs twice and the data stays', async () => {
    const file = join(dir, 'sync.db');
    const first = new SqliteSyncStore(openDatabase({ url: file }));
    await first.createIndex({ name: 'kept', siteUrl: 'https://example.atlassian.net/wiki', spaces: ['ENG'], destination: 'local' });
    await first.close();
    const before = tables(file);
    for (let i = 0; i < 2; i++) {
      const again = new SqliteSyncStore(openDatabase({ url: file }));
      expect(await again.findIndexByName('kept')).toMatchObject({ spaces: ['ENG'] });
      await again.close();
    }
    expect(tables(file)).toEqual(before);
  });

  it('reads DATABASE_URL when no url is given', async () => {
    const file = join(dir, 'from-env.db');
    const saved = process.env['DATABASE_URL'];
    process.env['DATABASE_URL'] = `file:${file}`;
    try {
      await new SqliteSyncStore(openDatabase()).close();
    } finally {
      if (saved === undefined) delete process.env['DATABASE_URL'];
      else process.env['DATABASE_URL'] = saved;
    }
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a postgres:// DATABASE_URL before touching the disk', () => {
    expect(() => openDatabase({ url: 'postgres://sync@db.internal/sync' })).toThrow(/^DATABASE_URL: postgres: URLs are not supported/);
  });
});

function captured(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
