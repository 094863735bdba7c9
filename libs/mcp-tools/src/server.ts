/** `createMcpServer(deps)`: every tool, selected by read-only mode and the `tools` allow-list, on one McpServer. */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { prepareArguments } from './arguments';
import { assertAnswerSize, runCall } from './call';
import { ToolContext } from './context';
import type { McpServerDeps } from './deps';
import { registerResources } from './resources';
import { sanitizeArguments, toErrorResult } from './results';
import { DEFAULT_TOOLS, TOOLSETS } from './tool';
import type { AnyTool } from './tool';
import { asJsonValue } from './json';
import { listedTool } from './tool-list';
import { ALL_TOOLS } from './tools';

const KNOWN_NAMES = new Set<string>([...TOOLSETS, ...ALL_TOOLS.map((t) => t.name)]);

/** Whether `name` is a tool or a toolset name, for configuration checks (`CONFLUENCE_TOOLS`). */
export function isToolOrToolset(name: string): boolean {
  return KNOWN_NAMES.has(name);
}

/**
 * The tools a configuration exposes: write tools are left out in read-only mode; without a `tools` allow-list,
 * the `default` toolset (`DEFAULT_TOOLS`); with one, the tools named in it or belonging to a toolset named in it
 * (`all` for every tool); tools that need a synced index only when `indexSearcher` is given. Throws on a name that is neither, so a typo in the configuration is reported at
 * start-up instead of silently hiding tools.
 */
export function selectTools(deps: Pick<McpServerDeps, 'readOnly' | 'tools' | 'indexSearcher'>): AnyTool[] {
  const given = deps.tools?.map((t) => t.trim()).filter(Boolean);
  const wanted = given?.length ? given : ['default'];
  const unknown = wanted.filter((name) => !isToolOrToolset(name));
  if (unknown.length) throw new Error(`tools: unknown tool or toolset ${unknown.join(', ')} (toolsets: ${TOOLSETS.join(', ')})`);
  return ALL_TOOLS.filter((tool) => {
    if (deps.readOnly && !tool.annotations.readOnlyHint) return false;
    if (tool.needsIndex && !deps.indexSearcher) return false;
    if (wanted.includes('all') || wanted.includes(tool.name)) return true;
    if (wanted.includes('default') && DEFAULT_TOOLS.includes(tool.name)) return true;
    return tool.toolsets.some((set) => wanted.includes(set));
  });
}

/**
 * Build the MCP server both apps serve (stdio, Streamable HTTP): they pick the transport and connect it.
 *
 * @example
 * const server = createMcpServer({ client: createConfluenceClient(options), readOnly: true, spaces: ['ENG'] });
 * await server.connect(new StdioServerTransport());
 */
export function createMcpServer(deps: McpServerDeps): McpServer {
  const ctx = new ToolContext(deps);
  const server = new McpServer({ name: deps.name ?? 'confluence-mcp', version: deps.version ?? '0.0.0' }, { capabilities: { tools: {} } });
  const selected = selectTools(deps);
  const byName = new Map(selected.map((tool) => [tool.name, tool]));
  for (const tool of selected) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema, annotations: { title: tool.title, ...tool.annotations } },
      (args: Record<string, unknown>, extra) => runTool(tool, args, ctx, extra.signal),
    );
  }
  if (selected.length) {
    // The SDK validates strictly before the handler runs; ours coerces what a model plainly meant (a number for
    // an id, one value for a list), clamps sizes with a note, and answers the rest with INVALID_ARGUMENT results
    // that name the argument and show a right value.
    // Our own list: portable, compact schemas (see tool-list.ts), computed once.
    const listed = selected.map(listedTool);
    server.server.removeRequestHandler('tools/list');
    server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));
    server.server.removeRequestHandler('tools/call');
    server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const tool = byName.get(request.params.name);
      if (!tool) throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} not found`);
      // extra carries the request's abort signal: a cancelled call must stop making requests.
      return runTool(tool, request.params.arguments, ctx, extra.signal);
    });
  }
  registerResources(server, ctx);
  return server;
}

async function runTool(tool: AnyTool, raw: unknown, ctx: ToolContext, signal: AbortSignal | undefined): Promise<CallToolResult> {
  const started = Date.now();
  const writes = !tool.annotations.readOnlyHint;
  let args: unknown = raw;
  try {
    const prepared = prepareArguments(tool.inputSchema, raw);
    args = prepared.args;
    const result = await runCall(ctx, { signal, writes, unknownOutcome: tool.unknownOutcome }, async (callCtx) => {
      const { structured, text, extraContent = [] } = await tool.handler(prepared.args, callCtx);
      const notes = prepared.notes.length ? `Note: ${prepared.notes.join(' ')}\n\n` : '';
      return { content: [{ type: 'text' as const, text: `${notes}${text}` }, ...extraContent], structuredContent: stripUndefined(structured) as Record<string, unknown> };
    });
    assertAnswerSize(result);
    ctx.logger.info('tool call', { tool: tool.name, arguments: sanitizeArguments(args), ms: Date.now() - started });
    return result;
  } catch (error) {
    const result = toErrorResult(error, ctx.logger, tool.name, { siteUrl: ctx.client.siteUrl, unknownOutcome: tool.unknownOutcome });
    ctx.logger.info('tool call failed', { tool: tool.name, arguments: sanitizeArguments(args), ms: Date.now() - started, code: result._meta?.['code'] });
    return result;
  }
}

/** JSON without `undefined` members, as the client will see it. */
function stripUndefined(value: unknown): unknown {
  return asJsonValue(value ?? {});
}
