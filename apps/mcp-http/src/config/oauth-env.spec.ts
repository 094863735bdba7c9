/** MCP_OAUTH configuration: what is required, defaults, and problems named by variable without quoting values. */
import { loadConfig } from '../config';

const OAUTH = {
  MCP_OAUTH: 'atlassian',
  MCP_PUBLIC_URL: 'https://mcp.example.com/',
  CONFLUENCE_CLIENT_ID: 'client-id-1',
  CONFLUENCE_CLIENT_SECRET: 'client-secret-value-1',
  SECRET_KEY: 'a-secret-key-of-at-least-32-characters-xyz',
};

function problems(env: Record<string, string>): string[] {
  const loaded = loadConfig(env);
  if (loaded.ok) throw new Error('expected errors');
  return loaded.errors;
}

describe('MCP_OAUTH=atlassian', () => {
  it('has documented defaults; the public URL is the issuer without a trailing slash; secrets are hidden from logs', () => {
    const loaded = loadConfig(OAUTH);
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const { auth, secrets } = loaded.config;
    if (auth.mode !== 'oauth') throw new Error('oauth expected');
    expect(auth.oauth).toMatchObject({ publicUrl: 'https://mcp.example.com', authUrl: 'https://auth.atlassian.com', apiUrl: 'https://api.atlassian.com', databasePath: 'data/mcp-oauth.db', accessTokenTtlSeconds: 900 });
    expect(auth.oauth.scopes).toContain('read:confluence-content.all');
    expect(secrets).toEqual(expect.arrayContaining([OAUTH.CONFLUENCE_CLIENT_SECRET, OAUTH.SECRET_KEY]));
  });

  it('requires MCP_PUBLIC_URL, the Atlassian app and SECRET_KEY, naming each', () => {
    expect(problems({ MCP_OAUTH: 'atlassian' })).toEqual([
      expect.stringMatching(/^MCP_PUBLIC_URL: required with MCP_OAUTH/),
      expect.stringMatching(/^CONFLUENCE_CLIENT_ID: required/),
      expect.stringMatching(/^CONFLUENCE_CLIENT_SECRET: required/),
      expect.stringMatching(/^SECRET_KEY: required with MCP_OAUTH, at least 32 characters/),
    ]);
  });

  it('refuses a public URL with a path, plain http off loopback, other values of MCP_OAUTH and service credentials, never quoting values', () => {
    const errors = problems({ ...OAUTH, MCP_OAUTH: 'google', MCP_PUBLIC_URL: 'https://mcp.example.com/confluence', CONFLUENCE_API_TOKEN: 'svc-token-secret', SECRET_KEY: 'short-secret' });
    expect(errors).toEqual([
      'MCP_OAUTH: must be atlassian (sign-in delegated to Atlassian OAuth 2.0 3LO)',
      expect.stringMatching(/^MCP_PUBLIC_URL: must be an origin without a path/),
      expect.stringMatching(/^SECRET_KEY: /),
      expect.stringMatching(/^CONFLUENCE_API_TOKEN: not used with MCP_OAUTH/),
    ]);
    for (const value of ['svc-token-secret', 'short-secret', '/confluence']) expect(errors.join('\n')).not.toContain(value);
    expect(problems({ ...OAUTH, MCP_PUBLIC_URL: 'http://mcp.example.com' })).toEqual(['MCP_PUBLIC_URL: must use https (http only for localhost or 127.0.0.1)']);
    expect(loadConfig({ ...OAUTH, MCP_PUBLIC_URL: 'http://127.0.0.1:3000' }).ok).toBe(true);
  });
});
