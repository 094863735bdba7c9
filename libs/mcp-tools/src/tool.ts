/** The shape of one tool: schemas, description, annotations and handler, registered by `createMcpServer`. */
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { ToolContext } from './context';
import type { ToolSuccess } from './results';

/**
 * Named groups of tools, for the `tools` allow-list (`CONFLUENCE_TOOLS=read,pages`). `default` is what a server
 * offers when no list is given; `all` is every tool.
 */
export const TOOLSETS = ['default', 'all', 'read', 'write', 'pages', 'search', 'spaces', 'comments', 'attachments', 'labels', 'users'] as const;

/**
 * The tools offered without a `tools` list: reading, searching, browsing, writing and discussing pages. Every
 * client puts the whole tool list in the model's context on every turn, so the default stays under 20,000
 * characters (the other tools, such as versions, labels and attachments, are one `CONFLUENCE_TOOLS=all` away).
 */
export const DEFAULT_TOOLS: readonly string[] = [
  'get_confluence_page',
  'search_confluence_pages',
  'get_confluence_spaces',
  'get_confluence_page_children',
  'get_confluence_page_comments',
  'create_confluence_page',
  'update_confluence_page',
  'add_confluence_comment',
  'search_confluence_index',
];
export type Toolset = (typeof TOOLSETS)[number];

export interface ToolDefinition<I extends z.ZodRawShape, O extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  /** Topic toolsets; `read` or `write` is added from `annotations.readOnlyHint`. */
  toolsets: readonly Exclude<Toolset, 'read' | 'write'>[];
  inputSchema: I;
  outputSchema: O;
  annotations: ToolAnnotations & { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };
  /**
   * Write tools: what to check before retrying when the write may or may not have happened (a timeout or a
   * reset after the request was sent), e.g. "List the comments before retrying."
   */
  unknownOutcome?: string;
  /** Offered only when the server has an `indexSearcher` (a synced index is configured). */
  needsIndex?: boolean;
  handler(args: z.output<z.ZodObject<I>>, ctx: ToolContext): Promise<ToolSuccess<z.input<z.ZodObject<O>>>>;
}

/** A tool with its types erased, as `tools/index.ts` lists them. */
export interface AnyTool {
  name: string;
  title: string;
  description: string;
  toolsets: readonly Toolset[];
  inputSchema: z.ZodRawShape;
  outputSchema: z.ZodRawShape;
  annotations: ToolDefinition<z.ZodRawShape, z.ZodRawShape>['annotations'];
  unknownOutcome?: string;
  needsIndex?: boolean;
  handler(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolSuccess<unknown>>;
}

/** Type-checks a tool against its own schemas, then erases the types for the flat list. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(tool: ToolDefinition<I, O>): AnyTool {
  return { ...tool, toolsets: [...tool.toolsets, tool.annotations.readOnlyHint ? 'read' : 'write'] } as unknown as AnyTool;
}
