/**
 * `npm run demo` driven as a user would: start it, wait for the connection instructions, use what it printed (the
 * MCP endpoint with its API key, the sync service's docs and search, the emulator, the Claude Desktop config), then
 * Ctrl-C (SIGINT): it must exit 0 with every server gone. Builds only when dist/ lacks an app (`npm test` builds
 * first; a nested Nx run inside Nx's own test run is avoided).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const BUILT = ['apps/sync-worker/main.js', 'apps/mcp-http/main.js', 'apps/mcp-stdio/main.js', 'tools/confluence-emulator/index.js'].map((p) => join(root, 'dist', p));

jest.setTimeout(900_000);

let demo: ChildProcess;
let out = '';
let dataDir: string;
/** Milliseconds from launch to the printed instructions (reported, never asserted: the machine is shared). */
let started = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'demo-spec-'));
  const launched = Date.now();
  const skipBuild = BUILT.every((file) => existsSync(file)) ? '1' : '0';
  demo = spawn(process.execPath, [join(root, 'tools', 'scripts', 'demo.mjs')], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', DEMO_SKIP_BUILD: skipBuild, DEMO_PORTS: '0', DEMO_DATA_DIR: dataDir, DEMO_PAGES: '12' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  demo.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  demo.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (out.includes('Press Ctrl-C to stop everything')) {
        clearInterval(check);
        started = Date.now() - launched;
        resolve();
      }
    }, 200);
    demo.once('exit', (code) => {
      clearInterval(check);
      reject(new Error(`the demo exited (${code}) before it was ready:\n${out}`));
    });
  });
});
afterAll(() => {
  process.stdout.write(`demo ready after ${started} ms\n`);
  if (demo.exitCode === null && demo.signalCode === null) demo.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** The first capture of `pattern` in what the demo printed. */
function printed(pattern: RegExp): string {
  const match = pattern.exec(out);
  if (!match) throw new Error(`the demo did not print ${pattern}:\n${out}`);
  return match[1];
}

const mcpUrl = () => printed(/MCP server \(HTTP\)\s+(http:\/\/\S+\/mcp)/);
const apiKey = () => printed(/API key: ([0-9a-f]{32,})/);

it('prints a working MCP endpoint: the curl it shows finds hits in the synced index', async () => {
  const curl = printed(/(curl -s http:\/\/\S+\/mcp .*)/);
  expect(curl).toContain(`Bearer ${apiKey()}`);
  const body = printed(/ -d '(\{.*\})'/);
  const response = await fetch(mcpUrl(), {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey()}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body,
  });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { result: { isError?: boolean; structuredContent: { results: Array<{ page_id: string }> } } };
  expect(answer.result.isError).toBeFalsy();
  expect(answer.result.structuredContent.results.length).toBeGreaterThan(0);
  const refused = await fetch(mcpUrl(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(refused.status).toBe(401);
});

it('prints the sync service: /docs answers, and its search curl finds what the service synced', async () => {
  const docs = await fetch(printed(/API docs: (http:\/\/\S+\/docs)/));
  expect(docs.status).toBe(200);
  expect(docs.headers.get('content-type')).toMatch(/html/);
  const url = printed(/curl -s '(http:\/\/\S+\/search\?q=[^']+)'/);
  const token = printed(/curl -s 'http:\/\/\S+\/search\?q=[^']+' -H 'Authorization: Bearer ([^']+)'/);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { hits: unknown[] }).hits.length).toBeGreaterThan(0);
});

it('prints a Claude Desktop config for the built stdio server and an MCP Inspector command for the endpoint', async () => {
  const config = JSON.parse(printed(/\n(\{\n\s+"mcpServers"[\s\S]*?\n\})\n/)) as { mcpServers: { confluence: { command: string; args: string[]; env: Record<string, string> } } };
  const server = config.mcpServers.confluence;
  expect(server.command).toBe('node');
  expect(existsSync(server.args[0])).toBe(true);
  expect(existsSync(server.env['SYNC_DATABASE_URL'])).toBe(true);
  expect((await fetch(`${server.env['CONFLUENCE_URL']}/api/v2/spaces`, { headers: { Authorization: `Basic ${Buffer.from('alice@example.com:token-alice').toString('base64')}` } })).status).toBe(200);
  expect(out).toContain(`npx @modelcontextprotocol/inspector --cli ${mcpUrl()} --transport http --header "Authorization: Bearer ${apiKey()}"`);
});

it('stops everything on Ctrl-C and exits 0', async () => {
  const urls = [mcpUrl(), printed(/Sync service\s+(http:\/\/\S+)/), printed(/Confluence emulator\s+(http:\/\/\S+)/)];
  const exited = new Promise<number | null>((resolve) => demo.once('exit', (code) => resolve(code)));
  demo.kill('SIGINT');
  expect(await exited).toBe(0);
  for (const url of urls) await expect(fetch(url)).rejects.toThrow();
});
