/**
 * The built app as a process (`dist/apps/mcp-http/main.js`, built by the Nx `test` target's `build`): the
 * `listening on` line, configuration errors on stderr with exit 1, refusing to run unauthenticated off loopback,
 * and SIGTERM during a slow call letting it finish before exiting 0.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { BUILT_APP, KEY_A, assertBuilt, bearer, callTool, connectClient, pageOf, serviceEnv, textOf } from './testing/http';

beforeAll(assertBuilt);

/** Only what the app needs: nothing inherited from the shell running the tests can change the result. */
const baseEnv = () => ({ PATH: process.env['PATH'] ?? '' });

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, [BUILT_APP], { env: { ...baseEnv(), ...env }, encoding: 'utf8', timeout: 10_000 });
}

describe('configuration', () => {
  it('names every bad variable on stderr, quotes no value, and exits 1', () => {
    const result = run({ PORT: 'eighty', MCP_API_KEYS: 'short-secret-1', MCP_MAX_BODY_BYTES: '-1', MCP_CORS_ORIGINS: '*', CONFLUENCE_URL: 'https://example.atlassian.net/wiki' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^confluence-mcp-http: PORT: must be a port number/),
        expect.stringMatching(/^confluence-mcp-http: MCP_API_KEYS: key 1 must be at least 16 characters/),
        expect.stringMatching(/^confluence-mcp-http: MCP_MAX_BODY_BYTES: /),
        expect.stringMatching(/^confluence-mcp-http: MCP_CORS_ORIGINS: entry 1 is not an origin/),
        expect.stringContaining('one auth method is required'),
      ]),
    );
    expect(result.stderr).not.toContain('short-secret-1');
  });

  it('refuses to start without an authentication mode, saying which ones exist', () => {
    const result = run({ CONFLUENCE_URL: 'https://example.atlassian.net/wiki', CONFLUENCE_USERNAME: 'me@example.com', CONFLUENCE_API_TOKEN: 'tok-secret-3' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('MCP_AUTH: no authentication mode is set: set MCP_API_KEYS or MCP_API_KEYS_FILE');
  });

  it('refuses MCP_AUTH=none off loopback, and says why', () => {
    const result = run({ MCP_AUTH: 'none', HOST: '0.0.0.0', CONFLUENCE_URL: 'https://example.atlassian.net/wiki', CONFLUENCE_USERNAME: 'me@example.com', CONFLUENCE_API_TOKEN: 'tok-secret-4' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('MCP_AUTH: none is only allowed when HOST is a loopback address');
    expect(result.stderr).not.toContain('tok-secret-4');
  });
});

describe('running', () => {
  let emulator: RunningEmulator;
  let child: ChildProcessWithoutNullStreams | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ spaces: 1, pagesPerSpace: 4, seed: 2 });
  });
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(() => emulator.close());

  /** Spawn, wait for `listening on URL`, and collect stderr. */
  async function start(env: Record<string, string>): Promise<{ url: string; stderr: () => string; exited: Promise<number | null> }> {
    const spawned = spawn(process.execPath, [BUILT_APP], { env: { ...baseEnv(), PORT: '0', ...env } });
    child = spawned;
    let stderr = '';
    spawned.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => spawned.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      spawned.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
        if (match) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
    });
    return { url, stderr: () => stderr, exited };
  }

  it('prints `listening on http://127.0.0.1:PORT` and serves /healthz there', async () => {
    const app = await start({ ...serviceEnv(emulator), MCP_API_KEYS: KEY_A });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    child?.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('on SIGTERM lets a call in flight finish, refuses new ones, then exits 0', async () => {
    const app = await start({ ...serviceEnv(emulator), MCP_API_KEYS: KEY_A, MCP_SHUTDOWN_TIMEOUT_MS: '10000' });
    const client = await connectClient(`${app.url}/mcp`, bearer(KEY_A));
    const page = pageOf(emulator, 'public');
    emulator.control.injectFault({ kind: 'delay', ms: 1_500, match: { method: 'GET', path: `/pages/${page.id}` } });
    const slow = callTool(client, 'get_confluence_page', { page_id: page.id });
    // The call has reached Confluence (and waits there) before the signal.
    for (let waited = 0; !emulator.control.requests().some((r) => r.url.includes(`/pages/${page.id}`)) && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    await expect(fetch(`${app.url}/readyz`)).rejects.toThrow();
    const result = await slow;
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain(page.title);
    expect(await app.exited).toBe(0);
    expect(app.stderr()).toContain('shutting down: letting calls in flight finish');
    expect(app.stderr()).toMatch(/"clean":true/);
  });

  it('cuts calls still running at MCP_SHUTDOWN_TIMEOUT_MS and exits 1', async () => {
    const app = await start({ ...serviceEnv(emulator), MCP_API_KEYS: KEY_A, MCP_SHUTDOWN_TIMEOUT_MS: '300' });
    const client = await connectClient(`${app.url}/mcp`, bearer(KEY_A));
    const page = pageOf(emulator, 'public');
    emulator.control.injectFault({ kind: 'delay', ms: 5_000, match: { method: 'GET', path: `/pages/${page.id}` } });
    const slow = callTool(client, 'get_confluence_page', { page_id: page.id }).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 300));
    child?.kill('SIGTERM');
    expect(await app.exited).toBe(1);
    expect(await slow).toBe('cut');
    expect(app.stderr()).toContain('shutdown timeout reached');
  });
});
