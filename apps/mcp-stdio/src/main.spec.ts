/**
 * The built app as a process: configuration errors exit 1 on stderr, signals and a closed stdin exit 0, and stdout
 * carries nothing but JSON-RPC. Spawns `dist/apps/mcp-stdio/main.js` (built by the Nx `test` target's `build`).
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { BUILT_APP, assertBuilt, baseEnv, envFor } from './testing/stdio';

beforeAll(assertBuilt);

describe('bad configuration', () => {
  function run(env: Record<string, string>) {
    return spawnSync(process.execPath, [BUILT_APP], { env: { ...baseEnv(), ...env }, encoding: 'utf8', input: '', timeout: 10_000 });
  }

  it('prints each bad variable on stderr, nothing on stdout, and exits 1', () => {
    const result = run({ CONFLUENCE_URL: 'ftp://example.com', CONFLUENCE_PERSONAL_TOKEN: 'pat-very-secret-1', LOG_LEVEL: 'loud', CONFLUENCE_ATTACHMENT_DIRS: 'relative/dir' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'confluence-mcp: CONFLUENCE_URL: must be an http(s) URL',
        expect.stringMatching(/^confluence-mcp: LOG_LEVEL: must be one of /),
        'confluence-mcp: CONFLUENCE_ATTACHMENT_DIRS: entry 1 is not an absolute path',
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  it('asks for credentials when none are set', () => {
    const result = run({ CONFLUENCE_URL: 'https://example.atlassian.net' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('one auth method is required');
  });

  it('never prints a token, even one pasted into the wrong variable', () => {
    const result = run({ CONFLUENCE_URL: 'https://example.atlassian.net', CONFLUENCE_USERNAME: 'me@example.com', CONFLUENCE_API_TOKEN: 'tok-very-secret-2', CONFLUENCE_SPACES: 'tok-very-secret-2', CONFLUENCE_PERSONAL_TOKEN: 'pat-very-secret-3' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/CONFLUENCE_SPACES: /);
    expect(result.stderr + result.stdout).not.toMatch(/very-secret/);
  });
});

describe('--check', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ spaces: 1, pagesPerSpace: 2, seed: 1 });
  });
  afterAll(() => emulator.close());

  function check(env: Record<string, string>) {
    return new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BUILT_APP, '--check'], { env });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
  }

  it('says who the credentials are on which site, and exits 0', async () => {
    const result = await check(envFor(emulator, 'cloud'));
    expect(result.stderr.trim()).toBe(`confluence-mcp: connected to ${emulator.url}/wiki as ${emulator.control.user('alice').displayName}`);
    expect(result.code).toBe(0);
  });

  it('names a refused token, without echoing it, and exits 1', async () => {
    const result = await check({ ...envFor(emulator, 'cloud'), CONFLUENCE_API_TOKEN: 'token-very-wrong-9' });
    expect(result.stderr).toMatch(new RegExp(`^confluence-mcp: Confluence at ${emulator.url}/wiki refused the credentials \\(HTTP 401\\)`));
    expect(result.stderr).not.toContain('very-wrong');
    expect(result.code).toBe(1);
  });

  it('says connection refused when nothing listens at the URL, and exits 1', async () => {
    const closed = await startEmulator({ spaces: 1, pagesPerSpace: 1 });
    const url = closed.url;
    await closed.close();
    const result = await check({ ...envFor(emulator, 'cloud'), CONFLUENCE_URL: `${url}/wiki` });
    expect(result.stderr).toMatch(new RegExp(`^confluence-mcp: nothing answers at ${url}/wiki \\(connection refused\\)`));
    expect(result.code).toBe(1);
  });
});

describe('running', () => {
  let emulator: RunningEmulator;
  const children: ChildProcessWithoutNullStreams[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ spaces: 2, pagesPerSpace: 10, seed: 1 });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await emulator.close();
  });

  /** Start the app and wait for its "ready" log line. */
  async function start(): Promise<{ child: ChildProcessWithoutNullStreams; stdout: () => string; stderr: () => string; exited: Promise<number | null> }> {
    const child = spawn(process.execPath, [BUILT_APP], { env: envFor(emulator, 'cloud', { LOG_LEVEL: 'debug' }) });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('ready on stdio')) resolve();
      });
      void exited.then((code) => reject(new Error(`exited with ${code} before ready: ${err}`)));
    });
    return { child, stdout: () => out, stderr: () => err, exited };
  }

  it('logs who it is connected as, after it is ready', async () => {
    const app = await start();
    await waitFor(() => app.stderr().includes('connected to'));
    expect(app.stderr()).toContain(`"msg":"connected to ${emulator.url}/wiki as ${emulator.control.user('alice').displayName}"`);
    app.child.kill('SIGTERM');
    await app.exited;
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('exits 0 on %s', async (signal) => {
    const app = await start();
    app.child.kill(signal);
    expect(await app.exited).toBe(0);
    expect(app.stderr()).toContain('"reason":"' + signal + '"');
  });

  it('exits 0 when the client closes stdin', async () => {
    const app = await start();
    app.child.stdin.end();
    expect(await app.exited).toBe(0);
    expect(app.stderr()).toContain('"reason":"stdin closed"');
  });

  it('writes only JSON-RPC messages on stdout', async () => {
    const app = await start();
    const send = (message: object) => app.child.stdin.write(`${JSON.stringify(message)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'get_confluence_page', arguments: { page_id: '999999999' } } });
    await waitFor(() => app.stdout().split('\n').filter(Boolean).length >= 3);
    app.child.stdin.end();
    expect(await app.exited).toBe(0);
    const lines = app.stdout().split('\n').filter(Boolean);
    expect(lines.length).toBe(3);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(lines.map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([1, 2, 3]);
  });

  it('answers a request over 10 MiB with a JSON-RPC error naming the limit, logs it, and keeps serving', async () => {
    const app = await start();
    const send = (message: object) => app.child.stdin.write(`${JSON.stringify(message)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    // As the SDK client writes it: method and params first, the id last.
    const body = 'x'.repeat(12 * 1024 * 1024);
    send({ method: 'tools/call', params: { name: 'create_confluence_page', arguments: { space_key: 'ENG', title: 'Huge', body } }, jsonrpc: '2.0', id: 7 });
    send({ jsonrpc: '2.0', id: 8, method: 'tools/list', params: {} });
    send({ jsonrpc: '2.0', id: 9, method: 'not json-rpc' });
    app.child.stdin.write('{ not json\n');
    await waitFor(() => app.stdout().split('\n').filter(Boolean).length >= 5);
    const byId = new Map(app.stdout().split('\n').filter(Boolean).map((l) => [(JSON.parse(l) as { id: unknown }).id, JSON.parse(l) as Record<string, unknown>]));
    expect(byId.get(7)).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/^Request too large: \d+ bytes, over this server's 10 MiB limit/) } });
    expect((byId.get(8) as { result: { tools: unknown[] } }).result.tools.length).toBeGreaterThanOrEqual(8);
    expect(byId.get(null)).toMatchObject({ error: { code: -32700 } });
    expect(app.stderr()).toMatch(/"reason":"message too large".*"message refused"|"message refused".*"reason":"message too large"/);
    expect(app.child.exitCode).toBeNull();
    app.child.stdin.end();
    expect(await app.exited).toBe(0);
  }, 30_000);
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
