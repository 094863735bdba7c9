import { ConfluenceConfig, parseConfluenceEnv, parseConnectionEnv, parseMcpEnv } from './config';

const API_TOKEN = 'ATATT3xFfGF0-cloud-secret-7f3a';
const PAT = 'NjM2ODc5-dc-secret-pat-42';

const cloud = { CONFLUENCE_URL: 'https://example.atlassian.net/wiki/', CONFLUENCE_USERNAME: 'ana@example.com', CONFLUENCE_API_TOKEN: API_TOKEN };
const dc = { CONFLUENCE_URL: 'https://wiki.example.com', CONFLUENCE_PERSONAL_TOKEN: PAT };

function config(env: Record<string, string | undefined>): ConfluenceConfig {
  const parsed = parseConfluenceEnv(env);
  if (!parsed.ok) throw new Error(`unexpected errors: ${parsed.errors.join('; ')}`);
  return parsed.config;
}

function errors(env: Record<string, string | undefined>): string[] {
  const parsed = parseConfluenceEnv(env);
  if (parsed.ok) throw new Error('expected errors');
  return parsed.errors;
}

describe('parseConfluenceEnv', () => {
  it('builds a Cloud config with defaults', () => {
    expect(config({ ...cloud, PATH: '/usr/bin', HOME: '/root' })).toEqual({
      url: 'https://example.atlassian.net/wiki',
      auth: { kind: 'basic', email: 'ana@example.com', apiToken: API_TOKEN },
      readOnly: false,
      logLevel: 'info',
      timeoutMs: 30000,
    });
  });

  it('builds a Data Center config with every option', () => {
    expect(
      config({
        ...dc,
        CONFLUENCE_FLAVOR: 'DC',
        CONFLUENCE_READ_ONLY: 'yes',
        CONFLUENCE_TOOLS: ' get_confluence_page, search_confluence ,,get_confluence_page',
        CONFLUENCE_SPACES: 'OPS,DEV_2,~jdoe,~5fc9e78d2730d800760becc4',
        LOG_LEVEL: 'Debug',
        CONFLUENCE_TIMEOUT_MS: '5000',
        CONFLUENCE_MAX_CONCURRENCY: '32',
        CONFLUENCE_CLOUD_ID: 'A1B2C3D4-0000-4000-8000-00000000000F',
      }),
    ).toEqual({
      url: 'https://wiki.example.com',
      auth: { kind: 'bearer', token: PAT },
      flavor: 'dc',
      readOnly: true,
      tools: ['get_confluence_page', 'search_confluence'],
      spaces: ['OPS', 'DEV_2', '~jdoe', '~5fc9e78d2730d800760becc4'],
      logLevel: 'debug',
      timeoutMs: 5000,
      maxConcurrency: 32,
      cloudId: 'a1b2c3d4-0000-4000-8000-00000000000f',
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['YES', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['', false],
  ])('reads CONFLUENCE_READ_ONLY=%p as %p', (value, expected) => {
    expect(config({ ...dc, CONFLUENCE_READ_ONLY: value }).readOnly).toBe(expected);
  });

  it('treats blank variables as unset', () => {
    expect(config({ ...dc, CONFLUENCE_USERNAME: '', CONFLUENCE_API_TOKEN: '  ', CONFLUENCE_TOOLS: '', LOG_LEVEL: '' })).toMatchObject({
      auth: { kind: 'bearer' },
      logLevel: 'info',
    });
  });

  it('names the URL when it is missing or not http(s)', () => {
    expect(errors({ ...dc, CONFLUENCE_URL: undefined })).toEqual(['CONFLUENCE_URL: required']);
    expect(errors({ ...dc, CONFLUENCE_URL: 'wiki.example.com' })).toEqual(['CONFLUENCE_URL: must be an http(s) URL']);
    expect(errors({ ...dc, CONFLUENCE_URL: 'ftp://wiki.example.com' })).toEqual(['CONFLUENCE_URL: must be an http(s) URL']);
    expect(errors({ ...dc, CONFLUENCE_URL: 'https://ana:pw@wiki.example.com' })).toEqual([
      'CONFLUENCE_URL: must not contain credentials (use the token variables)',
    ]);
  });

  it('requires both halves of basic auth', () => {
    expect(errors({ CONFLUENCE_URL: cloud.CONFLUENCE_URL, CONFLUENCE_USERNAME: 'ana@example.com' })).toEqual([
      'CONFLUENCE_API_TOKEN: required when CONFLUENCE_USERNAME is set',
    ]);
    expect(errors({ CONFLUENCE_URL: cloud.CONFLUENCE_URL, CONFLUENCE_API_TOKEN: API_TOKEN })).toEqual([
      'CONFLUENCE_USERNAME: required when CONFLUENCE_API_TOKEN is set',
    ]);
  });

  it('requires exactly one auth method', () => {
    expect(errors({ CONFLUENCE_URL: dc.CONFLUENCE_URL })).toEqual([
      'CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN (Cloud), CONFLUENCE_OAUTH_ACCESS_TOKEN (Cloud) or CONFLUENCE_PERSONAL_TOKEN (Data Center): one auth method is required',
    ]);
    expect(errors({ ...cloud, CONFLUENCE_PERSONAL_TOKEN: PAT })).toEqual([
      'CONFLUENCE_PERSONAL_TOKEN: set either CONFLUENCE_PERSONAL_TOKEN or CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN, not both',
    ]);
  });

  it('wants an email as the Cloud user name', () => {
    expect(errors({ ...cloud, CONFLUENCE_USERNAME: 'ana', CONFLUENCE_FLAVOR: 'cloud' })).toEqual([
      'CONFLUENCE_USERNAME: must be the Atlassian account email on Cloud',
    ]);
    expect(config({ ...cloud, CONFLUENCE_USERNAME: 'ana', CONFLUENCE_FLAVOR: 'dc' }).auth).toEqual({ kind: 'basic', email: 'ana', apiToken: API_TOKEN });
  });

  it('names each bad optional variable, all at once', () => {
    expect(
      errors({
        CONFLUENCE_URL: 'nope',
        CONFLUENCE_CLOUD_ID: 'my-site',
        CONFLUENCE_FLAVOR: 'server',
        CONFLUENCE_READ_ONLY: 'maybe',
        CONFLUENCE_TOOLS: 'get page',
        CONFLUENCE_SPACES: 'OPS,dev,bad key',
        LOG_LEVEL: 'verbose',
        CONFLUENCE_TIMEOUT_MS: '1.5',
      }),
    ).toEqual([
      'CONFLUENCE_URL: must be an http(s) URL',
      'CONFLUENCE_CLOUD_ID: must be a UUID (see https://<site>/_edge/tenant_info)',
      'CONFLUENCE_FLAVOR: must be cloud or dc (or unset to detect)',
      'CONFLUENCE_READ_ONLY: must be true, false, 1, 0, yes or no',
      'CONFLUENCE_TOOLS: entry 1 is not a tool name (letters, digits, _ . -)',
      'CONFLUENCE_SPACES: entry 2 is not upper case (space keys are, except personal ~keys)',
      'CONFLUENCE_SPACES: entry 3 is not a space key (A-Z, 0-9 and _, or ~name for a personal space)',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'CONFLUENCE_TIMEOUT_MS: must be a positive whole number of milliseconds',
      'CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN (Cloud), CONFLUENCE_OAUTH_ACCESS_TOKEN (Cloud) or CONFLUENCE_PERSONAL_TOKEN (Data Center): one auth method is required',
    ]);
  });

  it.each(['0', '-5', 'abc', '99999999999999999999'])('rejects CONFLUENCE_TIMEOUT_MS=%p', (value) => {
    expect(errors({ ...dc, CONFLUENCE_TIMEOUT_MS: value })).toEqual(['CONFLUENCE_TIMEOUT_MS: must be a positive whole number of milliseconds']);
  });

  it.each(['0', '257', '2.5', 'many'])('rejects CONFLUENCE_MAX_CONCURRENCY=%p', (value) => {
    expect(errors({ ...dc, CONFLUENCE_MAX_CONCURRENCY: value })).toEqual(['CONFLUENCE_MAX_CONCURRENCY: must be a whole number from 1 to 256']);
  });

  it('rejects a list of only commas', () => {
    expect(errors({ ...dc, CONFLUENCE_SPACES: ' , ,' })).toEqual(['CONFLUENCE_SPACES: must list at least one entry']);
  });

  it('never echoes a token, even one pasted into the wrong variable', () => {
    const misplaced = {
      CONFLUENCE_URL: PAT,
      CONFLUENCE_USERNAME: 'ana',
      CONFLUENCE_PERSONAL_TOKEN: PAT,
      CONFLUENCE_CLOUD_ID: API_TOKEN,
      CONFLUENCE_FLAVOR: API_TOKEN,
      CONFLUENCE_READ_ONLY: API_TOKEN,
      CONFLUENCE_TOOLS: `${API_TOKEN} x`,
      CONFLUENCE_SPACES: API_TOKEN,
      LOG_LEVEL: API_TOKEN,
      CONFLUENCE_TIMEOUT_MS: PAT,
    };
    const text = errors(misplaced).join('\n');
    expect(text.split('\n').length).toBeGreaterThanOrEqual(9);
    for (const secret of [API_TOKEN, PAT, 'cloud-secret', 'secret-pat']) expect(text).not.toContain(secret);
  });
});

describe('parseConnectionEnv and parseMcpEnv: the two halves', () => {
  it('reads the connection alone, ignoring (and not judging) the MCP variables', () => {
    expect(parseConnectionEnv({ ...dc, CONFLUENCE_TOOLS: 'get page', LOG_LEVEL: 'loud' })).toEqual({
      ok: true,
      config: { url: 'https://wiki.example.com', auth: { kind: 'bearer', token: PAT }, timeoutMs: 30000 },
    });
  });

  it('reads the MCP settings alone, ignoring the connection variables', () => {
    expect(parseMcpEnv({ CONFLUENCE_READ_ONLY: 'yes', CONFLUENCE_SPACES: 'OPS', CONFLUENCE_URL: 'nope' })).toEqual({
      ok: true,
      config: { readOnly: true, spaces: ['OPS'], logLevel: 'info' },
    });
    expect(parseMcpEnv({ CONFLUENCE_TOOLS: 'get page', LOG_LEVEL: 'loud' })).toEqual({
      ok: false,
      errors: ['CONFLUENCE_TOOLS: entry 1 is not a tool name (letters, digits, _ . -)', 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent'],
    });
  });

  it('reads an OAuth access token as its own auth method, alone', () => {
    const oauth = { CONFLUENCE_URL: 'https://example.atlassian.net', CONFLUENCE_OAUTH_ACCESS_TOKEN: 'oauth-secret-token' };
    expect(parseConnectionEnv(oauth)).toMatchObject({ ok: true, config: { auth: { kind: 'oauth', accessToken: 'oauth-secret-token' } } });
    const both = parseConnectionEnv({ ...oauth, CONFLUENCE_PERSONAL_TOKEN: PAT });
    expect(both).toEqual({ ok: false, errors: [expect.stringMatching(/^CONFLUENCE_OAUTH_ACCESS_TOKEN: set only one auth method/)] });
    expect(JSON.stringify(both)).not.toContain('oauth-secret-token');
  });
});
