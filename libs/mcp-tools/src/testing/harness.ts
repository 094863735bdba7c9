/**
 * Spec helper: an emulator, a real client signed in to it, `createMcpServer` and an SDK `Client` linked to it in
 * memory. Library code must not import this (lint allows the emulator only in specs and testing/).
 */
import { createConfluenceClient } from '@confluence-mcp/confluence-client';
import type { ConfluenceClientOptions } from '@confluence-mcp/confluence-client';
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerDeps, ToolLogger } from '../deps';
import { createMcpServer } from '../server';

export type Flavor = 'cloud' | 'dc';

export function startWorld(flavor: Flavor = 'cloud'): Promise<RunningEmulator> {
  return startEmulator({ flavor, spaces: 3, pagesPerSpace: 8, seed: 5 });
}

export interface Connected {
  client: Client;
  logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }>;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult & { structuredContent?: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Connect an MCP client to a server for `username` on `emulator`. */
export async function connect(
  emulator: RunningEmulator,
  options: Partial<McpServerDeps> & { username?: string; clientOptions?: Partial<ConfluenceClientOptions> } = {},
): Promise<Connected> {
  const { username = 'alice', clientOptions = {}, ...deps } = options;
  const flavor = emulator.control.flavor;
  const confluence = createConfluenceClient({
    ...(flavor === 'cloud'
      ? { baseUrl: `${emulator.url}/wiki`, flavor, auth: { type: 'basic', email: `${username}@example.com`, apiToken: `token-${username}` }, gatewayUrl: emulator.url, retry: { limit: 0 } }
      : { baseUrl: emulator.url, flavor, auth: { type: 'pat', token: `pat-${username}` }, retry: { limit: 0 } }),
    ...clientOptions,
  } as ConfluenceClientOptions);
  const logs: Connected['logs'] = [];
  const logger: ToolLogger = {
    debug: (message, fields) => logs.push({ level: 'debug', message, fields }),
    info: (message, fields) => logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => logs.push({ level: 'error', message, fields }),
  };
  // Every tool unless a spec asks for a selection: the specs exercise tools outside the default toolset.
  const server = createMcpServer({ client: confluence, logger, tools: ['all'], ...deps });
  const client = new Client({ name: 'spec', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  // listTools makes the client validate structuredContent against each tool's outputSchema.
  await client.listTools();
  return {
    client,
    logs,
    call: (name, args) => client.callTool({ name, arguments: args }) as Promise<CallToolResult & { structuredContent?: Record<string, unknown> }>,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** The text of a result's first content item. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}

/** Spaces of the generated world: the last one is readable only by alice and bob. */
export function spacesOf(emulator: RunningEmulator) {
  const spaces = [...emulator.control.world.spaces.values()];
  return { open: spaces.filter((s) => s.permissions.read === '*'), restricted: spaces.filter((s) => s.permissions.read !== '*') };
}

/** Current pages of a space, with their latest title. */
export function pagesIn(emulator: RunningEmulator, spaceKey: string) {
  const space = [...emulator.control.world.spaces.values()].find((s) => s.key === spaceKey);
  if (!space) throw new Error(`no space ${spaceKey}`);
  return [...emulator.control.world.pages.values()]
    .filter((p) => p.spaceId === space.id && p.status === 'current' && p.type === 'page' && !p.restrictions.read)
    .map((p) => ({ id: p.id, title: p.versions[p.versions.length - 1].title, version: p.versions[p.versions.length - 1].number }));
}
