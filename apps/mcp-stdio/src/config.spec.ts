import { loadConfig } from './config';

const cloud = { CONFLUENCE_URL: 'https://example.atlassian.net/wiki', CONFLUENCE_USERNAME: 'me@example.com', CONFLUENCE_API_TOKEN: 'secret-token-123' };
const dc = { CONFLUENCE_URL: 'https://wiki.example.com', CONFLUENCE_PERSONAL_TOKEN: 'pat-secret-456' };

function errorsOf(env: Record<string, string | undefined>): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected configuration errors');
  return result.errors;
}

function configOf(env: Record<string, string | undefined>) {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(`unexpected errors: ${result.errors.join('; ')}`);
  return result.config;
}

describe('loadConfig: auth mapping', () => {
  it('maps email + API token to Cloud basic auth', () => {
    const { client } = configOf(cloud);
    expect(client.auth).toEqual({ type: 'basic', email: 'me@example.com', apiToken: 'secret-token-123' });
    expect(client.flavor).toBe('cloud');
    expect(client.baseUrl).toBe('https://example.atlassian.net/wiki');
  });

  it('maps email + API token + CONFLUENCE_CLOUD_ID to a scoped token through the gateway', () => {
    const { client } = configOf({ ...cloud, CONFLUENCE_CLOUD_ID: 'A1B2C3D4-0000-4000-8000-000000000001' });
    expect(client.auth).toEqual({ type: 'scoped', email: 'me@example.com', apiToken: 'secret-token-123', cloudId: 'a1b2c3d4-0000-4000-8000-000000000001' });
  });

  it('maps a personal access token to Data Center bearer auth', () => {
    const { client } = configOf(dc);
    expect(client.auth).toEqual({ type: 'pat', token: 'pat-secret-456' });
    expect(client.flavor).toBe('dc');
  });

  it('maps user name + password to Data Center basic auth when CONFLUENCE_FLAVOR=dc', () => {
    const { client } = configOf({ CONFLUENCE_URL: 'https://wiki.example.com', CONFLUENCE_USERNAME: 'alice', CONFLUENCE_API_TOKEN: 'pw', CONFLUENCE_FLAVOR: 'DC' });
    expect(client.auth).toEqual({ type: 'dc-basic', username: 'alice', password: 'pw' });
    expect(client.flavor).toBe('dc');
  });

  it('takes an OAuth access token (Cloud) like every auth mode of clientOptionsFromEnv, and names the app in the User-Agent', async () => {
    const { client, secrets } = configOf({ CONFLUENCE_URL: 'https://example.atlassian.net', CONFLUENCE_OAUTH_ACCESS_TOKEN: 'oauth-secret-789' });
    expect(client).toMatchObject({ flavor: 'cloud', auth: { type: 'oauth' }, userAgent: expect.stringMatching(/^confluence-mcp\/\d/) });
    if (client.auth.type === 'oauth') await expect(client.auth.getAccessToken({ forceRefresh: false })).resolves.toBe('oauth-secret-789');
    expect(secrets).toEqual(['oauth-secret-789']);
  });

  it('refuses a personal access token with CONFLUENCE_FLAVOR=cloud, naming the variable', () => {
    expect(errorsOf({ ...dc, CONFLUENCE_FLAVOR: 'cloud' })).toEqual([expect.stringMatching(/^CONFLUENCE_PERSONAL_TOKEN: /)]);
  });

  it('refuses CONFLUENCE_CLOUD_ID with a personal access token', () => {
    expect(errorsOf({ ...dc, CONFLUENCE_CLOUD_ID: 'a1b2c3d4-0000-4000-8000-000000000001' })).toEqual([expect.stringMatching(/^CONFLUENCE_CLOUD_ID: /)]);
  });
});

