/**
 * The Confluence MCP server shared by the stdio and Streamable HTTP apps: `createMcpServer(deps)` registers every
 * tool; the apps build `deps` from their configuration and attach a transport.
 */
export { createMcpServer, isToolOrToolset, selectTools } from './server';
export type { McpServerDeps, ToolLogger } from './deps';
export type { IndexHit, IndexSearchOptions, IndexSearcher } from './index-searcher';
export { DEFAULT_TOOLS, TOOLSETS } from './tool';
export type { Toolset } from './tool';
export { ALL_TOOLS } from './tools';
export { DEFAULT_CALL_DEADLINE_MS, DEFAULT_MAX_ATTACHMENT_BYTES } from './context';
export { MAX_RESULT_BYTES } from './call';
export { CONNECTION_CHECK_TIMEOUT_MS, checkConnection } from './connection-check';
export type { ConnectionCheck } from './connection-check';
export type { ToolErrorCode } from './results';

import { ALL_TOOLS as TOOLS } from './tools';

/** Names of every tool, for configuration checks and help text. */
export const TOOL_NAMES: readonly string[] = TOOLS.map((tool) => tool.name);
