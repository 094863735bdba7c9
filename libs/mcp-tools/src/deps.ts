/** What `createMcpServer()` needs: built by each app (stdio, HTTP) from its configuration. */
import type { ConfluenceClient, Logger } from '@confluence-mcp/confluence-client';
import type { IndexSearcher } from './index-searcher';

/**
 * Where tool calls and failures are logged (stderr in the stdio app: stdout belongs to the protocol): the client's
 * `Logger`, so one logger serves both.
 */
export type ToolLogger = Logger;

export interface McpServerDeps {
  client: ConfluenceClient;
  /** Write tools are not registered at all. @default false */
  readOnly?: boolean;
  /** Allow-list of tool names and/or toolset names (`all` for every tool); the `default` toolset when absent. */
  tools?: string[];
  /** Space keys every tool is confined to (CQL search included); all spaces when absent. */
  spaces?: string[];
  /** Directories `add_confluence_page_attachment` may read below; none (tool refuses every path) when absent. */
  attachmentDirectories?: string[];
  /** Largest file the attachment tools read or return, in bytes. @default 10 MiB */
  maxAttachmentBytes?: number;
  /**
   * Longest one tool call may take, every Confluence request and retry included; past it the call ends with
   * `UNAVAILABLE` naming the site and what was pending. @default 40_000
   */
  callDeadlineMs?: number;
  logger?: ToolLogger;
  /** Synced indexes `search_confluence_index` searches; the tool is offered only when this is given. */
  indexSearcher?: IndexSearcher;
  /**
   * Check index hits with `client` before showing them (one bulk read of their page ids; what it cannot read is
   * hidden): true when `client` acts for the caller, whose permissions may differ from the credentials the index
   * was synced with. @default false (the service's own credentials)
   */
  verifyIndexHits?: boolean;
  /** Server name and version announced to clients. */
  name?: string;
  version?: string;
}
