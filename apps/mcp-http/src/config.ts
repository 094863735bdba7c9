/**
 * Environment -> what the HTTP server needs: where to listen, how callers authenticate (`config/auth-env.ts`),
 * exposure safety and limits (`config/http-env.ts`), and the MCP settings shared with the stdio app (tools,
 * spaces, read-only mode, call deadline). Every problem is reported at once as `VARIABLE: problem`; no message
 * quotes a value. Reads nothing but `env` and, for `MCP_API_KEYS_FILE`, that one file.
 */
import type { LogLevel } from '@confluence-mcp/logging';
import { DEFAULT_CALL_DEADLINE_MS, DEFAULT_MAX_ATTACHMENT_BYTES, TOOLSETS, isToolOrToolset } from '@confluence-mcp/mcp-tools';
import { parseIndexEnv, parseMcpEnv } from '@confluence-mcp/schemas';
import type { IndexEnvConfig } from '@confluence-mcp/schemas';
import { readFileSync } from 'node:fs';
import { AuthConfig, ReadTextFile, parseAuthEnv } from './config/auth-env';
import { parseHttpEnv } from './config/http-env';
import type { HostRule } from './http/addresses';

export type { ApiKeyHash, AuthConfig, ConfluenceSite, OAuthModeConfig } from './config/auth-env';

/** Name and version announced to MCP clients and sent as the client's User-Agent. */
export const SERVER_NAME = 'confluence-mcp';
export const SERVER_VERSION = '0.1.0';

/** What `createMcpServer()` gets besides the client and the logger (a subset of `McpServerDeps`). */
export interface ServerOptions {
  readOnly: boolean;
  tools?: string[];
  spaces?: string[];
  maxAttachmentBytes: number;
  callDeadlineMs: number;
  name: string;
  version: string;
}

/** Host and Origin checks (DNS-rebinding protection) and CORS. */
export interface ExposureConfig {
  /** `*`: no Host check; undefined: the listening address and its loopback names (known once listening). */
  allowedHosts?: HostRule[] | '*';
  /** Origins allowed besides this server's own (undefined: only its own). */
  allowedOrigins?: string[];
  /** Origins that get CORS headers (and are allowed); none means CORS is off. */
  corsOrigins: string[];
}

/** Everything `startHttpServer()` needs. */
export interface HttpConfig {
  /** @default '127.0.0.1' */
  host: string;
  /** 0 picks a free port. @default 3000 */
  port: number;
  auth: AuthConfig;
  sessions: { mode: 'stateless' } | { mode: 'stateful'; idleMs: number; maxSessions: number };
  exposure: ExposureConfig;
  /** @default 1 MiB */
  maxBodyBytes: number;
  /** Requests per minute and identity; 0 turns the limit off. @default 600 */
  rateLimitPerMinute: number;
  /** Requests answered without an identity, per minute and client address; 0 turns the limit off. @default 60 */
  unauthenticatedRateLimitPerMinute: number;
  /** Proxies in front of this server whose `X-Forwarded-For` entries are trusted (0: the header is ignored). @default 0 */
  trustedProxies: number;
  /** Longest wait for in-flight calls after SIGTERM. @default 25_000 */
  shutdownTimeoutMs: number;
  server: ServerOptions;
  /** The synced index `search_confluence_index` reads (SYNC_DATABASE_URL or DATABASE_URL); the tool is off without one. */
  index?: IndexEnvConfig;
  logLevel: LogLevel;
  /** Credential strings the logger must scrub: the service credentials and the API keys. */
  secrets: string[];
}

export type LoadResult = { ok: true; config: HttpConfig } | { ok: false; errors: string[] };

/**
 * Validate the environment.
 *
 * @example
 * const loaded = loadConfig(process.env);
 * if (!loaded.ok) for (const e of loaded.errors) process.stderr.write(`confluence-mcp-http: ${e}\n`);
 */
