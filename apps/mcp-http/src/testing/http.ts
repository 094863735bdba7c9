/**
 * Test helpers: the server started in process from an environment (as `main.ts` does), the built app for
 * process-level specs, the SDK client over Streamable HTTP, captured log lines, and emulator pages with known
 * permissions.
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { createLogger } from '@confluence-mcp/logging';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { RunningHttpServer, startHttpServer } from '../server';

/** The esbuild output the process specs spawn (Nx runs `build` before `test`). */
export const BUILT_APP = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'mcp-http', 'main.js');

export function assertBuilt(): void {
  if (!existsSync(BUILT_APP)) throw new Error(`${BUILT_APP} is missing: run \`npx nx build mcp-http\` first`);
}

/** Two API keys of the API-key mode, long enough for the configuration. */
export const KEY_A = 'key-a-0123456789abcdef0123456789';
export const KEY_B = 'key-b-fedcba9876543210fedcba9876';

/** Alice's service credentials on the Cloud emulator. */
export function serviceEnv(emulator: RunningEmulator): Record<string, string> {
  return { CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_USERNAME: 'alice@example.com', CONFLUENCE_API_TOKEN: 'token-alice' };
}

/** The server and every log line it wrote (parsed). */
export interface TestServer {
  running: RunningHttpServer;
  /** `http://127.0.0.1:PORT/mcp` */
  mcpUrl: string;
  logs: Array<Record<string, unknown>>;
  /** The raw log text, to prove a secret never appears in it. */
  rawLogs(): string;
  stop(): Promise<void>;
}

/** Start in process from an environment (`PORT=0`, loopback unless given), logging into memory. */
export async function startFromEnv(env: Record<string, string>): Promise<TestServer> {
  const loaded = loadConfig({ PORT: '0', LOG_LEVEL: 'debug', ...env });
  if (!loaded.ok) throw new Error(`bad test configuration: ${loaded.errors.join('; ')}`);
  const raw: string[] = [];
  const logger = createLogger({ level: loaded.config.logLevel, redact: loaded.config.secrets, destination: { write: (line: string) => raw.push(line) } });
  const running = await startHttpServer(loaded.config, { logger });
  return {
    running,
    mcpUrl: `${running.url}/mcp`,
    get logs() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => raw.join(''),
    stop: async () => void (await running.shutdown('test over')),
  };
}

/** An SDK client connected over Streamable HTTP with these headers on every request. */
export async function connectClient(url: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'mcp-http-spec', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

export function basic(user: string, secret: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` };
}

/** What a raw JSON-RPC POST needs besides its body. */
export const MCP_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

/** An `initialize` request as a client's first POST. */
export const INITIALIZE = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });

export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

type PageFilter = 'public' | 'alice-only' | 'restricted-space';

/**
 * A current page: `public` (readable by everyone), `alice-only` (a read restriction naming alice), or
 * `restricted-space` (in the space only alice and bob may read).
 */
export function pageOf(emulator: RunningEmulator, kind: PageFilter): { id: string; title: string; spaceKey: string } {
  const { world } = emulator.control;
  for (const page of world.pages.values()) {
    const space = world.spaces.get(page.spaceId);
    if (!space || page.type !== 'page' || page.status !== 'current') continue;
    const openSpace = space.permissions.read === '*';
    const restricted = Boolean(page.restrictions.read?.length);
    const fits = kind === 'public' ? openSpace && !restricted : kind === 'alice-only' ? openSpace && restricted : !openSpace && !restricted;
    if (fits) return { id: page.id, title: page.versions[page.versions.length - 1].title, spaceKey: space.key };
  }
  throw new Error(`the emulator generated no ${kind} page`);
}