describe('loadConfig: server options', () => {
  it('defaults to every tool, every space, writes allowed, no attachment directory, 10 MiB cap, 40 s deadline', () => {
    const { server, logLevel, client } = configOf(cloud);
    expect(server).toEqual({ readOnly: false, maxAttachmentBytes: 10 * 1024 * 1024, callDeadlineMs: 40_000, name: 'confluence-mcp', version: expect.any(String) });
    expect(logLevel).toBe('info');
    expect(client.timeoutMs).toBe(30_000);
  });

  it('passes read-only, tools, spaces, timeout and log level through', () => {
    const config = configOf({ ...cloud, CONFLUENCE_READ_ONLY: 'yes', CONFLUENCE_TOOLS: 'get_confluence_page, search_confluence_pages', CONFLUENCE_SPACES: 'ENG,OPS', CONFLUENCE_TIMEOUT_MS: '5000', LOG_LEVEL: 'debug' });
    expect(config.server).toMatchObject({ readOnly: true, tools: ['get_confluence_page', 'search_confluence_pages'], spaces: ['ENG', 'OPS'] });
    expect(config.client.timeoutMs).toBe(5000);
    expect(config.logLevel).toBe('debug');
  });

  it('accepts toolset names and names an unknown tool by position', () => {
    expect(configOf({ ...cloud, CONFLUENCE_TOOLS: 'read,get_confluence_page' }).server.tools).toEqual(['read', 'get_confluence_page']);
    expect(errorsOf({ ...cloud, CONFLUENCE_TOOLS: 'read,get_page_typo' })).toEqual([expect.stringMatching(/^CONFLUENCE_TOOLS: entry 2 is not a tool or toolset name/)]);
  });

  it('reads CONFLUENCE_ATTACHMENT_DIRS as absolute directories split by the path delimiter', () => {
    const { server } = configOf({ ...cloud, CONFLUENCE_ATTACHMENT_DIRS: '/tmp/uploads:/home/me/docs/:/tmp/uploads', CONFLUENCE_MAX_ATTACHMENT_BYTES: '1048576' });
    expect(server.attachmentDirectories).toEqual(['/tmp/uploads', '/home/me/docs/']);
    expect(server.maxAttachmentBytes).toBe(1048576);
  });

  it('names a relative attachment directory by position, without quoting it', () => {
    const errors = errorsOf({ ...cloud, CONFLUENCE_ATTACHMENT_DIRS: '/tmp/ok:relative/dir' });
    expect(errors).toEqual(['CONFLUENCE_ATTACHMENT_DIRS: entry 2 is not an absolute path']);
  });

  it('names a bad CONFLUENCE_MAX_ATTACHMENT_BYTES', () => {
    expect(errorsOf({ ...cloud, CONFLUENCE_MAX_ATTACHMENT_BYTES: '10MB' })).toEqual([expect.stringMatching(/^CONFLUENCE_MAX_ATTACHMENT_BYTES: /)]);
  });

  it('reads CONFLUENCE_CALL_DEADLINE_MS, defaulting to 40 s, and names a value out of range', () => {
    expect(configOf(cloud).server.callDeadlineMs).toBe(40_000);
    expect(configOf({ ...cloud, CONFLUENCE_CALL_DEADLINE_MS: '15000' }).server.callDeadlineMs).toBe(15_000);
    for (const bad of ['500', '700000', '20s']) {
      expect(errorsOf({ ...cloud, CONFLUENCE_CALL_DEADLINE_MS: bad })).toEqual(['CONFLUENCE_CALL_DEADLINE_MS: must be a whole number of milliseconds from 1000 to 600000']);
    }
  });
});

describe('loadConfig: errors', () => {
  it.each([
    ['CONFLUENCE_URL', { ...cloud, CONFLUENCE_URL: 'ftp://example.com' }],
    ['CONFLUENCE_URL', { ...cloud, CONFLUENCE_URL: undefined }],
    ['CONFLUENCE_API_TOKEN', { ...cloud, CONFLUENCE_API_TOKEN: undefined }],
    ['CONFLUENCE_CLOUD_ID', { ...cloud, CONFLUENCE_CLOUD_ID: 'not-a-uuid' }],
    ['CONFLUENCE_FLAVOR', { ...cloud, CONFLUENCE_FLAVOR: 'server' }],
    ['CONFLUENCE_READ_ONLY', { ...cloud, CONFLUENCE_READ_ONLY: 'maybe' }],
    ['CONFLUENCE_TOOLS', { ...cloud, CONFLUENCE_TOOLS: 'get page' }],
    ['CONFLUENCE_SPACES', { ...cloud, CONFLUENCE_SPACES: 'eng' }],
    ['LOG_LEVEL', { ...cloud, LOG_LEVEL: 'verbose' }],
    ['CONFLUENCE_TIMEOUT_MS', { ...cloud, CONFLUENCE_TIMEOUT_MS: '-1' }],
  ])('names %s when it is bad', (variable, env) => {
    const errors = errorsOf(env);
    expect(errors.some((e) => e.startsWith(`${variable}: `))).toBe(true);
  });

  it('asks for an auth method when none is set', () => {
    expect(errorsOf({ CONFLUENCE_URL: 'https://x.atlassian.net' })).toEqual([expect.stringContaining('CONFLUENCE_PERSONAL_TOKEN')]);
  });

  it('reports every bad variable at once, the app-level ones included', () => {
    const errors = errorsOf({ CONFLUENCE_URL: 'nope', CONFLUENCE_PERSONAL_TOKEN: 'pat-secret-456', LOG_LEVEL: 'loud', CONFLUENCE_ATTACHMENT_DIRS: 'rel' });
    expect(errors.map((e) => e.split(':')[0]).sort()).toEqual(['CONFLUENCE_ATTACHMENT_DIRS', 'CONFLUENCE_URL', 'LOG_LEVEL']);
  });

  it('never repeats a token in an error, even one pasted into the wrong variable', () => {
    const errors = errorsOf({ ...cloud, CONFLUENCE_SPACES: 'secret-token-123', CONFLUENCE_TOOLS: 'secret token 123', CONFLUENCE_FLAVOR: 'cloud', CONFLUENCE_PERSONAL_TOKEN: 'pat-secret-456' });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).not.toMatch(/secret/);
  });
});

describe('loadConfig: secrets for the log scrubber', () => {
  it('lists the API token and its Basic encoding', () => {
    const { secrets } = configOf(cloud);
    expect(secrets).toEqual(['secret-token-123', Buffer.from('me@example.com:secret-token-123').toString('base64')]);
  });

  it('lists the personal access token', () => {
    expect(configOf(dc).secrets).toEqual(['pat-secret-456']);
  });
});
