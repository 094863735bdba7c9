import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { DEFAULT_API_KEY, startLlamaCloudEmulator } from '@confluence-mcp/llamacloud-emulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv, jsonLines, runBuiltCli } from './testing/cli';

describe.each(['cloud', 'dc'] as const)('sync-worker CLI (%s)', (flavor) => {
  let emulator: RunningEmulator;
  let dir: string;
  let env: Record<string, string>;
  let spaceKey: string;

  beforeAll(async () => {
    emulator = await startEmulator({ flavor, spaces: 2, pagesPerSpace: 25, seed: 3 });
    spaceKey = [...emulator.control.world.spaces.values()].find((s) => s.permissions.read === '*')?.key ?? 'ENG';
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sync-cli-'));
    env = cliEnv(emulator, join(dir, 'nested', 'sync.db'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sync then search then pages: JSON lines ending in the run summary, hits and the pages held', async () => {
    const first = await runBuiltCli(['sync', '--spaces', spaceKey, '--json'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = jsonLines(first.stdout);
    const summary = lines[lines.length - 1];
    expect(summary).toMatchObject({ event: 'summary', status: 'succeeded', index: spaceKey, changed: 0, unchanged: 0, deleted: 0, failed: 0 });
    for (const key of ['listed', 'new', 'changed', 'unchanged', 'deleted', 'failed', 'requests', 'bytes', 'duration_ms']) expect(typeof summary[key]).toBe('number');
    expect(summary['new']).toBe(summary['listed']);
    expect(lines.slice(0, -1).every((line) => line['event'] === 'progress')).toBe(true);

    const pages = await runBuiltCli(['pages', '--json'], env);
    expect(pages.code).toBe(0);
    const held = JSON.parse(pages.stdout) as Array<Record<string, unknown>>;
    expect(held).toHaveLength(summary['listed'] as number);
    const page = held[0];
    expect(Object.keys(page).sort()).toEqual(['chunks', 'index', 'page_id', 'parent_id', 'space_key', 'title', 'version']);
    const title = String(page['title']);

    const search = await runBuiltCli(['search', title, '--limit', '5', '--json'], env);
    expect(search.code).toBe(0);
    const hits = JSON.parse(search.stdout) as Array<Record<string, unknown>>;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(5);
    expect(hits.map((hit) => hit['page_id'])).toContain(page['page_id']);
    expect(Object.keys(hits[0])).toEqual(expect.arrayContaining(['page_id', 'title', 'url', 'heading_path', 'snippet', 'score']));

    const second = await runBuiltCli(['sync', '--spaces', spaceKey, '--json'], env);
    expect(jsonLines(second.stdout).pop()).toMatchObject({ event: 'summary', new: 0, changed: 0, deleted: 0, unchanged: summary['listed'] });
  });

  it('sync --destination llamacloud upserts every chunk into the pipeline, then only what changed', async () => {
    const llama = await startLlamaCloudEmulator({});
    try {
      const llamaEnv = { ...env, LLAMA_CLOUD_API_KEY: DEFAULT_API_KEY, LLAMA_CLOUD_BASE_URL: llama.url, LLAMA_CLOUD_PIPELINE: 'confluence-docs' };
      const first = await runBuiltCli(['sync', '--spaces', spaceKey, '--destination', 'llamacloud', '--index', 'to-llama', '--json'], llamaEnv);
      expect(first.stderr).toBe('');
      const summary = jsonLines(first.stdout).pop() as Record<string, number>;
      expect(summary).toMatchObject({ status: 'succeeded', failed: 0 });
      const documents = llama.control.documents('confluence-docs');
      expect(new Set(documents.map((d) => d.metadata['page_id'])).size).toBe(summary['new']);
      expect(documents.every((d) => d.id.startsWith('confluence:') && d.excluded_embed_metadata_keys.includes('url') && !d.excluded_llm_metadata_keys.includes('url'))).toBe(true);

      const page = [...emulator.control.world.pages.values()].find((p) => p.id === documents[0].metadata['page_id']);
      emulator.control.editPage(String(page?.id), { body: '<p>Only this page changed: flamingos.</p>' });
      llama.control.clearLog();
      const second = await runBuiltCli(['sync', '--spaces', spaceKey, '--destination', 'llamacloud', '--index', 'to-llama', '--json'], llamaEnv);
      expect(jsonLines(second.stdout).pop()).toMatchObject({ status: 'succeeded', new: 0, changed: 1 });
      expect(llama.control.documents('confluence-docs').filter((d) => d.text.includes('flamingos'))).toHaveLength(1);
      const writes = llama.control.requests().filter((r) => r.method === 'PUT');
      expect(writes).toHaveLength(1);
    } finally {
      await llama.close();
    }
  });

  it('hostile search text finds something or nothing, never an error', async () => {
    await runBuiltCli(['sync', '--spaces', spaceKey, '--json'], env);
    for (const text of ['"unbalanced', 'AND OR NEAR(', '*', 'title:x', '{title text}: x', '-', '^start', "'; DROP TABLE local_chunks; --", '"""']) {
      const result = await runBuiltCli(['search', text, '--json'], env);
      expect({ text, code: result.code, stderr: result.stderr }).toEqual({ text, code: 0, stderr: '' });
      expect(Array.isArray(JSON.parse(result.stdout))).toBe(true);
    }
  });

  it('fails with one line and a non-zero code: bad arguments, bad configuration, unreachable Confluence', async () => {
    const noSpaces = await runBuiltCli(['sync'], env);
    expect(noSpaces.code).toBe(2);
    expect(noSpaces.stderr.split('\n')[0]).toBe('error: sync: --spaces is required, e.g. sync --spaces ENG');

    const badDb = await runBuiltCli(['pages'], { ...env, DATABASE_URL: 'postgres://user:secret@db/x' });
    expect(badDb.code).toBe(2);
    expect(badDb.stderr).toContain('DATABASE_URL');
    expect(badDb.stderr).not.toContain('secret');

    const badToken = await runBuiltCli(['sync', '--spaces', spaceKey], { ...env, ...(flavor === 'cloud' ? { CONFLUENCE_API_TOKEN: 'wrong-token-value' } : { CONFLUENCE_PERSONAL_TOKEN: 'wrong-token-value' }) });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr.trim().split('\n')).toHaveLength(1);
    expect(badToken.stderr).toMatch(/^error: sync failed: /);
    expect(badToken.stderr).not.toContain('wrong-token-value');
    expect(badToken.stderr).not.toMatch(/\n\s+at /);

    const port = await closedPort();
    const down = await runBuiltCli(['sync', '--spaces', spaceKey, '--index', 'unreachable'], { ...env, CONFLUENCE_URL: flavor === 'cloud' ? `http://127.0.0.1:${port}/wiki` : `http://127.0.0.1:${port}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^error: sync failed: .*(refused|connect)/i);

    const runs = await runBuiltCli(['runs', '--json'], env);
    const history = JSON.parse(runs.stdout) as Array<Record<string, unknown>>;
    expect(history.map((run) => run['status'])).toEqual(['failed', 'failed']);
    expect(String(history[0]['error'])).not.toContain('wrong-token-value');
  });
});

/** A loopback port nothing listens on (taken, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
