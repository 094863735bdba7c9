/**
 * `serve` configuration from the environment: every bad variable named at once, no value ever echoed (several are
 * secrets).
 */
import { ConfigurationError, MIN_SECRET_KEY_LENGTH } from '@confluence-mcp/confluence-client';
import { LOG_LEVELS, LogLevel } from '@confluence-mcp/logging';
import { DEFAULT_QUEUE_SETTINGS, DEFAULT_SCHEDULER_CRON } from '@confluence-mcp/sync-engine';
import type { QueueSettings } from '@confluence-mcp/sync-engine';
import type { Environment } from '../wiring';

/** Scopes asked for when `CONFLUENCE_SCOPES` is not set: read-only, what a sync reads (v2 granular scopes). */
export const DEFAULT_CONFLUENCE_SCOPES = ['read:space:confluence', 'read:page:confluence', 'read:label:confluence', 'read:user:confluence', 'read:confluence-user'];

/** Atlassian OAuth 2.0 (3LO) app settings; absent when `CONFLUENCE_CLIENT_ID` is not set. */
export interface OAuthAppConfig {
  clientId: string;
  clientSecret: string;
  /** @default 'https://auth.atlassian.com' */
  authUrl: string;
  /** @default 'https://api.atlassian.com' */
  apiUrl: string;
  scopes: string[];
}

/** What `serve` runs with. */
export interface ServeConfig {
  /** @default '127.0.0.1' */
  host: string;
  /** 0 picks a free port. @default 8001 */
  port: number;
  /** `DATABASE_URL`. @default './data/sync.db' */
  databaseUrl?: string;
  /** Signs access tokens (through HKDF) and seals stored credentials. Required, at least 32 characters. */
  secretKey: string;
  /** Origin the browser reaches this service at (the OAuth callback base). @default the listening address */
  publicUrl?: string;
  /** Access token lifetime. @default 3600 */
  tokenTtlSeconds: number;
  /** How often the scheduler looks for due indexes. @default 300 */
  schedulerTickSeconds: number;
  /** Runs at once in this process. @default 2 */
  syncConcurrency: number;
  /** PostgreSQL only: cron of the due-index tick (`SCHEDULER_CRON`). @default '* * * * *' */
  schedulerCron: string;
  /** PostgreSQL only: job expiry and retries (`SYNC_JOB_TIMEOUT_SECONDS`, `SYNC_JOB_RETRIES`, `SYNC_RETRY_DELAY_SECONDS`). */
  queue: QueueSettings;
  oauth?: OAuthAppConfig;
  /** @default 'info' */
  logLevel: LogLevel;
}

/** Reads and checks the variables; throws `ConfigurationError` listing every problem. */
export function serveConfigFromEnv(env: Environment): ServeConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const whole = (name: string, fallback: number, min: number, max: number, hint = `a whole number from ${min} to ${max}`): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name}: must be ${hint}`);
      return fallback;
    }
    return n;
  };
  const url = (name: string, fallback?: string): string | undefined => {
    const raw = value(name) ?? fallback;
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
      if (parsed.username || parsed.password || parsed.search || parsed.hash) throw new Error('extra parts');
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${name}: must be an http(s) URL without credentials, query or fragment`);
      return undefined;
    }
  };

  const port = whole('PORT', 8001, 0, 65535, 'a port number (0 to 65535; 0 picks a free port)');
  const secretKey = value('SECRET_KEY') ?? '';
  if (secretKey.length < MIN_SECRET_KEY_LENGTH) problems.push(`SECRET_KEY: must be set to at least ${MIN_SECRET_KEY_LENGTH} characters (for example the output of \`openssl rand -base64 48\`)`);
  const level = (value('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`);

  const clientId = value('CONFLUENCE_CLIENT_ID');
  const clientSecret = value('CONFLUENCE_CLIENT_SECRET');
  if (Boolean(clientId) !== Boolean(clientSecret)) problems.push('CONFLUENCE_CLIENT_ID and CONFLUENCE_CLIENT_SECRET: set both (OAuth) or neither');
  const authUrl = url('ATLASSIAN_AUTH_URL', 'https://auth.atlassian.com');
  const apiUrl = url('ATLASSIAN_API_URL', 'https://api.atlassian.com');
  const scopes = (value('CONFLUENCE_SCOPES') ?? DEFAULT_CONFLUENCE_SCOPES.join(' ')).split(/[\s,]+/).filter(Boolean);
  if (scopes.some((scope) => !/^[A-Za-z0-9:._-]{1,100}$/.test(scope))) problems.push('CONFLUENCE_SCOPES: must be scope names separated by spaces or commas');

  const schedulerCron = value('SCHEDULER_CRON') ?? DEFAULT_SCHEDULER_CRON;
  // pg-boss checks the expression itself; this catches the usual slips (a missing field, a stray character) early.
  if (!/^[0-9*/,\-A-Za-z?]+( [0-9*/,\-A-Za-z?]+){4,5}$/.test(schedulerCron.replace(/\s+/g, ' '))) problems.push('SCHEDULER_CRON: must be a cron expression of 5 (or 6, with seconds) fields, e.g. "*/5 * * * *"');

  const config: ServeConfig = {
    host: value('HOST') ?? '127.0.0.1',
    port,
    databaseUrl: value('DATABASE_URL'),
    secretKey,
    publicUrl: url('PUBLIC_URL'),
    tokenTtlSeconds: whole('TOKEN_TTL_SECONDS', 3600, 60, 86_400 * 30),
    schedulerTickSeconds: whole('SCHEDULER_TICK_SECONDS', 300, 1, 86_400),
    syncConcurrency: whole('SYNC_CONCURRENCY', 2, 1, 32),
    schedulerCron: schedulerCron.replace(/\s+/g, ' '),
    queue: {
      // pg-boss refuses expiries of 24 hours or more.
      jobTimeoutSeconds: whole('SYNC_JOB_TIMEOUT_SECONDS', DEFAULT_QUEUE_SETTINGS.jobTimeoutSeconds, 10, 86_399),
      retries: whole('SYNC_JOB_RETRIES', DEFAULT_QUEUE_SETTINGS.retries, 0, 20),
      retryDelaySeconds: whole('SYNC_RETRY_DELAY_SECONDS', DEFAULT_QUEUE_SETTINGS.retryDelaySeconds, 0, 3600),
    },
    logLevel: level as LogLevel,
    ...(clientId && clientSecret && authUrl && apiUrl ? { oauth: { clientId, clientSecret, authUrl, apiUrl, scopes } } : {}),
  };
  if (problems.length) throw new ConfigurationError(problems);
  return config;
}
