/**
 * Environment -> what the stdio server needs: client options, server options, log level, and the secrets the log
 * must never show. Pure (no I/O), so every rule is unit-tested; `main.ts` prints the errors and exits 1.
 */
import type { ConfluenceAuth, ConfluenceClientOptions } from '@confluence-mcp/confluence-client';
import { DEFAULT_CALL_DEADLINE_MS, DEFAULT_MAX_ATTACHMENT_BYTES, TOOLSETS, isToolOrToolset } from '@confluence-mcp/mcp-tools';
import { parseConfluenceEnv } from '@confluence-mcp/schemas';
import type { ConfluenceConfig, LogLevel } from '@confluence-mcp/schemas';
import { delimiter, isAbsolute, normalize } from 'node:path';

/** Name and version announced to MCP clients and sent as the client's User-Agent. */
export const SERVER_NAME = 'confluence-mcp';
export const SERVER_VERSION = '0.1.0';

/** What `createMcpServer()` gets besides the client and the logger (a subset of `McpServerDeps`). */
export interface ServerOptions {
  readOnly: boolean;
  tools?: string[];
  spaces?: string[];
  attachmentDirectories?: string[];
  maxAttachmentBytes: number;
  callDeadlineMs: number;
  name: string;
  version: string;
}

export interface StdioConfig {
  client: ConfluenceClientOptions;
  server: ServerOptions;
  logLevel: LogLevel;
  /** Credential strings (and their Basic encoding) scrubbed from every log line. */
  secrets: string[];
}

export type LoadResult = { ok: true; config: StdioConfig } | { ok: false; errors: string[] };

/**
 * Validate the environment. Every problem is reported at once as `VARIABLE: problem`; no message quotes a value.
 *
 * Auth mapping: `CONFLUENCE_USERNAME` + `CONFLUENCE_API_TOKEN` is Cloud basic auth (scoped API token through the
 * gateway when `CONFLUENCE_CLOUD_ID` is set), or Data Center basic auth with `CONFLUENCE_FLAVOR=dc`;
 * `CONFLUENCE_PERSONAL_TOKEN` is a Data Center personal access token.
 *
 * @example
 * const loaded = loadConfig(process.env);
 * if (!loaded.ok) for (const e of loaded.errors) process.stderr.write(`confluence-mcp: ${e}\n`);
 */
export function loadConfig(env: Record<string, string | undefined>): LoadResult {
  const parsed = parseConfluenceEnv(env);
  const errors = parsed.ok ? [] : [...parsed.errors];
  const attachmentDirectories = parseAttachmentDirs(env['CONFLUENCE_ATTACHMENT_DIRS'], errors);
  const maxAttachmentBytes = parsePositive('CONFLUENCE_MAX_ATTACHMENT_BYTES', env['CONFLUENCE_MAX_ATTACHMENT_BYTES'], DEFAULT_MAX_ATTACHMENT_BYTES, 'a positive whole number of bytes', errors);
  const callDeadlineMs = parsePositive('CONFLUENCE_CALL_DEADLINE_MS', env['CONFLUENCE_CALL_DEADLINE_MS'], DEFAULT_CALL_DEADLINE_MS, 'a whole number of milliseconds from 1000 to 600000', errors, 1_000, 600_000);
  if (!parsed.ok) return { ok: false, errors };
  const config = parsed.config;
  checkToolNames(config.tools, errors);
  const client = clientOptions(config, errors);
  if (!client || errors.length) return { ok: false, errors };

  const server: ServerOptions = { readOnly: config.readOnly, maxAttachmentBytes, callDeadlineMs, name: SERVER_NAME, version: SERVER_VERSION };
  if (config.tools) server.tools = config.tools;
  if (config.spaces) server.spaces = config.spaces;
  if (attachmentDirectories) server.attachmentDirectories = attachmentDirectories;
  return { ok: true, config: { client, server, logLevel: config.logLevel, secrets: secretsOf(config) } };
}

function clientOptions(config: ConfluenceConfig, errors: string[]): ConfluenceClientOptions | undefined {
  const { auth } = config;
  let clientAuth: ConfluenceAuth;
  let flavor = config.flavor;
  if (auth.kind === 'bearer') {
    if (config.flavor === 'cloud') {
      errors.push('CONFLUENCE_PERSONAL_TOKEN: personal access tokens are for Data Center; Confluence Cloud uses CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN');
      return undefined;
    }
    if (config.cloudId) {
      errors.push('CONFLUENCE_CLOUD_ID: only used with a Cloud scoped API token (CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN), not with CONFLUENCE_PERSONAL_TOKEN');
      return undefined;
    }
    clientAuth = { type: 'pat', token: auth.token };
    flavor = 'dc';
  } else if (config.flavor === 'dc') {
    if (config.cloudId) {
      errors.push('CONFLUENCE_CLOUD_ID: only used on Confluence Cloud, not with CONFLUENCE_FLAVOR=dc');
      return undefined;
    }
    // Data Center basic auth: the "API token" variable carries the user's password.
    clientAuth = { type: 'dc-basic', username: auth.email, password: auth.apiToken };
  } else {
    // An email + API token only exists on Cloud, so this is Cloud even on a custom domain without /wiki.
    clientAuth = config.cloudId
      ? { type: 'scoped', email: auth.email, apiToken: auth.apiToken, cloudId: config.cloudId }
      : { type: 'basic', email: auth.email, apiToken: auth.apiToken };
    flavor = 'cloud';
  }
  return { baseUrl: config.url, auth: clientAuth, flavor, timeoutMs: config.timeoutMs, userAgent: `${SERVER_NAME}/${SERVER_VERSION}` };
}

/** Unknown names are named by position, never quoted, as the schema does: the entry could be a pasted secret. */
function checkToolNames(tools: string[] | undefined, errors: string[]): void {
  tools?.forEach((name, i) => {
    if (!isToolOrToolset(name)) errors.push(`CONFLUENCE_TOOLS: entry ${i + 1} is not a tool or toolset name (toolsets: ${TOOLSETS.join(', ')})`);
  });
}

/** Absolute directories separated by the platform's path delimiter (`:` on macOS/Linux, `;` on Windows). */
function parseAttachmentDirs(value: string | undefined, errors: string[]): string[] | undefined {
  if (!value?.trim()) return undefined;
  const entries = value.split(delimiter).map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) {
    errors.push('CONFLUENCE_ATTACHMENT_DIRS: must list at least one directory');
    return undefined;
  }
  entries.forEach((entry, i) => {
    if (!isAbsolute(entry)) errors.push(`CONFLUENCE_ATTACHMENT_DIRS: entry ${i + 1} is not an absolute path`);
  });
  return [...new Set(entries.map((e) => normalize(e)))];
}

/** A whole number within bounds, or `fallback` when unset; a bad value is reported by name, never quoted. */
function parsePositive(name: string, value: string | undefined, fallback: number, expected: string, errors: string[], min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (!value?.trim()) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    errors.push(`${name}: must be ${expected}`);
    return fallback;
  }
  return n;
}

function secretsOf(config: ConfluenceConfig): string[] {
  if (config.auth.kind === 'bearer') return [config.auth.token];
  const { email, apiToken } = config.auth;
  // The Basic header value is base64 of `email:token`: a log line holding it would leak the token as surely.
  return [apiToken, Buffer.from(`${email}:${apiToken}`).toString('base64')];
}
