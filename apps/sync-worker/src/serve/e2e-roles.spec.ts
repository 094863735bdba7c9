/**
 * `serve --role`: a worker answers only `/healthz`; `api` and `worker` need PostgreSQL and say so; a bad role is a
 * usage error naming the option. The built app, as a process.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { createTestPgDatabase, TestPgDatabase } from '@confluence-mcp/sync-engine/testing';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuiltCli } from '../testing/cli';
import { api, assertBuilt, serviceEnv, startService } from '../testing/serve';

jest.setTimeout(120_000);

let emulator: RunningEmulator;
let database: TestPgDatabase;
let cwd: string;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ spaces: 1, pagesPerSpace: 3, seed: 3 });
  database = await createTestPgDatabase();
  cwd = mkdtempSync(join(tmpdir(), 'sync-roles-'));
});

afterAll(async () => {
  await emulator?.close();
  await database?.drop();
  rmSync(cwd, { recursive: true, force: true });
});

it('a worker serves /healthz only, and stops on SIGTERM with exit code 0', async () => {
  const worker = await startService(serviceEnv(emulator, database.url), ['--role', 'worker']);
  const health = await api(`${worker.url}/healthz`);
  expect([health.status, health.body]).toEqual([200, { status: 'ok', role: 'worker', runs_in_flight: 0, runs_waiting: 0 }]);
  const refused = await api(`${worker.url}/api/indexes`);
  expect(refused.status).toBe(404);
  expect(refused.body.error).toMatch(/sync worker/);
  expect(worker.stderr()).toContain('"role":"worker"');
  expect(await worker.stop()).toBe(0);
});

it('api and worker roles need PostgreSQL; a bad role names the option', async () => {
  const sqlite = serviceEnv(emulator, join(cwd, 'sync.db'));
  for (const role of ['api', 'worker']) {
    const result = await runBuiltCli(['serve', '--role', role], sqlite, cwd);
    expect([result.code, result.stderr]).toEqual([2, expect.stringMatching(new RegExp(`--role ${role}: needs DATABASE_URL=postgres://`))]);
  }
  // Refused before anything was opened: no database file was created.
  expect(readdirSync(cwd)).toEqual([]);
  const bad = await runBuiltCli(['serve', '--role', 'scheduler'], sqlite, cwd);
  expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, 'error: --role: must be all, api or worker']);
});