export function loadConfig(env: Record<string, string | undefined>, readFile: ReadTextFile = (path) => readFileSync(path, 'utf8')): LoadResult {
  const errors: string[] = [];
  const http = parseHttpEnv(env);
  if (!http.ok) errors.push(...http.errors);
  const mcp = parseMcpEnv(env);
  if (!mcp.ok) errors.push(...mcp.errors);
  const index = parseIndexEnv(env);
  if (!index.ok) errors.push(...index.errors);
  const auth = parseAuthEnv(env, http.ok ? http.env.HOST : (env['HOST']?.trim() || '127.0.0.1'), errors, readFile);
  if (env['CONFLUENCE_ATTACHMENT_DIRS']?.trim()) {
    errors.push("CONFLUENCE_ATTACHMENT_DIRS: not supported by the HTTP server (remote callers would upload this server's files); unset it");
  }
  const maxAttachmentBytes = positive('CONFLUENCE_MAX_ATTACHMENT_BYTES', env['CONFLUENCE_MAX_ATTACHMENT_BYTES'], DEFAULT_MAX_ATTACHMENT_BYTES, 'a positive whole number of bytes', errors);
  const callDeadlineMs = positive('CONFLUENCE_CALL_DEADLINE_MS', env['CONFLUENCE_CALL_DEADLINE_MS'], DEFAULT_CALL_DEADLINE_MS, 'a whole number of milliseconds from 1000 to 600000', errors, 1_000, 600_000);
  if (mcp.ok) {
    mcp.config.tools?.forEach((name, i) => {
      if (!isToolOrToolset(name)) errors.push(`CONFLUENCE_TOOLS: entry ${i + 1} is not a tool or toolset name (toolsets: ${TOOLSETS.join(', ')})`);
    });
  }
  if (http.ok && http.env.MCP_ALLOWED_HOSTS === '*' && auth?.auth.mode === 'none') {
    // Without credentials, the Host check is all that keeps a web page (DNS rebinding) away from Confluence.
    errors.push('MCP_ALLOWED_HOSTS: * is not allowed with MCP_AUTH=none: a web page could reach the unauthenticated server by DNS rebinding');
  }
  if (!http.ok || !mcp.ok || !auth || errors.length) return { ok: false, errors: [...new Set(errors)] };

  const e = http.env;
  const { readOnly, tools, spaces, logLevel } = mcp.config;
  const server: ServerOptions = { readOnly, maxAttachmentBytes, callDeadlineMs, name: SERVER_NAME, version: SERVER_VERSION };
  if (tools) server.tools = tools;
  if (spaces) server.spaces = spaces;
  const exposure: ExposureConfig = { corsOrigins: e.MCP_CORS_ORIGINS ?? [] };
  if (e.MCP_ALLOWED_HOSTS) exposure.allowedHosts = e.MCP_ALLOWED_HOSTS;
  if (e.MCP_ALLOWED_ORIGINS) exposure.allowedOrigins = e.MCP_ALLOWED_ORIGINS;
  return {
    ok: true,
    config: {
      host: e.HOST,
      port: e.PORT,
      auth: auth.auth,
      sessions: e.MCP_SESSIONS === 'stateful' ? { mode: 'stateful', idleMs: e.MCP_SESSION_IDLE_MS, maxSessions: e.MCP_MAX_SESSIONS } : { mode: 'stateless' },
      exposure,
      maxBodyBytes: e.MCP_MAX_BODY_BYTES,
      rateLimitPerMinute: e.MCP_RATE_LIMIT_PER_MINUTE,
      unauthenticatedRateLimitPerMinute: e.MCP_UNAUTHENTICATED_RATE_LIMIT,
      trustedProxies: e.MCP_TRUST_PROXY,
      shutdownTimeoutMs: e.MCP_SHUTDOWN_TIMEOUT_MS,
      server,
      ...(index.ok && index.config ? { index: index.config } : {}),
      logLevel,
      secrets: auth.secrets,
    },
  };
}

/** A whole number within bounds, or `fallback` when unset; a bad value is reported by name, never quoted. */
function positive(name: string, value: string | undefined, fallback: number, expected: string, errors: string[], min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (!value?.trim()) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    errors.push(`${name}: must be ${expected}`);
    return fallback;
  }
  return n;
}
