/**
 * The built CLI with `DATABASE_URL=postgres://...`: every command works on PostgreSQL, and nothing falls back to the
 * SQLite default (`./data/sync.db` in the working directory) on the way.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { openSyncStore } from '@confluence-mcp/sync-engine';
import { createTestPgDatabase, TestPgDatabase } from '@confluence-mcp/sync-engine/testing';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv, jsonLines, runBuiltCli } from './testing/cli';

let emulator: RunningEmulator;
let database: TestPgDatabase;
let cwd: string;
let env: Record<string, string>;
let spaceKey: string;

beforeAll(async () => {
  emulator = await startEmulator({ flavor: 'cloud', spaces: 2, pagesPerSpace: 15, seed: 5 });
  spaceKey = [...emulator.control.world.spaces.values()].find((s) => s.permissions.read === '*')?.key ?? 'ENG';
  database = await createTestPgDatabase();
  cwd = mkdtempSync(join(tmpdir(), 'sync-cli-pg-'));
  env = cliEnv(emulator, database.url);
});
afterAll(async () => {
  await emulator?.close();
  await database?.drop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

const cli = (args: string[]) => runBuiltCli(args, env, cwd);

it('sync, resync, search, pages and runs all read and write the PostgreSQL database', async () => {
  const first = await cli(['sync', '--spaces', spaceKey, '--json']);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  const summary = jsonLines(first.stdout).pop() ?? {};
  expect(summary).toMatchObject({ event: 'summary', status: 'succeeded', index: spaceKey, failed: 0 });
  expect(summary['new']).toBe(summary['listed']);
  expect(summary['listed']).toBeGreaterThan(0);

  // The rows are where DATABASE_URL says, seen through a PostgreSQL store of our own.
  const opened = await openSyncStore({ url: database.url });
  try {
    expect(opened.dialect).toBe('postgres');
    const [index] = await opened.store.listIndexes();
    expect(index).toMatchObject({ name: spaceKey, destination: 'local' });
    expect(await opened.localIndex(index.id).pages()).toHaveLength(summary['listed'] as number);
  } finally {
    await opened.close();
  }

  const second = await cli(['sync', '--spaces', spaceKey, '--json']);
  expect(second.code).toBe(0);
  // Unchanged pages are not fetched again: only listing requests, no new or changed page.
  expect(jsonLines(second.stdout).pop()).toMatchObject({ status: 'succeeded', new: 0, changed: 0, deleted: 0, unchanged: summary['listed'] });

  const pages = await cli(['pages', '--json']);
  expect(pages.code).toBe(0);
  const held = JSON.parse(pages.stdout) as Array<Record<string, unknown>>;
  expect(held).toHaveLength(summary['listed'] as number);
  const page = held[0];

  const search = await cli(['search', String(page['title']), '--limit', '5', '--json']);
  expect(search.stderr).toBe('');
  expect(search.code).toBe(0);
  const hits = JSON.parse(search.stdout) as Array<Record<string, unknown>>;
  expect(hits.map((hit) => hit['page_id'])).toContain(page['page_id']);

  const runs = await cli(['runs', '--json']);
  expect(runs.code).toBe(0);
  const history = JSON.parse(runs.stdout) as Array<Record<string, unknown>>;
  expect(history.map((run) => [run['index'], run['status'], run['trigger'], run['new']])).toEqual([
    [spaceKey, 'succeeded', 'cli', 0],
    [spaceKey, 'succeeded', 'cli', summary['listed']],
  ]);

  // Had any command silently used SQLite, its default file would sit in the working directory.
  expect(existsSync(join(cwd, 'data'))).toBe(false);
  expect(readdirSync(cwd)).toEqual([]);
});

it('an unreachable PostgreSQL is a configuration error naming DATABASE_URL, without its password', async () => {
  const url = new URL(database.url);
  url.password = 'not-the-password-s3cr3t';
  url.port = '1';
  const result = await runBuiltCli(['runs'], { ...env, DATABASE_URL: url.href }, cwd);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^error: DATABASE_URL: cannot connect to PostgreSQL/);
  expect(result.stderr).not.toContain('s3cr3t');
  expect(readdirSync(cwd)).toEqual([]);
});
