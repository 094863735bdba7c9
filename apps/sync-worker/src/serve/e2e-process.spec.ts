/**
 * `serve` as a process: configuration errors, the `listening on` line, and SIGTERM during a run (no new
 * connections, the run finishes or checkpoints its batch and is recorded, the store is closed, exit 0).
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { SqliteSyncStore, openDatabase } from '@confluence-mcp/sync-engine';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_CLI, cliEnv } from '../testing/cli';
import { Json, api, assertBuilt, serviceEnv, signUp, startService, until } from '../testing/serve';

jest.setTimeout(120_000);

let emulator: RunningEmulator;
let dir: string;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ spaces: 1, pagesPerSpace: 30, seed: 4 });
  dir = mkdtempSync(join(tmpdir(), 'sync-serve-'));
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('refuses to start on bad configuration: every variable named, no value quoted, exit 2', () => {
  const result = spawnSync(process.execPath, [BUILT_CLI, 'serve'], {
    env: { PATH: process.env['PATH'] ?? '', SECRET_KEY: 'too-short-secret', PORT: 'http', CONFLUENCE_CLIENT_SECRET: 'lonely-client-secret', DATABASE_URL: join(dir, 'never.db') },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('SECRET_KEY: must be set to at least 32 characters');
  expect(result.stderr).toContain('PORT: must be a port number');
  expect(result.stderr).toContain('CONFLUENCE_CLIENT_ID and CONFLUENCE_CLIENT_SECRET: set both');
  for (const secret of ['too-short-secret', 'lonely-client-secret']) expect(result.stderr).not.toContain(secret);
});

it('SIGTERM during a sync: stops accepting, the run ends recorded (never left running), exit 0; the next process serves it', async () => {
  const database = join(dir, 'term.db');
  const { CONFLUENCE_URL, CONFLUENCE_USERNAME, CONFLUENCE_API_TOKEN } = cliEnv(emulator, '');
  const env = serviceEnv(emulator, database, { CONFLUENCE_URL, CONFLUENCE_USERNAME, CONFLUENCE_API_TOKEN });
  const service = await startService(env);
  const token = await signUp(service.url, 'sam');
  const spaceKey = [...emulator.control.world.spaces.values()][0].key;
  const index = (await api(`${service.url}/api/indexes`, { method: 'POST', token, body: { name: 'slow', confluence_spaces: [spaceKey] } })).body;
  emulator.control.setLatency(150);
  let code: number | null;
  try {
    expect((await api(`${service.url}/api/indexes/${index.id}/sync`, { method: 'POST', token })).status).toBe(202);
    await until('the run to be running', async () => {
      const [run] = (await api(`${service.url}/api/indexes/${index.id}/sync-history`, { token })).body as Json[];
      return run.status === 'running' ? run : undefined;
    });
    code = await service.stop('SIGTERM');
  } finally {
    emulator.control.setLatency(0);
  }
  expect(code).toBe(0);
  expect(service.stderr()).toContain('stopping');
  await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();

  const store = new SqliteSyncStore(openDatabase({ url: database }));
  try {
    const [run] = await store.listRuns(index.id);
    expect(['cancelled', 'succeeded']).toContain(run.status);
    expect(run.finishedAt).not.toBeNull();
  } finally {
    await store.close();
  }

  // A new process picks up where it stopped: the next sync converges.
  const next = await startService(env);
  try {
    const again = await signIn(next.url);
    expect((await api(`${next.url}/api/indexes/${index.id}/sync`, { method: 'POST', token: again })).status).toBe(202);
    const run = await until('the second run', async () => {
      const [latest] = (await api(`${next.url}/api/indexes/${index.id}/sync-history`, { token: again })).body as Json[];
      return latest.status === 'succeeded' ? latest : undefined;
    });
    expect(run.counts.listed).toBeGreaterThan(20);
    expect((await api(`${next.url}/api/indexes/${index.id}/pages`, { token: again })).body).toHaveLength(run.counts.listed);
  } finally {
    expect(await next.stop()).toBe(0);
  }
});

async function signIn(url: string): Promise<string> {
  return (await api(`${url}/api/auth/login`, { method: 'POST', body: { username: 'sam', password: 'sam-Pa55word!' } })).body.access_token;
}
