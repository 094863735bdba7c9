/**
 * Environment -> what the stdio server needs. The connection (URL, credentials, flavour, timeout) and the secrets
 * the log must never show come from the client's `clientOptionsFromEnv()`, shared with every app that talks to
 * Confluence; the MCP-only settings (tools, spaces, read-only mode, call deadline, attachments) are read here.
 * Pure (no I/O), so every rule is unit-tested; `main.ts` prints the errors and exits 1.
 */
import { ConfigurationError, clientOptionsFromEnv } from '@confluence-mcp/confluence-client';
import type { ClientEnvironment, ConfluenceClientOptions } from '@confluence-mcp/confluence-client';
import type { LogLevel } from '@confluence-mcp/logging';
import { DEFAULT_CALL_DEADLINE_MS, DEFAULT_MAX_ATTACHMENT_BYTES, TOOLSETS, isToolOrToolset } from '@confluence-mcp/mcp-tools';
import { parseIndexEnv, parseMcpEnv } from '@confluence-mcp/schemas';
import type { IndexEnvConfig } from '@confluence-mcp/schemas';
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
  /** The synced index `search_confluence_index` reads (SYNC_DATABASE_URL or DATABASE_URL); the tool is off without one. */
  index?: IndexEnvConfig;
  logLevel: LogLevel;
  /** Credential strings (and their Basic encoding) scrubbed from every log line. */
  secrets: string[];
}

export type LoadResult = { ok: true; config: StdioConfig } | { ok: false; errors: string[] };

/**
 * Validate the environment. Every problem is reported at once as `VARIABLE: problem`, the connection's and the
 * server's together; no message quotes a value. The auth modes are `clientOptionsFromEnv()`'s.
 *
 * @example
 * const loaded = loadConfig(process.env);
 * if (!loaded.ok) for (const e of loaded.errors) process.stderr.write(`confluence-mcp: ${e}\n`);
 */
export function loadConfig(env: Record<string, string | undefined>): LoadResult {
  const errors: string[] = [];
  const connection = connectionOf(env, errors);
  const mcp = parseMcpEnv(env);
  if (!mcp.ok) errors.push(...mcp.errors);
  const index = parseIndexEnv(env);
  if (!index.ok) errors.push(...index.errors);
  const attachmentDirectories = parseAttachmentDirs(env['CONFLUENCE_ATTACHMENT_DIRS'], errors);
  const maxAttachmentBytes = parsePositive('CONFLUENCE_MAX_ATTACHMENT_BYTES', env['CONFLUENCE_MAX_ATTACHMENT_BYTES'], DEFAULT_MAX_ATTACHMENT_BYTES, 'a positive whole number of bytes', errors);
  const callDeadlineMs = parsePositive('CONFLUENCE_CALL_DEADLINE_MS', env['CONFLUENCE_CALL_DEADLINE_MS'], DEFAULT_CALL_DEADLINE_MS, 'a whole number of milliseconds from 1000 to 600000', errors, 1_000, 600_000);
  if (mcp.ok) checkToolNames(mcp.config.tools, errors);
  if (!connection || !mcp.ok || errors.length) return { ok: false, errors };

  const { readOnly, tools, spaces, logLevel } = mcp.config;
  const server: ServerOptions = { readOnly, maxAttachmentBytes, callDeadlineMs, name: SERVER_NAME, version: SERVER_VERSION };
  if (tools) server.tools = tools;
  if (spaces) server.spaces = spaces;
  if (attachmentDirectories) server.attachmentDirectories = attachmentDirectories;
  const client = { ...connection.options, userAgent: `${SERVER_NAME}/${SERVER_VERSION}` };
  return { ok: true, config: { client, server, ...(index.ok && index.config ? { index: index.config } : {}), logLevel, secrets: connection.secrets } };
}

/** The client's options from the environment, or its problems added to `errors`. */
function connectionOf(env: Record<string, string | undefined>, errors: string[]): ClientEnvironment | undefined {
  try {
    return clientOptionsFromEnv(env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    errors.push(...error.problems);
    return undefined;
  }
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
