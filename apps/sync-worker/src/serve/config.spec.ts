import { ConfigurationError } from '@confluence-mcp/confluence-client';
import { DEFAULT_CONFLUENCE_SCOPES, serveConfigFromEnv } from './config';

const SECRET = 'x'.repeat(40);

describe('serve configuration', () => {
  it('has the documented defaults', () => {
    expect(serveConfigFromEnv({ SECRET_KEY: SECRET })).toEqual({
      host: '127.0.0.1',
      port: 8001,
      databaseUrl: undefined,
      secretKey: SECRET,
      publicUrl: undefined,
      tokenTtlSeconds: 3600,
      schedulerTickSeconds: 300,
      syncConcurrency: 2,
      schedulerCron: '* * * * *',
      queue: { jobTimeoutSeconds: 3600, retries: 3, retryDelaySeconds: 30 },
      logLevel: 'info',
    });
  });

  it('reads the queue settings of a PostgreSQL deployment', () => {
    const config = serveConfigFromEnv({ SECRET_KEY: SECRET, SCHEDULER_CRON: ' */5  * * * * ', SYNC_JOB_TIMEOUT_SECONDS: '900', SYNC_JOB_RETRIES: '0', SYNC_RETRY_DELAY_SECONDS: '5' });
    expect([config.schedulerCron, config.queue]).toEqual(['*/5 * * * *', { jobTimeoutSeconds: 900, retries: 0, retryDelaySeconds: 5 }]);
  });

  it('reads OAuth settings, with Atlassian as the default servers', () => {
    const config = serveConfigFromEnv({ SECRET_KEY: SECRET, CONFLUENCE_CLIENT_ID: 'id', CONFLUENCE_CLIENT_SECRET: 'shh', PUBLIC_URL: 'https://sync.example.com/', PORT: '0' });
    expect(config.oauth).toEqual({ clientId: 'id', clientSecret: 'shh', authUrl: 'https://auth.atlassian.com', apiUrl: 'https://api.atlassian.com', scopes: DEFAULT_CONFLUENCE_SCOPES });
    expect(config.publicUrl).toBe('https://sync.example.com');
    expect(config.port).toBe(0);
  });

  it('names every bad variable at once and quotes no value', () => {
    const env = { SECRET_KEY: 'short-secret', PORT: 'eighty', CONFLUENCE_CLIENT_ID: 'only-id', ATLASSIAN_AUTH_URL: 'ftp://x', PUBLIC_URL: 'https://u:p@x.example.com', SCHEDULER_TICK_SECONDS: '0', LOG_LEVEL: 'loud', SCHEDULER_CRON: 'every minute', SYNC_JOB_TIMEOUT_SECONDS: '86400', SYNC_JOB_RETRIES: '-1', SYNC_RETRY_DELAY_SECONDS: '1.5' };
    let error: unknown;
    try {
      serveConfigFromEnv(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['ATLASSIAN_AUTH_URL', 'CONFLUENCE_CLIENT_ID and CONFLUENCE_CLIENT_SECRET', 'LOG_LEVEL', 'PORT', 'PUBLIC_URL', 'SCHEDULER_CRON', 'SCHEDULER_TICK_SECONDS', 'SECRET_KEY', 'SYNC_JOB_RETRIES', 'SYNC_JOB_TIMEOUT_SECONDS', 'SYNC_RETRY_DELAY_SECONDS']);
    for (const value of ['short-secret', 'eighty', 'only-id', 'loud']) expect(problems.join('\n')).not.toContain(value);
  });
});
