import { createHash } from 'node:crypto';
import { HttpConfig, loadConfig } from './config';

const SERVICE = { CONFLUENCE_URL: 'https://example.atlassian.net/wiki', CONFLUENCE_USERNAME: 'svc@example.com', CONFLUENCE_API_TOKEN: 'svc-token-secret-1' };
const KEY = 'abcdefghijklmnop-0123';
const noFile = () => {
  throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
};

function config(env: Record<string, string>, readFile: (path: string) => string = noFile): HttpConfig {
  const loaded = loadConfig(env, readFile);
  if (!loaded.ok) throw new Error(`unexpected errors: ${loaded.errors.join('; ')}`);
  return loaded.config;
}

function errors(env: Record<string, string>, readFile: (path: string) => string = noFile): string[] {
  const loaded = loadConfig(env, readFile);
  if (loaded.ok) throw new Error('expected errors');
  return loaded.errors;
}

describe('loadConfig', () => {
  it('has safe defaults: loopback, port 3000, stateless, 1 MiB, 600/min, no CORS', () => {
    const c = config({ ...SERVICE, MCP_API_KEYS: KEY });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, sessions: { mode: 'stateless' }, maxBodyBytes: 1024 * 1024, rateLimitPerMinute: 600, shutdownTimeoutMs: 25_000, exposure: { corsOrigins: [] } });
    expect(c.exposure.allowedHosts).toBeUndefined();
    expect(c.auth.mode).toBe('api-keys');
  });

  it('keeps API keys as SHA-256 hashes named by their first 8 hex digits, and hides the keys in logs', () => {
    const c = config({ ...SERVICE, MCP_API_KEYS: ` ${KEY} ,${KEY}-two ` });
    if (c.auth.mode !== 'api-keys') throw new Error('api-keys expected');
    const hash = createHash('sha256').update(KEY).digest();
    expect(c.auth.keys[0]).toEqual({ id: hash.toString('hex').slice(0, 8), sha256: hash });
    expect(c.auth.keys).toHaveLength(2);
    expect(c.secrets).toEqual(expect.arrayContaining([KEY, `${KEY}-two`, 'svc-token-secret-1']));
  });

  it('reads MCP_API_KEYS_FILE: one hash per line, comments and blank lines skipped, bad lines named by number', () => {
    const hash = createHash('sha256').update(KEY).digest('hex');
    const c = config({ ...SERVICE, MCP_API_KEYS_FILE: '/keys' }, () => `# team keys\n${hash.toUpperCase()}  # ops\n\n`);
    expect(c.auth.mode === 'api-keys' && c.auth.keys.map((k) => k.id)).toEqual([hash.slice(0, 8)]);
    expect(errors({ ...SERVICE, MCP_API_KEYS_FILE: '/keys' }, () => `${hash}\nnot-a-hash-secret\n`)).toEqual(['MCP_API_KEYS_FILE: line 2 is not a SHA-256 hash (64 hex digits, e.g. from: printf %s "$KEY" | sha256sum)']);
    expect(errors({ ...SERVICE, MCP_API_KEYS_FILE: '/missing' })).toEqual(['MCP_API_KEYS_FILE: cannot be read (ENOENT)']);
    expect(errors({ ...SERVICE, MCP_API_KEYS_FILE: '/empty' }, () => '# nothing\n')).toEqual(['MCP_API_KEYS_FILE: holds no key hash']);
  });

  it('asks for exactly one authentication mode', () => {
    expect(errors(SERVICE)).toEqual([expect.stringMatching(/^MCP_AUTH: no authentication mode is set/)]);
    expect(errors({ ...SERVICE, MCP_API_KEYS: KEY, MCP_CONFLUENCE_URLS: 'https://wiki.example.com' })).toEqual([expect.stringMatching(/^MCP_AUTH: choose one authentication mode/)]);
    expect(errors({ ...SERVICE, MCP_AUTH: 'open' })).toContain('MCP_AUTH: must be none (or unset); the other modes are chosen by their own variables');
  });

  it('allows MCP_AUTH=none on loopback only', () => {
    expect(config({ ...SERVICE, MCP_AUTH: 'none', HOST: 'localhost' }).auth.mode).toBe('none');
    expect(config({ ...SERVICE, MCP_AUTH: 'none', HOST: '::1' }).auth.mode).toBe('none');
    expect(errors({ ...SERVICE, MCP_AUTH: 'none', MCP_ALLOWED_HOSTS: '*' })).toEqual([expect.stringMatching(/^MCP_ALLOWED_HOSTS: \* is not allowed with MCP_AUTH=none/)]);
    for (const host of ['0.0.0.0', '10.1.2.3', 'mcp.example.com']) {
      expect(errors({ ...SERVICE, MCP_AUTH: 'none', HOST: host })).toEqual([expect.stringContaining(`MCP_AUTH: none is only allowed when HOST is a loopback address (127.0.0.1, ::1 or localhost), not ${host}`)]);
    }
  });

  it('per-user mode: normalised sites with their flavour, and the service variables refused', () => {
    const c = config({ MCP_CONFLUENCE_URLS: 'HTTPS://Example.atlassian.net:443/wiki/, https://wiki.corp.example/, dc:https://intra.example/wiki', CONFLUENCE_TIMEOUT_MS: '5000' });
    expect(c.auth).toEqual({
      mode: 'user-credentials',
      timeoutMs: 5000,
      sites: [
        { url: 'https://example.atlassian.net/wiki', flavor: 'cloud' },
        { url: 'https://wiki.corp.example', flavor: 'dc' },
        { url: 'https://intra.example/wiki', flavor: 'dc' },
      ],
    });
    expect(c.secrets).toEqual([]);
    expect(errors({ MCP_CONFLUENCE_URLS: 'https://wiki.example.com', CONFLUENCE_PERSONAL_TOKEN: 'pat-secret-9' })).toEqual([
      'CONFLUENCE_PERSONAL_TOKEN: not used with MCP_CONFLUENCE_URLS (each user sends their own credentials and X-Confluence-Url); unset it',
    ]);
    expect(errors({ MCP_CONFLUENCE_URLS: 'https://ok.example,https://user:pw@bad.example,javascript:alert(1)' })).toEqual([
      expect.stringMatching(/^MCP_CONFLUENCE_URLS: entry 2 is not/),
      expect.stringMatching(/^MCP_CONFLUENCE_URLS: entry 3 is not/),
    ]);
  });

  it('parses exposure and session settings', () => {
    const c = config({ ...SERVICE, MCP_API_KEYS: KEY, HOST: '0.0.0.0', PORT: '0', MCP_ALLOWED_HOSTS: 'mcp.example.com, Proxy.internal:8080', MCP_ALLOWED_ORIGINS: 'https://App.example.com/', MCP_CORS_ORIGINS: 'http://localhost:5173', MCP_SESSIONS: 'STATEFUL', MCP_SESSION_IDLE_MS: '60000', MCP_RATE_LIMIT_PER_MINUTE: '0' });
    expect(c.port).toBe(0);
    expect(c.exposure).toEqual({ allowedHosts: [{ hostname: 'mcp.example.com' }, { hostname: 'proxy.internal', port: '8080' }], allowedOrigins: ['https://app.example.com'], corsOrigins: ['http://localhost:5173'] });
    expect(c.sessions).toEqual({ mode: 'stateful', idleMs: 60_000, maxSessions: 1000 });
    expect(c.rateLimitPerMinute).toBe(0);
    expect(config({ ...SERVICE, MCP_API_KEYS: KEY, MCP_ALLOWED_HOSTS: '*' }).exposure.allowedHosts).toBe('*');
  });

  it('reports every bad variable at once, naming entries by position and never quoting a value', () => {
    const secret = 'pasted-secret-value-42';
    const found = errors({ ...SERVICE, MCP_API_KEYS: 'short', HOST: 'http://x', PORT: '70000', MCP_ALLOWED_HOSTS: `ok.example,${secret}/x`, MCP_ALLOWED_ORIGINS: `https://${secret}.example/path`, MCP_SESSIONS: secret, MCP_SHUTDOWN_TIMEOUT_MS: 'soon', CONFLUENCE_SPACES: secret, CONFLUENCE_ATTACHMENT_DIRS: '/srv' });
    expect(found.map((e) => e.split(':')[0]).sort()).toEqual(
      ['CONFLUENCE_ATTACHMENT_DIRS', 'CONFLUENCE_SPACES', 'HOST', 'MCP_ALLOWED_HOSTS', 'MCP_ALLOWED_ORIGINS', 'MCP_API_KEYS', 'MCP_SESSIONS', 'MCP_SHUTDOWN_TIMEOUT_MS', 'PORT'].sort(),
    );
    expect(found.join('\n')).not.toContain(secret);
    expect(found.join('\n')).not.toContain('short');
  });

  it('checks the shared MCP settings as the stdio app does', () => {
    expect(errors({ ...SERVICE, MCP_API_KEYS: KEY, CONFLUENCE_TOOLS: 'get_confluence_page,nope', CONFLUENCE_CALL_DEADLINE_MS: '10' })).toEqual([
      'CONFLUENCE_CALL_DEADLINE_MS: must be a whole number of milliseconds from 1000 to 600000',
      expect.stringMatching(/^CONFLUENCE_TOOLS: entry 2 is not a tool or toolset name/),
    ]);
    expect(config({ ...SERVICE, MCP_API_KEYS: KEY, CONFLUENCE_READ_ONLY: 'true', CONFLUENCE_SPACES: 'ENG' }).server).toMatchObject({ readOnly: true, spaces: ['ENG'] });
  });
});
